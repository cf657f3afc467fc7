"""The outbox sender: the one way messages leave the bot, except direct replies.

Each turn it claims the next due row (alerts before broadcasts, one chat's rows in order),
waits for the pace to allow it, sends it and records how it ended, in that order, so a crash
can repeat at most the one message that was in flight. Every row ends sent, unreachable (the
person blocked the bot), failed (with the reason; an admin is told) or cancelled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from domain.alerts import failure_alerts
from domain.clock import Clock
from domain.model import Order
from domain.outbox import BROADCAST, ORDER_CARD, Delivery, OrderCard, OutboxMessage, Priority
from domain.unit_of_work import UnitOfWork
from notifier.cards import show_card
from notifier.leadership import Leadership, SoleProcess
from notifier.pacing import PaceLimits, Pacer
from notifier.render import render_alert, render_broadcast
from views.i18n import Html
from views.orders import order_card

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SenderSettings:
    pace: PaceLimits = field(default_factory=PaceLimits)
    max_attempts: int = 8
    max_backoff_s: float = 300.0
    lease_s: float = 60.0  # longer than any one send can take
    idle_poll_s: float = 1.0
    admin_ids: frozenset[int] = frozenset()
    default_language: str = "en"


@dataclass
class Job:
    """A claimed row and what it takes to render it."""

    message: OutboxMessage
    lang: str
    order: Order | None = None
    card_message_id: int | None = None


class OutboxSender:
    def __init__(
        self,
        bot: Bot,
        uow: Callable[[], UnitOfWork],
        clock: Clock,
        tz: tzinfo,
        settings: SenderSettings | None = None,
        *,
        leadership: Leadership | None = None,
        pacer: Pacer | None = None,
    ) -> None:
        self.bot = bot
        self.uow = uow
        self.clock = clock
        self.tz = tz
        self.settings = settings or SenderSettings()
        self.leadership = leadership or SoleProcess()
        self.pacer = pacer or Pacer(self.settings.pace)
        self.leadership.on_wake(self.wake)
        self._wake = asyncio.Event()
        self._stopping = False
        self._resume_at: datetime | None = None
        self._broadcast_texts: dict[int, str] = {}
        # False once a look for alerts found none and nothing was queued since: saves a
        # query per broadcast message (retries that fall due are found by the next claim).
        self._alerts_may_wait = True
        self.after_send: Callable[[], object] | None = None  # the broadcast progress hook
        self.on_outcome: Callable[[str], None] = lambda outcome: None  # for the metrics

    def wake(self) -> None:
        """Something was just committed to the outbox: look now rather than at the next poll."""
        self._alerts_may_wait = True
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def run(self) -> None:
        """Send until stopped; a failing turn is logged and retried, never fatal."""
        try:
            while not self._stopping:
                try:
                    await self._turn()
                except Exception:
                    log.exception("outbox turn failed; retrying")
                    await self._nap(self.settings.idle_poll_s)
        finally:
            with contextlib.suppress(Exception):
                await self.leadership.release()

    async def _turn(self) -> None:
        if not await self.leadership.acquire():
            await self._nap(self.settings.idle_poll_s)
            return
        paused = self._paused_for()
        if paused > 0:
            await self._nap(paused)
            return
        wait = self.pacer.global_wait(reserve=False)
        if wait > 0:
            await self._nap(wait)
            return
        broadcasts_may_go = self.pacer.global_wait(reserve=True) == 0
        if not broadcasts_may_go and not self._alerts_may_wait:
            await self._nap(self.pacer.global_wait(reserve=True))
        elif not await self.send_next(broadcasts_may_go):
            if not broadcasts_may_go:
                self._alerts_may_wait = False
                await self._nap(self.pacer.global_wait(reserve=True))
            else:
                await self._nap(min(self.settings.idle_poll_s,
                                    self.pacer.soonest_chat_ready() or self.settings.idle_poll_s))
        if self.after_send is not None:
            await self.after_send()  # type: ignore[misc]

    async def send_due(self) -> int:
        """Send everything due now, keeping to the global pace; rows for chats that must wait
        stay for later. Returns how many rows were handled. For tests and tools; `run` is the
        loop that serves."""
        handled = 0
        while self._paused_for() == 0:
            await asyncio.sleep(self.pacer.global_wait(reserve=False))
            if not await self.send_next():
                break
            handled += 1
        return handled

    async def send_next(self, broadcasts_may_go: bool = True) -> bool:
        """Claim, send and record one row; False when nothing is due for a chat that may be
        written to now."""
        job = await self._claim(Priority.BROADCAST if broadcasts_may_go else Priority.ALERT)
        if job is None:
            return False
        if job is not True:
            await self._deliver(job)
        return True

    async def _nap(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), max(seconds, 0.001))
        self._wake.clear()

    def _paused_for(self) -> float:
        if self._resume_at is None:
            return 0.0
        left = (self._resume_at - self.clock.now()).total_seconds()
        if left <= 0:
            self._resume_at = None
            return 0.0
        return left

    # --- claiming -------------------------------------------------------------------------

    async def _claim(self, max_priority: int) -> Job | bool | None:
        """The next row, claimed for this process; True if one was settled without sending
        (its reader blocked the bot); None if nothing may go now."""
        async with self.uow() as uow:
            now = self.clock.now()
            message = await uow.outbox.next_due(now, max_priority=max_priority,
                                                skip_chats=self.pacer.busy_chats())
            if message is None:
                return None
            user = await uow.users.get(message.chat_id)
            if user is not None and not user.reachable:
                message.mark_unreachable("blocked the bot")
                await uow.commit()
                return True
            message.claim(now + timedelta(seconds=self.settings.lease_s))
            job = Job(message, user.language if user else self.settings.default_language)
            if message.kind == ORDER_CARD and message.order_number is not None:
                job.order = await uow.orders.get(message.order_number)
                card = await uow.cards.get(message.order_number)
                job.card_message_id = card.message_id if card else None
            await uow.commit()
            return job

    # --- sending --------------------------------------------------------------------------

    async def _deliver(self, job: Job) -> None:
        message = job.message
        try:
            text, markup = await self._render(job)
        except Exception as error:  # a row written by another version, say: never block others
            log.exception("message %s cannot be rendered", message.id)
            reason = f"cannot render: {error!r}"
            await self._record(message, lambda m: m.mark_failed(reason), report=True)
            self.on_outcome("unrenderable")
            return
        self.pacer.record(message.chat_id)
        try:
            shown = await self._call(job, text, markup)
        except Forbidden as error:
            refused = error.message
            await self._record(message, lambda m: m.mark_unreachable(refused), unreachable=True)
            self.on_outcome("unreachable")
        except BadRequest as error:
            rejected = error.message
            await self._record(message, lambda m: m.mark_failed(rejected), report=True)
            self.on_outcome("rejected")
        except RetryAfter as error:
            until = self.clock.now() + retry_after(error)
            self._resume_at = until
            log.warning("flood limit: all sending paused until %s", until)
            await self._record(message, lambda m: m.postpone(until, "flood limit"))
            self.on_outcome("flood_limited")
        except TelegramError as error:  # network errors, timeouts, 5xx
            delay = self._backoff(message.attempts)
            log.warning("message %s to %s not sent (%s; attempt %s of %s)", message.id,
                        message.chat_id, error, message.attempts + 1, self.settings.max_attempts)
            now, reason = self.clock.now(), str(error)
            await self._record(message, lambda m: m.retry_later(
                reason, now, delay, self.settings.max_attempts), report=True)
            self.on_outcome("retry")
        else:
            sent_at = self.clock.now()
            await self._record(message, lambda m: m.mark_sent(sent_at), card=shown)
            self.on_outcome("sent")

    async def _render(self, job: Job) -> tuple[Html, InlineKeyboardMarkup | None]:
        message = job.message
        if message.kind == ORDER_CARD:
            if job.order is None:
                raise LookupError(f"order {message.order_number} is gone")
            return order_card(job.lang, job.order, self.tz, for_customer=True), None
        if message.kind == BROADCAST:
            assert message.broadcast_id is not None
            text = await self._broadcast_text(message.broadcast_id)
            return render_broadcast(job.lang, text), None
        return render_alert(message, job.lang, self.tz)

    async def _call(
        self, job: Job, text: Html, markup: InlineKeyboardMarkup | None
    ) -> int | None:
        """Send (or, for an order card, edit); returns the card's message id."""
        if job.message.kind == ORDER_CARD:
            return await show_card(self.bot, job.message.chat_id, text, job.card_message_id)
        await self.bot.send_message(job.message.chat_id, text, reply_markup=markup,
                                    parse_mode=ParseMode.HTML)
        return None

    async def _broadcast_text(self, broadcast_id: int) -> str:
        if broadcast_id not in self._broadcast_texts:
            async with self.uow() as uow:
                broadcast = await uow.broadcasts.get(broadcast_id)
            if broadcast is None:
                raise LookupError(f"broadcast {broadcast_id} is gone")
            self._broadcast_texts[broadcast_id] = broadcast.text
        return self._broadcast_texts[broadcast_id]

    # --- recording ------------------------------------------------------------------------

    async def _record(
        self,
        message: OutboxMessage,
        change: Callable[[OutboxMessage], None],
        *,
        report: bool = False,
        unreachable: bool = False,
        card: int | None = None,
    ) -> None:
        """Store how the send ended, with what follows from it, in one transaction."""
        async with self.uow() as uow:
            stored = await uow.outbox.get(message.id)  # type: ignore[arg-type]
            if stored is None:
                return
            change(stored)
            now = self.clock.now()
            if report and stored.state is Delivery.FAILED:
                for alert in failure_alerts(stored, self.settings.admin_ids, now):
                    await uow.outbox.add(alert)
                uow.wake_sender()
            if unreachable:
                user = await uow.users.get(stored.chat_id)
                if user is not None:
                    user.unreachable_since = now
            if card is not None and stored.order_number is not None:
                await self._remember_card(uow, stored, card, now)
            await uow.commit()

    async def _remember_card(
        self, uow: UnitOfWork, message: OutboxMessage, message_id: int, now: datetime
    ) -> None:
        assert message.order_number is not None
        known = await uow.cards.get(message.order_number)
        if known is None:
            await uow.cards.add(OrderCard(message.order_number, message.chat_id, message_id, now))
        else:
            known.message_id, known.updated_at = message_id, now

    def _backoff(self, attempts: int) -> timedelta:
        """Exponential backoff with jitter: about 1, 2, 4, 8… seconds, capped."""
        base = min(self.settings.max_backoff_s, 2.0**attempts)
        return timedelta(seconds=base * random.uniform(0.5, 1.0))


def retry_after(error: RetryAfter) -> timedelta:
    """How long Telegram asked us to wait (an int today, a timedelta in later PTB versions)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
