"""The transactional outbox: chat messages owed to people, stored with the change behind them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any


class Delivery(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"


@dataclass(eq=False)
class OutboxMessage:
    """One alert for one chat. `kind` and `params` are rendered in the reader's language."""

    chat_id: int
    kind: str
    created_at: datetime
    params: dict[str, Any] = field(default_factory=dict)
    order_number: int | None = None
    state: Delivery = Delivery.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    sent_at: datetime | None = None
    id: int | None = None

    def mark_sent(self, at: datetime) -> None:
        self.state = Delivery.SENT
        self.sent_at = at
        self.attempts += 1

    def mark_unreachable(self, error: str) -> None:
        """The person blocked the bot: never retried."""
        self.state = Delivery.UNREACHABLE
        self.attempts += 1
        self.last_error = error

    def mark_failed(self, error: str) -> None:
        self.state = Delivery.FAILED
        self.attempts += 1
        self.last_error = error

    def postpone(self, until: datetime, reason: str) -> None:
        """Telegram asked us to slow down: try again then, without counting it as a failure."""
        self.next_attempt_at = until
        self.last_error = reason

    def retry_later(self, error: str, at: datetime, delay: timedelta, max_attempts: int) -> None:
        """A passing failure: try again after `delay`, or give up after `max_attempts`."""
        self.attempts += 1
        self.last_error = error
        if self.attempts >= max_attempts:
            self.state = Delivery.FAILED
        else:
            self.next_attempt_at = at + delay
