"""The outbox sender: the one way messages leave the bot, except direct replies.

Each turn it claims a small batch of due rows (alerts before broadcasts, at most one per chat,
so one chat's rows go in order), sends them one by one as the pace allows and records how each
ended, in that order. A crash can therefore repeat at most the batch that was in flight: as
many messages as the pace lets go in a tenth of a second (two at the default 25 a second).
Every row ends sent, unreachable (the person blocked the bot), failed (with the reason; an
admin is told) or cancelled. Passing failures (network errors, timeouts, 5xx) are retried for
`retry_for` (a day by default) at most a minute apart, so an outage holds alerts rather than
failing them; the admins are told once that it started and once that it ended (see
domain.alerts.outages).

Claims: only one process sends at a time (see notifier.leadership), so when a process becomes
the sender, every claim left belongs to a dead or former sender and is freed at once: after a
crash nothing waits for a lease. The lease (`lease_s`, renewed while a slow batch is in hand)
is the safety net for the moment two processes both believe they send.
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
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from domain.alerts import outages
from domain.alerts.chats import (
    Lost,
    lost_chats,
    note_lost,
    note_topic_back,
    note_topic_gone,
    redirected,
    refused_for,
)
from domain.alerts.failures import failure_alerts
from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import (
    Delivery,
    LiveMap,
    OrderCard,
    OutboxMessage,
    Priority,
    StoreCard,
)
from domain.orders.model import Order
from domain.people.model import User
from domain.shared.clock import Clock
from domain.shared.unit_of_work import UnitOfWork
from notifier.cards import edit_card, show_card
from notifier.leadership import Leadership, SoleProcess
from notifier.live_maps import show_live_map, stop_live_map
from notifier.pacing import PaceLimits, Pacer
from notifier.render import one_row, render_alert, render_broadcast
from views.i18n import Html
from views.orders import card_buttons, order_card, store_card, store_steps
from views.words import use_clock

log = logging.getLogger(__name__)
CARDS = frozenset({AlertKind.ORDER_CARD, AlertKind.STORE_CARD})  # edited, not sent anew
LIVE = frozenset({AlertKind.RIDER_LOCATION, AlertKind.RIDER_LOCATION_END})  # the rider's map
# Rendered from what the database holds when sent, so one send covers those queued after it.
REFRESHES = CARDS | {AlertKind.RIDER_LOCATION}


@dataclass(frozen=True)
class SenderSettings:
    pace: PaceLimits = field(default_factory=PaceLimits)
    retry_for: timedelta = timedelta(hours=24)  # a row failing longer than this is failed
    max_backoff_s: float = 60.0  # held rows are tried again at least this often
    lease_s: float = 10.0  # renewed while a batch is in hand; see the module's docstring
    outage_after: timedelta = timedelta(seconds=30)  # failing this long: the admins are told
    batch_size: int = 16
    idle_poll_s: float = 1.0
    admin_ids: frozenset[int] = frozenset()
    default_language: str = "en"  # for a private chat of someone the bot does not know
    store_language: str = "en"  # for the store's group (STORE_LANGUAGE), whoever reads it
    store_thread_id: int | None = None  # the forum topic the store's messages go to


@dataclass
class Job:
    """A claimed row and what it takes to render it."""

    message: OutboxMessage
    lang: str
    order: Order | None = None
    card_message_id: int | None = None
    in_topic: bool | None = None  # sent to the store's topic (True), or to General, it refused
    point: tuple[float, float] | None = None  # where the rider's map is to show them now
    live_map: LiveMap | None = None  # the rider's map shown before, if any


@dataclass
class Outcome:
    """How one send ended: the change to its row and what else to store with it."""

    message: OutboxMessage
    change: Callable[[OutboxMessage], None]
    report: bool = False  # a failure an admin is told about
    passing: bool = False  # a network error, timeout or 5xx: Telegram may be unreachable
    sent: bool = False
    unreachable: bool = False  # the person blocked the bot
    card: int | None = None  # the message id of the order card just shown
    moved_to: int | None = None  # the group became a supergroup with this id
    lost: Lost | None = None  # the store chat refused the bot: why
    in_topic: bool | None = None  # see Job
    live_map: int | None = None  # the message id of the rider's map just shown or stopped


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
        use_clock(clock)  # "today" in the times the alerts show
        self.tz = tz
        self.settings = settings or SenderSettings()
        self.leadership = leadership or SoleProcess()
        self.pacer = pacer or Pacer(self.settings.pace)
        self.leadership.on_wake(self.wake)
        self._wake = asyncio.Event()
        self._stopping = False
        self._resume_at: datetime | None = None
        self._leading = False
        # True once a success found no outage notices to clear: while this process stays the
        # sender only it writes them, so until a failure there is nothing to look up.
        self._notices_clear = False
        self._topic_clear = False  # True once this process saw no notice of a refusing topic
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
            self._leading = False
            with contextlib.suppress(Exception):
                await self.leadership.release()

    async def _lead(self) -> bool:
        """True while this process is the sender. On becoming it (at start, or taking over
        from a sender that died), frees every claim left: they are its predecessor's."""
        if not await self.leadership.acquire():
            self._leading = False
            return False
        if not self._leading:
            async with self.uow() as uow:
                freed = await uow.outbox.release_claims()
                await uow.commit()
            if freed:
                log.warning("freed %s messages claimed by the previous sender", freed)
            self._leading, self._notices_clear = True, False
        return True

    async def _turn(self) -> None:
        if not await self._lead():
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
        if not await self._lead():
            return 0
        handled = 0
        while self._paused_for() == 0:
            await asyncio.sleep(self.pacer.global_wait(reserve=False))
            batch = await self.send_next()
            if not batch:
                break
            handled += batch
        return handled

    async def send_next(self, broadcasts_may_go: bool = True) -> int:
        """Claim a batch of due rows (at most one per chat), send them in turn at the pace and
        record how each ended; returns how many rows were handled, 0 when nothing is due for
        a chat that may be written to now."""
        settled, jobs = await self._claim(
            Priority.BROADCAST if broadcasts_may_go else Priority.ALERT, self._batch_size())
        outcomes: list[Outcome] = []
        lease_ends = self.clock.now() + self._lease()
        for index, job in enumerate(jobs):
            if outcomes and (self._paused_for() > 0 or self._stopping):
                outcomes.append(Outcome(job.message, OutboxMessage.release))
                continue
            if outcomes:  # the first was cleared by the turn; the rest wait for their slot
                await asyncio.sleep(self.pacer.global_wait(
                    reserve=job.message.priority == Priority.BROADCAST))
                lease_ends = await self._renew(jobs[index:], lease_ends)
            outcomes.append(await self._deliver(job))
        if outcomes:
            await self._record(outcomes)
        return settled + len(jobs)

    def _lease(self) -> timedelta:
        return timedelta(seconds=self.settings.lease_s)

    async def _renew(self, jobs: list[Job], lease_ends: datetime) -> datetime:
        """Claim the batch's rows not yet sent for another lease once half of it is gone
        (slow sends: timeouts); returns when the lease now ends."""
        now = self.clock.now()
        if lease_ends - now > self._lease() / 2:
            return lease_ends
        async with self.uow() as uow:
            await uow.outbox.extend_claims([job.message.id for job in jobs],  # type: ignore[misc]
                                           now + self._lease())
            await uow.commit()
        return now + self._lease()

    def _batch_size(self) -> int:
        """As many rows as the global pace lets go in a tenth of a second (one at least, at
        most `batch_size`): one transaction claims them and one records them, while an alert
        that arrives meanwhile waits no more than that tenth."""
        paced = int(self.settings.pace.global_per_second / 10)
        return max(1, min(self.settings.batch_size, paced))

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

    async def _claim(self, max_priority: int, limit: int) -> tuple[int, list[Job]]:
        """Claim up to `limit` rows for this process; returns how many were settled without
        sending (their reader blocked the bot) and the jobs to send."""
        async with self.uow() as uow:
            now = self.clock.now()
            messages = await uow.outbox.due(now, max_priority=max_priority,
                                            skip_chats=self.pacer.busy_chats(), limit=limit)
            if not messages:
                return 0, []
            if any(message.chat_id < 0 for message in messages):  # only groups ever move
                moves = await uow.outbox.chat_moves()
                for message in messages:  # queued for a group before it became a supergroup
                    message.chat_id = moves.get(message.chat_id, message.chat_id)
            users = await uow.users.many({message.chat_id for message in messages})
            lost = await lost_chats(uow.outbox, (message.chat_id for message in messages))
            admins = await self._reachable_admins(uow) if lost else []
            settled, jobs = 0, []
            for message in messages:
                if message.chat_id in lost:
                    await self._redirect(uow, message, admins, now)
                    settled += 1
                    continue
                user = users.get(message.chat_id)
                if user is not None and not user.reachable:
                    message.mark_unreachable("blocked the bot")
                    settled += 1
                    continue
                message.claim(now + self._lease())
                jobs.append(Job(message, self._language(message.chat_id, user)))
                if message.kind in REFRESHES:  # read below when sent: one shows them all
                    settled += await uow.outbox.cover_later_refreshes(message, now)
            await self._load_cards(uow, jobs)
            await self._load_live_maps(uow, jobs)
            await uow.commit()
            return settled, jobs

    def _language(self, chat_id: int, user: User | None) -> str:
        """The reader's: a person's own, the store's in a group (the outbox writes to no
        group but the store's)."""
        if chat_id < 0:
            return self.settings.store_language
        return user.language if user else self.settings.default_language

    async def _reachable_admins(self, uow: UnitOfWork) -> list[int]:
        """The admins the bot may write to: they started it and did not block it."""
        users = await uow.users.many(set(self.settings.admin_ids))
        return sorted(admin for admin, user in users.items() if user.reachable)

    async def _redirect(self, uow: UnitOfWork, message: OutboxMessage, admins: list[int],
                        now: datetime) -> None:
        """A message for a store chat the bot cannot post in goes to the admins instead; with
        no admin to write to, it waits (for the chat to come back, or an admin to /start)."""
        if not admins:
            log.warning("message %s for store chat %s waits: the bot cannot post there and no "
                        "admin in ADMIN_IDS has started it", message.id, message.chat_id)
            message.retry_later("the bot cannot post in the store chat, nor write to an admin",
                                now, self._backoff(message.attempts), self.settings.retry_for)
            return
        message.mark_unreachable("the bot cannot post in the store chat; sent to the admins")
        await uow.alert(*redirected(message, admins, now))

    async def _load_cards(self, uow: UnitOfWork, jobs: list[Job]) -> None:
        """What the order cards among the jobs show, and where they were shown before."""
        numbers = {job.message.order_number for job in jobs
                   if job.message.kind in CARDS and job.message.order_number is not None}
        if not numbers:
            return
        orders = await uow.orders.many(numbers)
        cards, store_cards = await _cards_of(uow, [job.message for job in jobs], numbers)
        for job in jobs:
            number = job.message.order_number
            if job.message.kind not in CARDS or number not in numbers:
                continue
            job.order = orders.get(number)
            if job.message.kind is AlertKind.ORDER_CARD:
                card = cards.get(number)
                job.card_message_id = card.message_id if card else None
            else:
                shown = store_cards.get((number, job.message.chat_id))
                job.card_message_id = shown.message_id if shown else None

    async def _load_live_maps(self, uow: UnitOfWork, jobs: list[Job]) -> None:
        """Where each rider's map among the jobs is to point (nothing once the job is over),
        and which message shows it."""
        numbers = {job.message.order_number for job in jobs
                   if job.message.kind in LIVE and job.message.order_number is not None}
        if not numbers:
            return
        trackings = await uow.trackings.many(numbers)
        shown = await uow.live_maps.many(numbers)
        for job in jobs:
            number = job.message.order_number
            if job.message.kind not in LIVE or number not in numbers:
                continue
            tracking = trackings.get(number)
            job.point = tracking.point if tracking is not None else None
            job.live_map = shown.get(number)

    # --- sending --------------------------------------------------------------------------

    async def _deliver(self, job: Job) -> Outcome:
        """Render and send one claimed row; how it ended, to be recorded with the batch."""
        message = job.message
        try:
            text, markup = await self._render(job)
        except Exception as error:  # a row written by another version, say: never block others
            log.exception("message %s cannot be rendered", message.id)
            reason = f"cannot render: {error!r}"
            self.on_outcome("unrenderable")
            return Outcome(message, lambda m: m.mark_failed(reason), report=True)
        if message.kind in LIVE and not _live_work(job):
            # The job ended before this went out: nothing to show, and no call made (neither
            # paced nor a sign that Telegram answers).
            self.on_outcome("skipped")
            return Outcome(message, lambda m: m.mark_sent(self.clock.now()))
        self.pacer.record(message.chat_id)
        try:
            shown = await self._call(job, text, markup)
        except ChatMigrated as error:  # the group is a supergroup now, with a new id
            log.warning("chat %s moved to %s; its messages go there", message.chat_id,
                        error.new_chat_id)
            self.on_outcome("moved")
            return Outcome(message, OutboxMessage.release, moved_to=int(error.new_chat_id))
        except Forbidden as error:
            if (lost := store_chat_refusal(message.chat_id, error)) is not None:
                return self._store_chat_lost(message, error, lost)
            refused = error.message
            self.on_outcome("unreachable")
            return Outcome(message, lambda m: m.mark_unreachable(refused), unreachable=True)
        except BadRequest as error:
            if (lost := store_chat_refusal(message.chat_id, error)) is not None:
                return self._store_chat_lost(message, error, lost)
            rejected = error.message
            self.on_outcome("rejected")
            return Outcome(message, lambda m: m.mark_failed(rejected), report=True)
        except RetryAfter as error:
            until = self.clock.now() + retry_after(error)
            self._resume_at = until
            log.warning("flood limit: all sending paused until %s", until)
            self.on_outcome("flood_limited")
            return Outcome(message, lambda m: m.postpone(until, "flood limit"))
        except TelegramError as error:  # network errors, timeouts, 5xx
            delay = self._backoff(message.attempts)
            log.warning("message %s to %s not sent (%s; attempt %s, retried for %s)",
                        message.id, message.chat_id, error, message.attempts + 1,
                        self.settings.retry_for)
            now, reason = self.clock.now(), str(error)
            self.on_outcome("retry")
            return Outcome(message, lambda m: m.retry_later(
                reason, now, delay, self.settings.retry_for), report=True, passing=True)
        sent_at = self.clock.now()
        self.on_outcome("sent")
        live = message.kind in LIVE
        return Outcome(message, lambda m: m.mark_sent(sent_at), card=None if live else shown,
                       sent=True, in_topic=job.in_topic, live_map=shown if live else None)

    def _store_chat_lost(self, message: OutboxMessage, error: TelegramError, why: Lost
                         ) -> Outcome:
        """Freed, to go to the admins once the loss is recorded (see `_redirect`)."""
        log.warning("store chat %s refuses the bot (%s): the store's messages go to the admins",
                    message.chat_id, error.message)
        self.on_outcome("store_chat_lost")
        return Outcome(message, OutboxMessage.release, lost=why)

    async def _render(self, job: Job) -> tuple[Html, InlineKeyboardMarkup | None]:
        message = job.message
        if message.kind in LIVE:
            return Html(""), None  # a point on a map, no text
        if message.kind in CARDS and job.order is None:
            raise LookupError(f"order {message.order_number} is gone")
        if message.kind == AlertKind.ORDER_CARD:
            assert job.order is not None
            buttons = card_buttons(job.lang, job.order)
            return (order_card(job.lang, job.order, self.tz, for_customer=True),
                    one_row(*buttons) if buttons else None)
        if message.kind == AlertKind.STORE_CARD:
            assert job.order is not None
            steps = store_steps(job.lang, job.order)
            return store_card(job.lang, job.order, self.tz), one_row(*steps) if steps else None
        if message.kind == AlertKind.BROADCAST:
            assert message.broadcast_id is not None
            text = await self._broadcast_text(message.broadcast_id)
            return render_broadcast(job.lang, text), None
        return render_alert(message, job.lang, self.tz)

    async def _call(
        self, job: Job, text: Html, markup: InlineKeyboardMarkup | None
    ) -> int | None:
        """Send (or, for an order card, edit); returns the id of the message that is now the
        order's card: the customer's, or the store's (a new-order alert becomes it), or of
        the rider's map just shown or stopped."""
        if job.message.kind in LIVE:
            return await self._show_live_map(job)
        if job.message.kind == AlertKind.ORDER_CARD:
            return await show_card(self.bot, job.message.chat_id, text, job.card_message_id,
                                   markup)
        if job.message.kind == AlertKind.STORE_CARD:
            if job.card_message_id is not None:  # else the new-order alert never got there
                await edit_card(self.bot, job.message.chat_id, text, job.card_message_id,
                                markup)
            return None
        chat_id = job.message.chat_id
        thread = self.settings.store_thread_id if chat_id < 0 else None  # groups: the store's
        try:
            sent = await self.bot.send_message(chat_id, text, reply_markup=markup,
                                               parse_mode=ParseMode.HTML,
                                               message_thread_id=thread)
        except BadRequest as error:
            if thread is None or not topic_refused(error):
                raise
            log.warning("the store's topic %s refuses the bot (%s): to General instead",
                        thread, error.message)
            job.in_topic = False
            sent = await self.bot.send_message(chat_id, text, reply_markup=markup,
                                               parse_mode=ParseMode.HTML)
        else:
            job.in_topic = True if thread is not None else None
        return sent.message_id if job.message.kind is AlertKind.NEW_ORDER else None

    async def _show_live_map(self, job: Job) -> int | None:
        """Move (or first send) the rider's map, or stop it (see `_live_work`)."""
        chat_id, live_id = job.message.chat_id, _live_map_id(job)
        if job.message.kind is AlertKind.RIDER_LOCATION_END:
            assert live_id is not None
            await stop_live_map(self.bot, chat_id, live_id)
            return live_id
        assert job.point is not None
        return await show_live_map(self.bot, chat_id, job.point, live_id)

    async def _broadcast_text(self, broadcast_id: int) -> str:
        if broadcast_id not in self._broadcast_texts:
            async with self.uow() as uow:
                broadcast = await uow.broadcasts.get(broadcast_id)
            if broadcast is None:
                raise LookupError(f"broadcast {broadcast_id} is gone")
            self._broadcast_texts[broadcast_id] = broadcast.text
        return self._broadcast_texts[broadcast_id]

    # --- recording ------------------------------------------------------------------------

    async def _record(self, outcomes: list[Outcome]) -> None:
        """Store how each send of a batch ended, with what follows from it, in one
        transaction."""
        async with self.uow() as uow:
            stored = await uow.outbox.many([o.message.id for o in outcomes])  # type: ignore[misc]
            numbers = {o.message.order_number for o in outcomes
                       if o.card is not None and o.message.order_number}
            cards, store_cards = await _cards_of(
                uow, [o.message for o in outcomes if o.card is not None], numbers)
            mapped = {o.message.order_number for o in outcomes
                      if o.live_map is not None and o.message.order_number}
            live_maps = await uow.live_maps.many(mapped) if mapped else {}
            now = self.clock.now()
            # First, while the rows just sent still count as held: an outage's end says how many.
            notices_clear = await self._note_outage(uow, outcomes, now)
            for outcome in outcomes:
                message = stored.get(outcome.message.id)  # type: ignore[arg-type]
                if message is None:
                    continue
                outcome.change(message)
                if outcome.report and message.state is Delivery.FAILED:
                    await uow.alert(*failure_alerts(message, self.settings.admin_ids, now))
                if outcome.unreachable:
                    user = await uow.users.get(message.chat_id)
                    if user is not None:
                        user.mark_unreachable(now)
                if outcome.moved_to is not None:
                    await uow.outbox.move_chat(message.chat_id, outcome.moved_to, now)
                if outcome.lost is not None:
                    await uow.alert(*await note_lost(uow.outbox, message.chat_id, outcome.lost,
                                                     self.settings.admin_ids, now))
                if outcome.in_topic is not None:
                    await self._note_topic(uow, message.chat_id, outcome.in_topic, now)
                if outcome.live_map is not None and message.order_number is not None:
                    await self._remember_live_map(uow, live_maps, message, outcome.live_map,
                                                  now)
                if outcome.card is None or message.order_number is None:
                    pass
                elif message.kind is AlertKind.NEW_ORDER:
                    await self._remember_store_card(uow, store_cards, message, outcome.card, now)
                else:
                    await self._remember_card(uow, cards, message, outcome.card, now)
            await uow.commit()
        self._notices_clear = notices_clear

    async def _note_outage(self, uow: UnitOfWork, outcomes: list[Outcome], now: datetime
                           ) -> bool:
        """Keep the outage notices (one success ends an outage; failures with no success may
        start one) and queue what the admins are told; returns whether none is left."""
        admins = self.settings.admin_ids
        if any(outcome.sent for outcome in outcomes):
            if self._notices_clear:
                return True
            reports = await outages.note_success(uow.outbox, admins, now)
            clear = True
        elif any(outcome.passing for outcome in outcomes):
            reports = await outages.note_failure(uow.outbox, admins, now,
                                                 self.settings.outage_after)
            clear = False
        else:
            return self._notices_clear
        await uow.alert(*reports)
        return clear

    async def _note_topic(self, uow: UnitOfWork, chat_id: int, in_topic: bool, now: datetime
                          ) -> None:
        """The store's topic took a message, or refused it: the admins hear when that changes
        (looked up only until this process saw the topic take one)."""
        admins = self.settings.admin_ids
        if not in_topic:
            self._topic_clear = False
            await uow.alert(*await note_topic_gone(uow.outbox, chat_id, admins, now))
        elif not self._topic_clear:
            await uow.alert(*await note_topic_back(uow.outbox, chat_id, admins, now))
            self._topic_clear = True

    async def _remember_card(self, uow: UnitOfWork, cards: dict[int, OrderCard],
                             message: OutboxMessage, message_id: int, now: datetime) -> None:
        """Where the order's card now is; `cards` holds the batch's cards already stored."""
        assert message.order_number is not None
        known = cards.get(message.order_number)
        if known is None:
            cards[message.order_number] = OrderCard(message.order_number, message.chat_id,
                                                    message_id, now)
            await uow.cards.add(cards[message.order_number])
        else:
            known.message_id, known.updated_at = message_id, now

    async def _remember_live_map(self, uow: UnitOfWork, live_maps: dict[int, LiveMap],
                                 message: OutboxMessage, message_id: int, now: datetime) -> None:
        """Which message is the order's rider map, and whether it was just stopped;
        `live_maps` holds the batch's maps already stored."""
        assert message.order_number is not None
        stopped = message.kind is AlertKind.RIDER_LOCATION_END
        known = live_maps.get(message.order_number)
        if known is None:
            live_maps[message.order_number] = LiveMap(message.order_number, message.chat_id,
                                                      message_id, stopped, now)
            await uow.live_maps.add(live_maps[message.order_number])
        else:
            known.chat_id, known.message_id, known.stopped = message.chat_id, message_id, stopped
            known.updated_at = now

    async def _remember_store_card(self, uow: UnitOfWork,
                                   cards: dict[tuple[int, int], StoreCard],
                                   message: OutboxMessage, message_id: int, now: datetime) -> None:
        """The new-order alert just sent is the store's card of the order in that chat."""
        assert message.order_number is not None
        key = (message.order_number, message.chat_id)
        if key in cards:
            cards[key].message_id, cards[key].updated_at = message_id, now
        else:
            cards[key] = StoreCard(message.order_number, message.chat_id, message_id, now)
            await uow.store_cards.add(cards[key])

    def _backoff(self, attempts: int) -> timedelta:
        """Exponential backoff with jitter: about 1, 2, 4, 8… seconds, capped at about a
        minute so held messages go soon after an outage ends."""
        base = min(self.settings.max_backoff_s, 2.0 ** min(attempts, 32))
        return timedelta(seconds=base * random.uniform(0.5, 1.0))


async def _cards_of(uow: UnitOfWork, messages: list[OutboxMessage], numbers: set[int]
                    ) -> tuple[dict[int, OrderCard], dict[tuple[int, int], StoreCard]]:
    """Where these orders' cards are: the customer's (for a customer's card), and the
    store's in each chat (for a store's card, or a new-order alert, which becomes one);
    each looked up only when the messages need it."""
    kinds = {message.kind for message in messages}
    customers = await uow.cards.many(numbers) if AlertKind.ORDER_CARD in kinds else {}
    stores = (await uow.store_cards.many(numbers)
              if kinds & {AlertKind.STORE_CARD, AlertKind.NEW_ORDER} else {})
    return customers, stores


def _live_map_id(job: Job) -> int | None:
    """The message that is the job's live map, while it is live."""
    shown = job.live_map
    return shown.message_id if shown is not None and not shown.stopped else None


def _live_work(job: Job) -> bool:
    """Whether a map row has anything to do: a point to show (none once the job ended: the
    point was forgotten), or a live map to stop."""
    if job.message.kind is AlertKind.RIDER_LOCATION_END:
        return _live_map_id(job) is not None
    return job.point is not None


def topic_refused(error: BadRequest) -> bool:
    """Whether Telegram refused the message for its forum topic (closed, deleted, unknown)."""
    description = error.message.lower()
    return any(words in description for words in ("topic_closed", "topic_deleted",
                                                   "message thread not found"))


def store_chat_refusal(chat_id: int, error: TelegramError) -> Lost | None:
    """Why a group (only the store's chats are groups) refuses the bot, if that is what the
    error says; None for any other error."""
    if chat_id >= 0:
        return None
    return refused_for(isinstance(error, Forbidden), error.message)


def retry_after(error: RetryAfter) -> timedelta:
    """How long Telegram asked us to wait (an int today, a timedelta in later PTB versions)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value if isinstance(value, timedelta) else timedelta(seconds=value)
