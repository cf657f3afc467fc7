"""Errors a test asks the server to return instead of doing the work."""

from dataclasses import dataclass
from typing import Any

from emulator.errors import ApiError

DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass
class Fault:
    method: str
    error: ApiError
    remaining: int
    chat_id: int | str | None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if method != self.method or self.remaining <= 0:
            return False
        return self.chat_id is None or str(params.get("chat_id")) == str(self.chat_id)


class FaultPlan:
    """Planned failures, consumed in the order they were planned."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(
        self,
        method: str,
        code: int,
        description: str | None,
        *,
        retry_after: int | None,
        times: int,
        chat_id: int | str | None,
    ) -> None:
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if code == 429
                else DEFAULT_DESCRIPTIONS.get(code, "Error")
            )
        error = ApiError(code, description, retry_after=retry_after)
        self._faults.append(Fault(method, error, times, chat_id))

    def take(self, method: str, params: dict[str, Any]) -> ApiError | None:
        """The error this call must fail with, if any is planned for it."""
        for fault in self._faults:
            if fault.matches(method, params):
                fault.remaining -= 1
                return fault.error
        return None

    def clear(self) -> None:
        self._faults.clear()
