"""Broadcast progress: the admin's progress message is edited every few seconds while a
broadcast runs, and once more when it ends; the final report is queued as an alert."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import tzinfo

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from domain.broadcasts.model import BroadcastState
from domain.broadcasts.use_cases import Broadcasts, BroadcastView
from domain.shared.clock import Clock
from domain.shared.unit_of_work import UnitOfWork
from notifier.pacing import Pacer
from views import broadcasts as view
from views.callbacks import encode
from views.i18n import t

log = logging.getLogger(__name__)


class BroadcastProgress:
    def __init__(
        self,
        bot: Bot,
        broadcasts: Broadcasts,
        uow: Callable[[], UnitOfWork],
        pacer: Pacer,
        clock: Clock,
        tz: tzinfo,
        *,
        every_s: float = 3.0,
        default_language: str = "en",
        store_language: str = "en",
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = bot
        self.broadcasts = broadcasts
        self.uow = uow
        self.pacer = pacer
        self.clock = clock
        self.tz = tz
        self.every_s = every_s
        self.default_language = default_language
        self.store_language = store_language  # a broadcast started in the store's group
        self.monotonic = monotonic
        self._last = float("-inf")

    async def tick(self) -> None:
        """At most every `every_s` seconds: refresh progress messages, conclude what ended."""
        if self.monotonic() - self._last < self.every_s:
            return
        self._last = self.monotonic()
        await self.refresh()

    async def refresh(self) -> None:
        for current in await self.broadcasts.unreported():
            broadcast = current.broadcast
            if broadcast.state is BroadcastState.SENDING and current.counts.pending:
                await self._show(current)
                continue
            concluded = await self.broadcasts.conclude(broadcast.id)  # type: ignore[arg-type]
            if concluded is not None:
                await self._show(concluded, final=True)

    async def _show(self, current: BroadcastView, final: bool = False) -> None:
        broadcast = current.broadcast
        chat_id, message_id = broadcast.progress_chat_id, broadcast.progress_message_id
        if chat_id is None or message_id is None:
            return
        if not final and (self.pacer.global_wait(reserve=True) > 0
                          or self.pacer.chat_wait(chat_id) > 0):
            return  # progress is a courtesy: never at the expense of the pace
        lang = await self._language(chat_id)
        elapsed = (self.clock.now() - broadcast.started_at).total_seconds() \
            if broadcast.started_at else 0.0
        rate = current.counts.sent / elapsed if elapsed > 0 else 0.0
        text = view.status(lang, broadcast, current.counts, self.tz, rate)
        stop = None
        if broadcast.state is BroadcastState.SENDING:
            stop = InlineKeyboardMarkup([[InlineKeyboardButton(
                t(lang, "button.stop"), callback_data=encode("bcancel", broadcast.id))]])
        self.pacer.record(chat_id)
        try:
            await self.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id,
                                             reply_markup=stop, parse_mode=ParseMode.HTML)
        except BadRequest as error:
            log.debug("progress of broadcast %s not shown: %s", broadcast.id, error)
        except TelegramError as error:
            log.info("progress of broadcast %s not shown: %s", broadcast.id, error)

    async def _language(self, chat_id: int) -> str:
        if chat_id < 0:
            return self.store_language
        async with self.uow() as uow:
            user = await uow.users.get(chat_id)
        return user.language if user else self.default_language
