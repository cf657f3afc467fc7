"""Handling stored updates: claim them from the inbox (the oldest unfinished one of each
chat), run the Application's handlers on each with the update in hand (domain/shared/handling.py),
and mark it finished. Polling and webhook mode both feed the inbox; this is the one way out."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from telegram import Update
from telegram.ext import Application

from bot.logs import update_context
from bot.metrics import Metrics
from bot.storage.inbox import Inbox, InboxUpdate
from bot.updates import ParsedUpdates, chat_key
from domain.shared.clock import Clock
from domain.shared.handling import handling

log = logging.getLogger(__name__)

UNREADABLE_LOGGED = 2000  # characters of an unreadable update's raw text kept in the log
MAX_ATTEMPTS = 5  # claims of one update before it is set aside as unhandleable


class InboxWorker:
    """Claims stored updates, the oldest of each chat first, and hands each to the
    Application, up to `concurrency` chats at a time. Other replicas' updates are found by
    polling every `poll_s`; this replica's own are taken at once (wake). The leases of the
    updates in hand are renewed every third of the lease, however long a handler takes."""

    def __init__(self, bot_app: Application, inbox: Inbox, clock: Clock, metrics: Metrics, *,
                 concurrency: int = 32, poll_s: float = 0.5) -> None:
        self.bot_app = bot_app
        self.inbox = inbox
        self.clock = clock
        self.metrics = metrics
        self.concurrency = concurrency
        self.poll_s = poll_s
        self._wake = asyncio.Event()
        self._stopping = False
        self._loop_ended = asyncio.Event()
        self._handling: dict[int, tuple[InboxUpdate, asyncio.Task]] = {}
        self.parsed = ParsedUpdates()  # filled by whoever stores updates in this process
        self._renewing: asyncio.Task | None = None

    def wake(self) -> None:
        self._wake.set()

    @property
    def in_flight(self) -> int:
        return len(self._handling)

    async def run(self) -> None:
        self._renewing = asyncio.create_task(self._renew_leases(), name="inbox-leases")
        try:
            await self._claim_and_start()
        finally:
            self._loop_ended.set()

    async def _claim_and_start(self) -> None:
        while not self._stopping:
            self._wake.clear()
            free = self.concurrency - len(self._handling)
            claimed: list[InboxUpdate] = []
            if free > 0:
                try:
                    claimed = await self.inbox.claim(self.clock.now(), free,
                                                     skip=list(self._handling))
                except Exception:
                    log.exception("claiming updates failed; retrying")
            if self._stopping:  # stop() came while claiming: give these back unstarted
                with contextlib.suppress(Exception):
                    await self.inbox.release(claimed, started=False)
                return
            for item in claimed:
                task = asyncio.create_task(self._handle(item), name=f"update-{item.update_id}")
                self._handling[item.update_id] = (item, task)
            if free <= 0 or len(claimed) < free:
                # No room, or nothing more is claimable now: what becomes claimable later
                # comes with a wake (an update stored, or a chat's update finished) or, from
                # another replica, by the next poll. Claiming again at once would find nothing.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_s)

    async def _renew_leases(self) -> None:
        """Keep the updates in hand leased to this replica, in one statement per round."""
        while True:
            await asyncio.sleep(self.inbox.lease.total_seconds() / 3)
            held = [item for item, _ in self._handling.values()]
            try:
                await self.inbox.renew(held, self.clock.now())
            except Exception:
                log.exception("renewing the leases of %s updates failed; retrying", len(held))

    async def _handle(self, item: InboxUpdate) -> None:
        try:
            if item.attempts > MAX_ATTEMPTS:
                log.error("update %s failed %s times; set aside", item.update_id, MAX_ATTEMPTS)
            else:
                await self._process(item)
            if not await self.inbox.finish(item, self.clock.now()):
                log.warning("update %s handled after its lease was lost; it may run again",
                            item.update_id)
        except Exception:
            log.exception("update %s not finished; it will be claimed again", item.update_id)
        finally:
            held = self._handling.get(item.update_id)
            if held is not None and held[0] is item:
                del self._handling[item.update_id]
            self.wake()  # the chat's next update may be waiting for this one

    async def _process(self, item: InboxUpdate) -> None:
        try:
            update = self.parsed.take(item.update_id)
            if update is None:
                update = Update.de_json(json.loads(item.payload), self.bot_app.bot)
        except Exception:  # a shape this bot cannot read: set aside at once, not retried
            log.error("update %s cannot be read and is set aside: %s", item.update_id,
                      item.payload[:UNREADABLE_LOGGED], exc_info=True)
            return
        if item.effects:
            log.info("update %s handled again: %s of its effects were kept and are skipped",
                     item.update_id, item.effects)
        with update_context(item.update_id, chat_key(update)), \
                handling(item.update_id, item.effects):
            try:
                await self.metrics.measure(update, self.bot_app.process_update(update))
            except Exception:  # the error handlers already ran; it is done, not retried
                log.exception("update %s raised past the error handlers", item.update_id)

    async def stop(self, within_s: float) -> None:
        """Take no more (a claim under way is given back); let the updates being handled
        finish (up to `within_s`), and give back the leases of any that did not, so another
        replica handles them."""
        self._stopping = True
        self._wake.set()
        if self._renewing is not None:  # run() started: let its claim under way end
            await self._loop_ended.wait()
        running = {task: item for item, task in self._handling.values()}
        if running:
            _, late = await asyncio.wait(running, timeout=within_s)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)
            with contextlib.suppress(Exception):
                await self.inbox.release([running[task] for task in late], started=True)
        if self._renewing is not None:
            self._renewing.cancel()
            await asyncio.gather(self._renewing, return_exceptions=True)
