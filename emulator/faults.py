"""Errors a test asks the server to return instead of doing the work."""

import random
from dataclasses import dataclass
from typing import Any

from emulator.errors import ApiError, too_many_requests

DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
GATEWAY_TIMEOUT = 504


def default_error(code: int) -> ApiError:
    """An error with the description Telegram gives for ``code``; a 429 says retry after 1."""
    if code == 429:
        return too_many_requests(1)
    return ApiError(code, DEFAULT_DESCRIPTIONS.get(code, "Error"))


@dataclass
class Fault:
    method: str
    error: ApiError
    remaining: int
    chat_id: int | str | None
    after_work: bool = False  # the call does its work; only the answer is an error

    def matches(self, method: str, params: dict[str, Any], after_work: bool = False) -> bool:
        if method != self.method or self.remaining <= 0 or self.after_work != after_work:
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
        after_work: bool = False,
    ) -> None:
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if code == 429
                else DEFAULT_DESCRIPTIONS.get(code, "Error")
            )
        error = ApiError(code, description, retry_after=retry_after)
        self._faults.append(Fault(method, error, times, chat_id, after_work))

    def take(
        self, method: str, params: dict[str, Any], *, after_work: bool = False
    ) -> ApiError | None:
        """The error this call must fail with, if any is planned for it: instead of its work,
        or (``after_work``) once the work is done."""
        for fault in self._faults:
            if fault.matches(method, params, after_work):
                fault.remaining -= 1
                return fault.error
        return None

    def clear(self) -> None:
        self._faults.clear()


@dataclass(frozen=True)
class RandomFault:
    """One drawn fault: answer ``error``, after ``hang_s`` seconds when it is a timeout."""

    error: ApiError
    hang_s: float = 0.0


@dataclass(frozen=True)
class _Odds:
    share: float
    codes: tuple[int, ...]
    timeout_share: float
    hang_s: float
    methods: frozenset[str]


class RandomFaults:
    """Faults drawn at random for some methods; reproducible with a seed."""

    def __init__(self) -> None:
        self._odds: _Odds | None = None
        self._random = random.Random()
        self.injected = 0

    def set(
        self,
        share: float,
        *,
        codes: tuple[int, ...],
        timeout_share: float,
        hang_s: float,
        methods: frozenset[str],
        seed: int | None,
    ) -> None:
        if not (0.0 <= share <= 1.0 and 0.0 <= timeout_share <= 1.0):
            raise ValueError("share and timeout_share are probabilities between 0 and 1")
        if share + timeout_share > 1.0:
            raise ValueError("share + timeout_share must not exceed 1")
        if share > 0 and not codes:
            raise ValueError("give at least one error code")
        if any(not 400 <= code <= 599 for code in codes):
            raise ValueError("error codes are between 400 and 599")
        if hang_s < 0:
            raise ValueError("hang_s must not be negative")
        self._odds = _Odds(share, tuple(codes), timeout_share, hang_s, methods)
        self._random = random.Random(seed)

    def clear(self) -> None:
        self._odds = None

    def draw(self, method: str) -> RandomFault | None:
        """The fault this call of ``method`` meets, if any."""
        odds = self._odds
        if odds is None or method not in odds.methods:
            return None
        roll = self._random.random()
        if roll < odds.share:
            self.injected += 1
            return RandomFault(default_error(self._random.choice(odds.codes)))
        if roll < odds.share + odds.timeout_share:
            self.injected += 1
            return RandomFault(default_error(GATEWAY_TIMEOUT), odds.hang_s)
        return None
