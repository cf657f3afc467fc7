"""Polling mode: long-poll getUpdates and store each batch in the inbox before the next call
acknowledges it.

Telegram forgets the updates before an offset as soon as a call carries that offset, so the
offset moves past a batch only once the batch is stored: a process killed at any moment
either stored an update (and handles it after the restart, bot/inbox_worker.py) or never
acknowledged it (and Telegram sends it again). python-telegram-bot's own Updater confirms a
batch before handling it, which is why it is not used.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import warnings
from collections.abc import Callable, Sequence
from typing import Any

from telegram import Bot, Update
from telegram.error import Conflict, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from bot.storage.inbox import Inbox
from bot.updates import ParsedUpdates, update_lane
from domain.shared.clock import Clock
from notifier.sender import retry_after

log = logging.getLogger(__name__)

# getUpdates is called through do_api_request on purpose, for the raw JSON (see _fetch);
# python-telegram-bot warns about that on every call.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.getUpdates'",
                        category=PTBUserWarning)

MAX_BACKOFF_S = 30.0  # between getUpdates calls while Telegram or the database fails


class InboxPoller:
    """Calls getUpdates in a loop; stores each batch (one transaction), then moves the offset.

    The first call does not wait (timeout 0), so `first_batch` tells when the updates that
    piled up while the bot was down are stored.
    """

    def __init__(self, bot: Bot, inbox: Inbox, clock: Clock, on_stored: Callable[[], None],
                 parsed: ParsedUpdates, *, timeout: int = 10,
                 allowed_updates: Sequence[str] = Update.ALL_TYPES) -> None:
        self.bot = bot
        self.parsed = parsed  # the worker's: each update handed on parsed
        self.inbox = inbox
        self.clock = clock
        self.on_stored = on_stored
        self.timeout = timeout
        self.allowed_updates = list(allowed_updates)
        self.first_batch = asyncio.Event()
        self._offset: int | None = None
        self._stopping = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._fetching: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="inbox-poller")

    async def stop(self) -> None:
        """Stop polling. A call waiting for updates is abandoned (what it would have returned
        stays unacknowledged); a batch being stored is stored first."""
        self._stopping.set()
        if self._fetching is not None:
            self._fetching.cancel()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                timeout = self.timeout if self.first_batch.is_set() else 0
                self._fetching = asyncio.create_task(self._fetch(timeout))
                try:
                    batch = await self._fetching
                finally:
                    self._fetching = None
                await self._store(batch)
                failures = 0
                self.first_batch.set()
            except asyncio.CancelledError:
                if self._stopping.is_set():
                    return
                raise
            except RetryAfter as error:
                await self._nap(retry_after(error).total_seconds())
            except Exception as error:
                failures += 1
                self._log_failure(error, failures)
                await self._nap(min(MAX_BACKOFF_S, 0.5 * 2 ** min(failures, 6)))

    async def _fetch(self, wait_s: int) -> list[dict[str, Any]]:
        """One getUpdates call, answered as raw JSON: an update python-telegram-bot cannot
        parse is still stored (and set aside by the worker), never a wedge."""
        params: dict[str, Any] = {"timeout": wait_s, "allowed_updates": self.allowed_updates}
        if self._offset is not None:
            params["offset"] = self._offset
        result = await self.bot.do_api_request(
            "getUpdates", api_kwargs=params, read_timeout=wait_s + 10)
        return [item for item in result or [] if isinstance(item, dict)
                and type(item.get("update_id")) is int]

    async def _store(self, batch: list[dict[str, Any]]) -> None:
        if not batch:
            return
        rows = [(item["update_id"], self._lane(item), json.dumps(item)) for item in batch]
        added = await self.inbox.add_many(rows, self.clock.now())
        self._offset = max(update_id for update_id, _, _ in rows) + 1
        if added:
            self.on_stored()

    def _lane(self, item: dict[str, Any]) -> int:
        try:
            update = Update.de_json(item, self.bot)
            lane = update_lane(update)
        except Exception:  # unparseable: its own lane, so it holds up no chat
            lane = None
        else:
            self.parsed.keep(update)
        return lane if lane is not None else -item["update_id"]

    def _log_failure(self, error: Exception, failures: int) -> None:
        if isinstance(error, Conflict):
            log.error("getUpdates refused: another process polls this bot, or a webhook is set "
                      "(%s)", error)
        elif isinstance(error, NetworkError | TelegramError):
            log.warning("getUpdates failed (%s; %s in a row); retrying", error, failures)
        else:
            log.exception("storing updates failed (%s in a row); Telegram keeps them, retrying",
                          failures)

    async def _nap(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
