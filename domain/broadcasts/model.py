"""Announcements from the store to every customer, every rider, or both.

draft (the admin sees a preview) ─Send─▶ sending ─last row ends─▶ finished
   │                          └─with a time─▶ scheduled ─time comes─▶ sending
   └────────── cancel (from draft, scheduled or sending) ──────────▶ cancelled
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.shared.errors import InvalidAnswer, InvalidTransition
from domain.shared.text import normalized, utf16_length

MAX_BROADCAST_CHARS = 4000  # UTF-16 units: Telegram's 4096 minus room for the 📢


class Audience(StrEnum):
    CUSTOMERS = "customers"
    RIDERS = "riders"
    ALL = "all"


class BroadcastState(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    FINISHED = "finished"
    CANCELLED = "cancelled"


CANCELLABLE = (BroadcastState.DRAFT, BroadcastState.SCHEDULED, BroadcastState.SENDING)


@dataclass(eq=False)
class Broadcast:
    audience: Audience
    text: str
    created_by: int
    created_at: datetime
    state: BroadcastState = BroadcastState.DRAFT
    scheduled_for: datetime | None = None
    total: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None
    progress_chat_id: int | None = None
    progress_message_id: int | None = None
    reported_at: datetime | None = None
    id: int | None = None

    @classmethod
    def draft(
        cls,
        audience: Audience,
        text: str,
        by: int,
        at: datetime,
        scheduled_for: datetime | None = None,
    ) -> Broadcast:
        text = text.strip()
        if not normalized(text):  # kept as written (its lines), but something must show
            raise InvalidAnswer("broadcast_empty")
        if utf16_length(text) > MAX_BROADCAST_CHARS:
            raise InvalidAnswer("broadcast_too_long", limit=MAX_BROADCAST_CHARS)
        if scheduled_for is not None and scheduled_for <= at:
            raise InvalidAnswer("broadcast_in_past")
        return cls(audience, text, by, at, scheduled_for=scheduled_for)

    def confirm(self, at: datetime, progress_chat_id: int, progress_message_id: int) -> bool:
        """The admin pressed Send. Returns True when it starts now (not scheduled for later)."""
        self._require(BroadcastState.DRAFT)
        self.progress_chat_id, self.progress_message_id = progress_chat_id, progress_message_id
        if self.scheduled_for is not None and self.scheduled_for > at:
            self.state = BroadcastState.SCHEDULED
            return False
        return True

    def is_due(self, at: datetime) -> bool:
        return (
            self.state is BroadcastState.SCHEDULED
            and self.scheduled_for is not None
            and self.scheduled_for <= at
        )

    def start(self, at: datetime, total: int) -> None:
        """Its messages were queued, one per recipient."""
        if self.state not in (BroadcastState.DRAFT, BroadcastState.SCHEDULED):
            raise InvalidTransition("broadcast_state", id=self.id, state=self.state.value)
        self.state = BroadcastState.SENDING
        self.started_at = at
        self.total = total

    def finish(self, at: datetime) -> None:
        self._require(BroadcastState.SENDING)
        self.state = BroadcastState.FINISHED
        self.finished_at = at

    def cancel(self, at: datetime) -> BroadcastState:
        """Stop it; returns the state it was in (messages already sent stay sent)."""
        if self.state not in CANCELLABLE:
            raise InvalidTransition("broadcast_state", id=self.id, state=self.state.value)
        was = self.state
        self.state = BroadcastState.CANCELLED
        self.finished_at = at
        return was

    @property
    def needs_report(self) -> bool:
        """It started and has ended (or is running), and its final report is not out yet."""
        return self.started_at is not None and self.reported_at is None

    def _require(self, state: BroadcastState) -> None:
        if self.state is not state:
            raise InvalidTransition("broadcast_state", id=self.id, state=self.state.value)
