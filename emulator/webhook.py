"""Delivering updates to a webhook, as Telegram does once setWebhook named a URL.

Telegram posts each update as JSON to the URL (with the secret in
X-Telegram-Bot-Api-Secret-Token when one was set), up to max_connections at a time, and
retries an update until it gets a 2xx. Here one chat's updates go one at a time, in order
(each after the previous one was acknowledged), which is what lets a bot keep a chat's order.
The public URL is played by a "load balancer": the targets given to ``route_webhook``, one
picked at random for every attempt. ``duplicate_share`` re-sends a share of acknowledged
updates, as Telegram does when an acknowledgement is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import random
from dataclasses import dataclass
from typing import Any

import aiohttp

from emulator.state import State

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass(frozen=True)
class WebhookAttempt:
    update_id: int
    target: str
    status: int | None  # None: no answer (connection refused, timeout)
    repeat: bool = False  # a deliberate second delivery of an acknowledged update


def update_chat(update: dict[str, Any]) -> int | None:
    """The chat an update belongs to, for keeping each chat's updates in order (None for an
    update of no chat, or of a shape this cannot read)."""
    for kind in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if kind in update:
            return _id(update[kind], "chat")
    query = update.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        return _id(message, "chat") if isinstance(message, dict) else _id(query, "from")
    for kind in ("pre_checkout_query", "shipping_query", "inline_query", "my_chat_member"):
        if kind in update:
            return _id(update[kind], "from")
    return None


def _id(part: Any, key: str) -> int | None:
    inner = part.get(key) if isinstance(part, dict) else None
    value = inner.get("id") if isinstance(inner, dict) else None
    return value if isinstance(value, int) else None


class WebhookPusher:
    def __init__(self, state: State) -> None:
        self.state = state
        self.targets: list[str] = []
        self.retry_delay_s = 0.2  # Telegram waits longer; tests want it quick
        self.duplicate_share = 0.0
        self.attempts: list[WebhookAttempt] = []
        self._random = random.Random()
        self._in_flight: dict[int, asyncio.Task] = {}  # update_id -> delivery
        self._busy_chats: set[int] = set()
        self._task: asyncio.Task | None = None
        self._session: aiohttp.ClientSession | None = None

    def route(self, targets: list[str], *, duplicate_share: float = 0.0,
              seed: int | None = None) -> None:
        self.targets = list(targets)
        self.duplicate_share = duplicate_share
        self._random = random.Random(seed)
        self.state.updates.changed.notify()

    def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        self._task = asyncio.create_task(self._run(), name="webhook-pusher")

    async def stop(self) -> None:
        tasks = [t for t in (self._task, *self._in_flight.values()) if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def _startable(self) -> list[dict[str, Any]] | None:
        """Pending updates that may go now (None while there is nothing to do)."""
        if not (self.state.webhook_url and self.targets):
            return None
        room = self.state.webhook_max_connections - len(self._in_flight)
        ready: list[dict[str, Any]] = []
        blocked = set(self._busy_chats)
        for update in self.state.updates.pending():
            chat = update_chat(update)
            if update["update_id"] in self._in_flight or chat in blocked:
                if chat is not None:
                    blocked.add(chat)  # later updates of the chat wait behind this one
                continue
            if len(ready) >= room:
                break
            ready.append(update)
            if chat is not None:
                blocked.add(chat)
        return ready or None

    async def _run(self) -> None:
        while True:
            ready = await self.state.updates.changed.wait_until(self._startable, None)
            for update in ready:
                chat = update_chat(update)
                if chat is not None:
                    self._busy_chats.add(chat)
                self._in_flight[update["update_id"]] = asyncio.create_task(
                    self._deliver(update, chat))

    async def _deliver(self, update: dict[str, Any], chat: int | None) -> None:
        try:
            for attempt in itertools.count(1):
                if await self._post(update):
                    break
                await asyncio.sleep(min(self.retry_delay_s * attempt, 2.0))
            self.state.updates.remove(update["update_id"])
            if self._random.random() < self.duplicate_share:
                await self._post(update, repeat=True)
        finally:
            self._in_flight.pop(update["update_id"], None)
            self._busy_chats.discard(chat)
            self.state.updates.changed.notify()

    async def _post(self, update: dict[str, Any], repeat: bool = False) -> bool:
        assert self._session is not None
        target = self._random.choice(self.targets)
        headers = {}
        if self.state.webhook_secret:
            headers[SECRET_HEADER] = self.state.webhook_secret
        status: int | None = None
        with contextlib.suppress(aiohttp.ClientError, TimeoutError):
            async with self._session.post(target, json=update, headers=headers) as response:
                status = response.status
        self.attempts.append(WebhookAttempt(update["update_id"], target, status, repeat))
        return status is not None and 200 <= status < 300
