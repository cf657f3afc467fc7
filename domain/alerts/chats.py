"""The store's chats as Telegram changes them under the bot.

A group Telegram upgraded to a supergroup has a new id: what the bot owes the old one, and
everything after, goes to the new one.

A store chat the bot cannot post in (it was removed or kicked, lost the right to send, or the
configured id is unknown to Telegram) is lost: the admins are told once, privately, why, and
the store's messages go to each of them privately instead, until Telegram says the bot may
post there again, when they are told that too. The bot learns of a loss from a my_chat_member
update or from a refused send, whichever comes first, and of the return from such an update
or from asking Telegram (at start, and every few minutes while a chat is lost: a group's
default permissions change with no update to the bot). Only admins who can be written to
get the store's messages; with none, they wait.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from datetime import datetime
from enum import StrEnum
from typing import Any

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import Notice, OutboxMessage, person_alert
from domain.shared.clock import Clock
from domain.shared.repositories import OutboxRepository
from domain.shared.unit_of_work import UnitOfWork


class Lost(StrEnum):
    """Why the bot cannot post in a store chat."""

    REMOVED = "removed"  # removed or kicked from it
    NO_RIGHTS = "no_rights"  # a member without the right to send messages
    UNKNOWN = "unknown"  # Telegram knows no chat with that id


# How Telegram words a refusal to a bot that may not post in a group (lower-cased).
NO_RIGHTS = ("not enough rights", "have no rights", "chat_write_forbidden", "chat_restricted")


def refused_for(forbidden: bool, description: str) -> Lost | None:
    """Why a group refused the bot, as Telegram put it: a 403 (`forbidden`) is a bot removed;
    a 400 names a chat Telegram does not know, or missing rights; None for anything else."""
    if forbidden:
        return Lost.REMOVED
    description = description.lower()
    if "chat not found" in description:
        return Lost.UNKNOWN
    if any(words in description for words in NO_RIGHTS):
        return Lost.NO_RIGHTS
    return None


def lost_key(chat_id: int) -> str:
    return f"store_chat_lost:{chat_id}"


def topic_key(chat_id: int) -> str:
    return f"store_topic_gone:{chat_id}"


async def note_lost(outbox: OutboxRepository, chat_id: int, why: Lost,
                    admin_ids: Collection[int], now: datetime) -> list[OutboxMessage]:
    """The bot cannot post in the store chat; returns what the admins are told (nothing if
    they were told already)."""
    return await _begins(outbox, Notice(lost_key(chat_id), now, why.value),
                         AlertKind.STORE_CHAT_LOST, admin_ids, why=why.value)


async def note_back(outbox: OutboxRepository, chat_id: int, admin_ids: Collection[int],
                    now: datetime) -> list[OutboxMessage]:
    """The bot may post in the store chat again; returns what the admins are told (nothing if
    it was not lost)."""
    return await _ends(outbox, lost_key(chat_id), AlertKind.STORE_CHAT_BACK, admin_ids, now)


async def note_topic_gone(outbox: OutboxRepository, chat_id: int, admin_ids: Collection[int],
                          now: datetime) -> list[OutboxMessage]:
    """The store's forum topic (STORE_THREAD_ID) refused a message, closed or deleted: the
    store's messages go to the group's General topic meanwhile; returns what the admins are
    told (once)."""
    return await _begins(outbox, Notice(topic_key(chat_id), now), AlertKind.STORE_TOPIC_GONE,
                         admin_ids)


async def note_topic_back(outbox: OutboxRepository, chat_id: int, admin_ids: Collection[int],
                          now: datetime) -> list[OutboxMessage]:
    """A message reached the store's topic again; returns what the admins are told."""
    return await _ends(outbox, topic_key(chat_id), AlertKind.STORE_TOPIC_BACK, admin_ids, now)


async def _begins(outbox: OutboxRepository, notice: Notice, kind: AlertKind,
                  admin_ids: Collection[int], **params: Any) -> list[OutboxMessage]:
    if not await outbox.add_notice(notice):
        return []
    return [person_alert(admin, kind, notice.since, **params) for admin in sorted(admin_ids)]


async def _ends(outbox: OutboxRepository, key: str, kind: AlertKind, admin_ids: Collection[int],
                now: datetime) -> list[OutboxMessage]:
    if await outbox.remove_notice(key) is None:
        return []
    return [person_alert(admin, kind, now) for admin in sorted(admin_ids)]


async def lost_chats(outbox: OutboxRepository, chat_ids: Iterable[int]) -> set[int]:
    """Which of these chats are lost store chats (only groups can be)."""
    return {chat_id for chat_id in set(chat_ids)
            if chat_id < 0 and await outbox.notice(lost_key(chat_id)) is not None}


def redirected(message: OutboxMessage, admin_ids: Collection[int], now: datetime
               ) -> list[OutboxMessage]:
    """The message, for each admin's private chat instead of a lost store chat."""
    return [OutboxMessage(admin, message.kind, now, dict(message.params),
                          order_number=message.order_number, priority=message.priority)
            for admin in sorted(admin_ids)]


class StoreChats:
    """What Telegram tells the bot about the store's chats: moves, losses and returns."""

    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock,
                 admin_ids: Collection[int] = ()) -> None:
        self.uow = uow
        self.clock = clock
        self.admin_ids = admin_ids

    async def record(self, from_chat_id: int, to_chat_id: int) -> None:
        """Telegram said the group moved (a service message, or a refused send); a loss of
        the old chat ends with it: the new one is asked about on its own."""
        async with self.uow() as uow:
            uow.repeatable = True  # recording it again changes nothing
            now = self.clock.now()
            await uow.outbox.move_chat(from_chat_id, to_chat_id, now)
            await uow.alert(*await note_back(uow.outbox, from_chat_id, self.admin_ids, now))
            await uow.commit()

    async def lost_among(self, chat_ids: Iterable[int]) -> set[int]:
        """Which of these chats the bot cannot post in, as last learnt."""
        async with self.uow() as uow:
            return await lost_chats(uow.outbox, chat_ids)

    async def now_at(self, chat_ids: Iterable[int]) -> tuple[int, ...]:
        """Where these chats are now (a chat moved twice is followed to its last id)."""
        async with self.uow() as uow:
            moves = await uow.outbox.chat_moves()
        found = []
        for chat_id in chat_ids:
            seen = {chat_id}
            while chat_id in moves and moves[chat_id] not in seen:
                chat_id = moves[chat_id]
                seen.add(chat_id)
            found.append(chat_id)
        return tuple(found)

    async def lost(self, chat_id: int, why: Lost) -> None:
        """Telegram said the bot can no longer post in the store chat."""
        async with self.uow() as uow:
            uow.repeatable = True  # told once, however often it is heard
            await uow.alert(*await note_lost(uow.outbox, chat_id, why, self.admin_ids,
                                             self.clock.now()))
            await uow.commit()

    async def back(self, chat_id: int) -> None:
        """Telegram said the bot may post in the store chat (again)."""
        async with self.uow() as uow:
            uow.repeatable = True
            await uow.alert(*await note_back(uow.outbox, chat_id, self.admin_ids,
                                             self.clock.now()))
            await uow.commit()
