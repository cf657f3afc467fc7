"""Chats that moved: a group Telegram upgraded to a supergroup has a new id, and what the bot
owes the old one, and everything after, goes to the new one."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from domain.shared.clock import Clock
from domain.shared.unit_of_work import UnitOfWork


class ChatMoves:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Clock) -> None:
        self.uow = uow
        self.clock = clock

    async def record(self, from_chat_id: int, to_chat_id: int) -> None:
        """Telegram said the group moved (a service message, or a refused send)."""
        async with self.uow() as uow:
            uow.repeatable = True  # recording it again changes nothing
            await uow.outbox.move_chat(from_chat_id, to_chat_id, self.clock.now())
            await uow.commit()

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
