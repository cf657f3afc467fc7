"""The people the bot knows: everyone who talked to it (riders: domain.riders)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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


@dataclass(frozen=True)
class Person:
    """Someone acting in the chat, before any role is checked."""

    user_id: int
    name: str
