"""The running bot: database, the inbox (fed by polling Telegram or by the webhook) and the
worker that handles it, the outbox sender, the scheduler that wakes the sweeps, and the web
server."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from datetime import timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, shared_pacer
from bot.inbox_worker import InboxWorker
from bot.metrics import Metrics
from bot.polling import InboxPoller
from bot.readapi import read_api_routes
from bot.settings import BotMode, Settings
from bot.storage.inbox import Inbox
from bot.storage.leadership import AdvisoryLockLeadership
from bot.web import Readiness, WebServer, build_web_app
from bot.webhook import WebhookReceiver
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.services import Services
from domain.shared.clock import Clock, SystemClock
from handlers.membership import check_store_chats
from notifier.leadership import Leadership, SoleProcess
from notifier.progress import BroadcastProgress
from notifier.reconciling import StarPaymentCheck
from notifier.refunds import StarRefunds
from notifier.sender import OutboxSender
from views.words import use_clock

log = logging.getLogger(__name__)

# A replica that died mid-update holds its chat this long (renewed every third of it while
# an update is in hand); a restarted process on SQLite frees its own at once.
INBOX_LEASE = timedelta(seconds=8)
INBOX_KEPT = timedelta(days=1)  # handled update ids are remembered this long (duplicates)
BACKLOG_WAIT_S = 10.0  # at start, how long deadlines wait for updates that came while down


class Runtime:
    """Start and stop everything in the right order. Used by `ppalli run`, `webhook` and
    `worker`, the demo and tests. `take_updates=False` runs only the sender and the scheduler.
    The web server runs when the settings give it a port (always in webhook mode)."""

    def __init__(
        self,
        settings: Settings,
        *,
        clock: Clock | None = None,
        send_alerts: bool = True,
        take_updates: bool = True,
        poll_timeout: int = 10,
        set_webhook: bool = True,
    ) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        use_clock(self.clock)  # "today" in the times the texts show
        self.send_alerts = send_alerts
        self.take_updates = take_updates
        self.poll_timeout = poll_timeout
        self.sender: OutboxSender | None = None
        self._sender_task: asyncio.Task | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.set_webhook = set_webhook
        self.metrics = Metrics()
        self.readiness = Readiness(self)
        self.receiver: WebhookReceiver | None = None
        self.poller: InboxPoller | None = None
        self.worker: InboxWorker | None = None
        self._worker_task: asyncio.Task | None = None
        self.inbox: Inbox | None = None
        self.web: WebServer | None = None

    @property
    def webhook_mode(self) -> bool:
        return self.settings.bot_mode is BotMode.WEBHOOK

    def new_uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, self._wake_sender)

    def _wake_sender(self) -> None:
        if self.sender is not None:
            self.sender.wake()

    async def start(self) -> None:
        self.engine = create_engine(self.settings.database_url)
        self.sessions = session_factory(self.engine)
        self.services = Services(self.new_uow, self.clock, self.settings.rules())
        await self.services.fleet.sync_listed(
            {rider_id: f"Rider {rider_id}" for rider_id in self.settings.rider_ids}
        )
        catalog = self.settings.catalog()
        if catalog is not None:
            await self.services.menu.load_catalog(catalog)
        self.app: Application = build_application(self.settings, self.services)
        await self.app.initialize()
        self.sender = self._build_sender()
        self.refunds = StarRefunds(self.app.bot, self.services.payments)
        self.payment_check = StarPaymentCheck(self.app.bot, self.services.payments)
        if self.take_updates:
            await self._start_taking_updates()
        if self.settings.web_port is not None:
            self.web = WebServer(build_web_app(self, read_api_routes(self.services, self.settings)),
                                 self.settings.http_host, self.settings.web_port)
            await self.web.start()
        await self._register_webhook()
        if self.take_updates:
            await self.app.bot_data["menus"].publish_all(await self.services.fleet.roster())
        await self.check_store_chats()
        if self.send_alerts:
            self._sender_task = asyncio.create_task(self.sender.run(), name="outbox-sender")
        await self._handle_backlog()
        self.scheduler = AsyncIOScheduler(timezone=self.settings.tz)
        self.scheduler.add_job(self.sweep, "interval", seconds=self.settings.sweep_seconds,
                               id="sweep", coalesce=True, max_instances=1)
        self.scheduler.add_job(self.check_store_chats, "interval", kwargs={"only_lost": True},
                               minutes=self.settings.store_chat_check_minutes,
                               id="store_chats", coalesce=True, max_instances=1)
        self.scheduler.start()
        await self.sweep()  # whatever fell due while no process was running

    async def _start_taking_updates(self) -> None:
        """Updates reach the inbox from the webhook or from polling; the worker handles them."""
        owner = f"{socket.gethostname()}-{os.getpid()}"
        self.inbox = Inbox(self.engine, owner, INBOX_LEASE)
        if self.engine.dialect.name == "sqlite":  # one process: leases left are a dead one's
            freed = await self.inbox.release_all()
            if freed:
                log.info("%s updates held when the bot stopped are taken up again", freed)
        self.worker = InboxWorker(self.app, self.inbox, self.clock, self.metrics)
        await self.app.start()
        if self.webhook_mode:
            assert self.settings.webhook_secret is not None  # the settings insist on one
            self.receiver = WebhookReceiver(self.app, self.inbox, self.settings.webhook_secret,
                                            self.clock, self.metrics, self.worker.wake,
                                            self.worker.parsed)
        else:
            with contextlib.suppress(Exception):  # the poller says it if one is still set
                await self.app.bot.delete_webhook()
            self.poller = InboxPoller(self.app.bot, self.inbox, self.clock, self.worker.wake,
                                      self.worker.parsed, timeout=self.poll_timeout)
            self.poller.start()
        self._worker_task = asyncio.create_task(self.worker.run(), name="inbox-worker")

    async def _register_webhook(self) -> None:
        """Only once the server listens: Telegram posts what is waiting the moment it learns
        the URL, and a refused connection would hold those updates back."""
        if self.receiver is None or not (self.settings.webhook_url and self.set_webhook):
            return
        await self.app.bot.set_webhook(
            self.settings.webhook_url, secret_token=self.settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES)
        log.info("webhook registered with Telegram")

    async def _handle_backlog(self) -> None:
        """Updates that came while no process ran are handled before the first sweep fires
        deadlines, so a press made in time (a rider's Accept, a payment) is judged before its
        deadline is. Bounded: a backlog that takes longer only delays nothing further."""
        if self.inbox is None or self.worker is None:
            return
        started = self.clock.now()
        loop = asyncio.get_running_loop()
        until = loop.time() + BACKLOG_WAIT_S
        try:
            if self.poller is not None:
                await asyncio.wait_for(self.poller.first_batch.wait(), BACKLOG_WAIT_S)
            # The count lives in the database: other replicas finish rows too.
            while loop.time() < until and await self.inbox.unfinished(started):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
        except Exception as error:  # a slow start must not stop the bot
            log.warning("backlog at start not handled within %s s (%s); sweeping anyway",
                        BACKLOG_WAIT_S, error)
    def _build_sender(self) -> OutboxSender:
        leadership: Leadership = SoleProcess()
        if self.engine.dialect.name == "postgresql":
            leadership = AdvisoryLockLeadership(self.engine)
        settings = self.settings.sender_settings()
        pacer = shared_pacer(self.app)  # the one direct replies retry at
        sender = OutboxSender(self.app.bot, self.new_uow, self.clock, self.settings.tz, settings,
                              leadership=leadership, pacer=pacer)
        progress = BroadcastProgress(self.app.bot, self.services.broadcasts, self.new_uow,
                                     pacer, self.clock, self.settings.tz,
                                     default_language=self.settings.default_language,
                                     store_language=self.settings.store_chat_language)
        sender.after_send = progress.tick
        sender.on_outcome = self.metrics.sent
        return sender

    async def check_store_chats(self, only_lost: bool = False) -> None:
        """Ask Telegram how the bot stands in the store's groups (handlers.membership)."""
        try:
            await check_store_chats(self.app.bot, self.services, only_lost=only_lost)
        except Exception:
            log.exception("checking the store chats failed; the next check retries")

    async def sweep(self) -> None:
        """Fire the deadlines that are due (offer timeouts, store reminders and expiries,
        unpaid orders, auto-completion), start the scheduled broadcasts and make the Stars
        refunds that are due. The scheduler only calls this; the due times are rows in the
        database, so a restart loses none."""
        try:
            await self.payment_check.run_due()  # before the unpaid orders may expire
            fired = await self.services.deadlines.fire_due()
            started = await self.services.broadcasts.start_due()
            refunded = await self.refunds.run_due()
            if self.inbox is not None:
                await self.inbox.prune(self.clock.now() - INBOX_KEPT)
        except Exception:
            log.exception("sweep failed; the next one retries")
            return
        if fired:
            log.info("%s deadlines fired", fired)
        if refunded:
            log.info("%s refunds made", refunded)
        for broadcast in started:
            log.info("scheduled broadcast %s started", broadcast.id)

    async def stop(self) -> None:
        """Readiness fails first, then no new updates are taken, those being handled finish,
        the sender finishes its message (both within one SHUTDOWN_SECONDS), and the database
        closes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.shutdown_seconds
        self.readiness.shutting_down = True
        if self.receiver is not None:
            self.receiver.accepting = False
        if self.poller is not None:
            await self.poller.stop()
        if self.worker is not None:
            await self.worker.stop(max(deadline - loop.time(), 0.1))
        if self._worker_task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._worker_task
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        if self.sender is not None:
            self.sender.stop()
        if self._sender_task is not None:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._sender_task, max(deadline - loop.time(), 0.1))
        if self.app.running:
            await self.app.stop()  # waits for updates still being handled (polling mode)
        await self.app.shutdown()
        if self.web is not None:
            await self.web.stop()
        await self.engine.dispose()

    async def __aenter__(self) -> Runtime:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()
