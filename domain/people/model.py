"""The people the bot knows: everyone who talked to it (riders: domain.dispatch.riders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.shared.errors import NotAllowed

LANGUAGES = ("en", "ko")


def language_for(language_code: str | None) -> str:
    """Korean for a Telegram language_code starting with `ko`, English otherwise."""
    return "ko" if (language_code or "").lower().startswith("ko") else "en"


@dataclass(eq=False)
class User:
    user_id: int
    first_name: str
    created_at: datetime
    language_code: str | None = None
    chosen_language: str | None = None
    muted_at: datetime | None = None  # opted out of announcements (never of order alerts)
    unreachable_since: datetime | None = None  # blocked the bot; nothing is sent meanwhile

    @property
    def language(self) -> str:
        return self.chosen_language or language_for(self.language_code)

    @property
    def reachable(self) -> bool:
        return self.unreachable_since is None

    def mark_unreachable(self, at: datetime) -> None:
        """They blocked the bot (or the chat is gone): nothing is sent to them meanwhile."""
        self.unreachable_since = at

    def mark_reachable(self) -> None:
        """They wrote to the bot again, so they unblocked it."""
        self.unreachable_since = None


@dataclass(frozen=True)
class Person:
    """Someone acting in the chat, before any role is checked."""

    user_id: int
    name: str


@dataclass(frozen=True)
class Staff:
    """The store's staff (ADMIN_IDS): they run the store; everyone else is refused."""

    admin_ids: frozenset[int] = frozenset()

    def includes(self, person: Person) -> bool:
        return person.user_id in self.admin_ids

    def check(self, person: Person) -> None:
        """Refuse anyone who is not store staff."""
        if not self.includes(person):
            raise NotAllowed("staff_only")
