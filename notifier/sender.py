"""The outbox sender: sends what is due, marks it, retries passing failures.

Runs in one process per database for now (no claims across processes yet); every row ends
sent, unreachable (the person blocked the bot) or failed (with the reason).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import warnings
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum

from telegram import Bot
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from domain.clock import Clock
from domain.outbox import OutboxMessage
from domain.unit_of_work import UnitOfWork
from notifier.render import render_alert

log = logging.getLogger(__name__)


class Outcome(Enum):
    DONE = "done"  # sent, or recorded as failed / unreachable / to retry
    PAUSE = "pause"  # Telegram asked the whole bot to wait


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        *,
        default_language: str = "en",
        batch_size: int = 50,
        max_attempts: int = 5,
        idle_poll_s: float = 1.0,
    ) -> None:
        self.bot = bot
        self.uow = uow
        self.clock = clock
        self.default_language = default_language
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.idle_poll_s = idle_poll_s
        self._wake = asyncio.Event()
        self._stopping = False
        self._resume_at: datetime | None = None

    def wake(self) -> None:
        """Something was just committed to the outbox: look now rather than at the next poll."""
        self._wake.set()

    async def run(self) -> None:
        """Send until stopped; a failing round is logged and retried, never fatal."""
        while not self._stopping:
            try:
                sent = await self.send_due()
            except Exception:
                log.exception("outbox round failed; retrying")
                sent = 0
            if sent >= self.batch_size:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.idle_poll_s)
            self._wake.clear()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def send_due(self) -> int:
        """One round: send every message that is due now. Returns how many were tried."""
        if self._resume_at is not None and self.clock.now() < self._resume_at:
            return 0  # Telegram asked for a pause; it applies to every chat
        async with self.uow() as uow:
            due = await uow.outbox.due(self.clock.now(), self.batch_size)
            languages = {}
            for message in due:
                if message.chat_id not in languages:
                    user = await uow.users.get(message.chat_id)
                    languages[message.chat_id] = user.language if user else self.default_language
        for tried, message in enumerate(due, start=1):
            if await self._send(message, languages[message.chat_id]) is Outcome.PAUSE:
                return tried
        return len(due)

    async def _send(self, message: OutboxMessage, lang: str) -> Outcome:
        try:
            text, markup = render_alert(message, lang)
        except Exception as error:  # e.g. a row written by another version: never block the rest
            log.exception("alert %s cannot be rendered", message.id)
            reason = f"cannot render: {error!r}"
            await self._record(message, lambda m: m.mark_failed(reason))
            return Outcome.DONE
        try:
            await self.bot.send_message(message.chat_id, text, reply_markup=markup)
        except Forbidden as error:
            reason = error.message
            await self._record(message, lambda m: m.mark_unreachable(reason))
        except BadRequest as error:
            reason = error.message
            await self._record(message, lambda m: m.mark_failed(reason))
        except RetryAfter as error:
            until = self.clock.now() + retry_after(error)
            self._resume_at = until
            log.warning("flood limit: sending paused until %s", until)
            await self._record(message, lambda m: m.postpone(until, "flood limit"))
            return Outcome.PAUSE
        except TelegramError as error:  # network errors, timeouts, 5xx
            await self._retry(message, str(error), self._backoff(message.attempts))
        else:
            await self._record(message, lambda m: m.mark_sent(self.clock.now()))
        return Outcome.DONE

    async def _retry(self, message: OutboxMessage, error: str, delay: timedelta) -> None:
        log.warning("alert %s to %s not sent (%s); retrying in %s", message.id, message.chat_id,
                    error, delay)
        await self._record(message, lambda m: m.retry_later(error, self.clock.now(), delay,
                                                             self.max_attempts))

    async def _record(
        self, message: OutboxMessage, change: Callable[[OutboxMessage], None]
    ) -> None:
        async with self.uow() as uow:
            stored = await uow.outbox.get(message.id)  # type: ignore[arg-type]
            if stored is None:
                return
            change(stored)
            await uow.commit()

    def _backoff(self, attempts: int) -> timedelta:
        """Exponential backoff with jitter: about 1, 2, 4, 8… seconds, at most a minute."""
        base = min(60.0, 2.0**attempts)
        return timedelta(seconds=base * random.uniform(0.5, 1.0))


def retry_after(error: RetryAfter) -> timedelta:
    """How long Telegram asked us to wait (an int today, a timedelta in later PTB versions)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
