"""The bot's queue of pending updates, served by getUpdates."""

from typing import Any

from emulator.errors import GET_UPDATES_TERMINATED, ApiError
from emulator.signals import Signal

ALL_UPDATE_TYPES = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
# What Telegram sends when allowed_updates was never set or was set to [].
DEFAULT_UPDATE_TYPES = ALL_UPDATE_TYPES - {
    "chat_member",
    "message_reaction",
    "message_reaction_count",
}

MAX_LIMIT = 100


class UpdateQueue:
    """Updates waiting for the bot, in update_id order, kept until an offset confirms them."""

    def __init__(self, first_update_id: int = 1) -> None:
        self._pending: list[dict[str, Any]] = []
        self._next_id = first_update_id
        self._newest_poll = 0
        self.allowed: frozenset[str] = DEFAULT_UPDATE_TYPES
        self.changed = Signal()
        self.closed = False

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update, unless the bot's allowed_updates leave its type out."""
        if kind not in self.allowed:
            return None
        update = {"update_id": self._next_id, kind: payload}
        self._next_id += 1
        self._pending.append(update)
        self.changed.notify()
        return update

    @property
    def last_update_id(self) -> int:
        """The id of the newest update queued so far (one less than the first, before any)."""
        return self._next_id - 1

    def pending(self) -> list[dict[str, Any]]:
        return list(self._pending)

    def remove(self, update_id: int) -> None:
        """A webhook delivery was acknowledged."""
        self._pending = [u for u in self._pending if u["update_id"] != update_id]

    def set_allowed(self, types: list[str]) -> None:
        # Like Telegram this only affects updates created from now on.
        self.allowed = frozenset(types) if types else DEFAULT_UPDATE_TYPES

    def confirm(self, offset: int) -> None:
        """Forget updates the way getUpdates' offset does, negative offsets included."""
        if offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        elif offset < 0:
            self._pending = self._pending[offset:]

    def drop_pending(self) -> None:
        self._pending.clear()

    def close(self) -> None:
        """Release every long poll with whatever is pending."""
        self.closed = True
        self.changed.notify()

    async def poll(self, *, offset: int, limit: int, seconds: float) -> list[dict[str, Any]]:
        """Serve one getUpdates call; a newer call terminates an older long poll with 409."""
        self._newest_poll += 1
        mine = self._newest_poll
        self.changed.notify()
        self.confirm(offset)

        def outcome() -> str | None:
            if self._newest_poll != mine:
                return "terminated"
            if self._pending or self.closed:
                return "ready"
            return None

        try:
            if await self.changed.wait_until(outcome, seconds) == "terminated":
                raise ApiError(409, GET_UPDATES_TERMINATED)
        except TimeoutError:
            return []
        return self._pending[:limit]
