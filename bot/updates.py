"""Concurrency for incoming updates: different chats at once, one chat strictly in order.

Strictly, an update waits in a lane: its chat's, or for a press that decides on one order
(views.callbacks.DECISIONS), that order's own lane within the chat. So a staff group's
Approve presses on different orders run side by side, while a conversation (a wizard, an
awaited code) still sees its messages and presses one at a time, in order.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.logs import update_context
from bot.metrics import Metrics
from views.callbacks import DECISIONS, decode


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Runs updates of different lanes concurrently and each lane's updates in arrival order.

    An update first waits for its lane's turn and only then takes one of the shared slots, so
    a chat that sends a burst never holds slots other chats need. The ordering holds within
    one process (in-memory locks); across replicas the database decides (row locks).
    """

    def __init__(self, max_concurrent_updates: int = 64, metrics: Metrics | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self.metrics = metrics or Metrics()
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_lane(update)
        if key is None:
            await super().process_update(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await super().process_update(update, coroutine)
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        update_id = update.update_id if isinstance(update, Update) else None
        with update_context(update_id, chat_key(update)):
            await self.metrics.measure(update, coroutine)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def chat_key(update: object) -> int | None:
    """The chat whose updates must be handled in order (the user's, for a chatless one)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


def update_lane(update: object) -> int | None:
    """The lane an update waits in: its chat's, or for a decision on one order or offer,
    that order's (offer's) lane within the chat."""
    chat = chat_key(update)
    query = update.callback_query if isinstance(update, Update) else None
    decision = decode(query.data) if query is not None else None
    if chat is None or decision is None or decision.action not in DECISIONS:
        return chat
    subject = f"{chat}:{DECISIONS[decision.action]}:{decision.args[0]}"
    # An integer, as the webhook inbox stores lanes; two lanes that happened to share one
    # would only wait for each other.
    digest = hashlib.blake2b(subject.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
