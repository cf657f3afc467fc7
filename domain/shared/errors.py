"""Domain errors. Each carries a stable code and parameters; the chat layer translates them."""

from __future__ import annotations


class DomainError(Exception):
    """A rule said no. `code` names the reason; `params` fill the translated sentence."""

    code = "error"

    def __init__(self, code: str | None = None, **params: object) -> None:
        self.code = code or type(self).code
        self.params = params
        super().__init__(f"{self.code} {params}" if params else self.code)


class NotFound(DomainError):
    code = "not_found"


class NotAllowed(DomainError):
    """The person lacks the role or does not own the thing they act on."""

    code = "not_allowed"


class InvalidTransition(DomainError):
    """The order's current status does not allow this move."""

    code = "invalid_transition"


class InvalidAnswer(DomainError):
    """A wizard answer or command argument that cannot be accepted, with the reason."""

    code = "invalid_answer"


class Conflict(DomainError):
    """Someone else changed the same thing at the same moment."""

    code = "conflict"


class AlreadyApplied(DomainError):
    """A re-run of an update reached work an earlier run already committed (domain.shared.handling);
    nothing was changed again. `orders` are the order numbers that work touched."""

    code = "already_applied"


class OutOfDate(DomainError):
    """A button answered what the person saw, and that has changed since (a Confirm under
    an older summary, say): nothing is done, the current state is shown instead."""

    code = "out_of_date"
