"""Admins (ADMIN_IDS): announcements to customers or riders, the state of the outbox, and
today's numbers."""

from __future__ import annotations

import re
from datetime import datetime

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from domain.broadcasts.model import CANCELLABLE, Audience, BroadcastState
from domain.broadcasts.use_cases import BroadcastView
from domain.shared.errors import InvalidAnswer
from handlers.common import ChatContext, answer_press, buttons, pressed, reply
from views import broadcasts as view
from views.callbacks import encode, matches
from views.orders import day_stats

COMMAND_AND_REST = re.compile(r"^/\S+\s*(.*)$", re.DOTALL)
AUDIENCE_WORDS = {"customers": Audience.CUSTOMERS, "riders": Audience.RIDERS,
                  "all": Audience.ALL}
TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*(.*)$", re.DOTALL)


def split_audience(text: str) -> tuple[Audience, str]:
    """`riders hello` → (riders, "hello"); without a leading audience word: customers."""
    word = text.partition(" ")[0].split("\n")[0]
    if word.lower() in AUDIENCE_WORDS:
        return AUDIENCE_WORDS[word.lower()], text[len(word):].strip()
    return Audience.CUSTOMERS, text


def command_text(update: Update) -> str:
    """Everything after the command, line breaks kept."""
    message = update.effective_message
    found = COMMAND_AND_REST.match((message.text or "") if message else "")
    return found.group(1).strip() if found else ""


async def broadcast(update: Update, context: ChatContext) -> None:
    """/broadcast [riders|all] text: a preview with Send / Cancel."""
    audience, text = split_audience(command_text(update))
    await _preview(update, context, audience, text, None)


async def broadcast_at(update: Update, context: ChatContext) -> None:
    """/broadcast_at YYYY-MM-DD HH:MM [riders|all] text: the same, sent at that time."""
    found = TIME.match(command_text(update))
    if found is None:
        raise InvalidAnswer("usage", usage="/broadcast_at 2026-12-24 09:00 [riders|all] text")
    try:
        local = datetime.strptime(f"{found.group(1)} {found.group(2)}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidAnswer("broadcast_time") from None
    audience, text = split_audience(found.group(3))
    await _preview(update, context, audience, text, local.replace(tzinfo=context.tz))


async def _preview(update: Update, context: ChatContext, audience: Audience, text: str,
                   at: datetime | None) -> None:
    draft, recipients = await context.services.broadcasts.prepare(
        context.asker(), audience, text, at)
    go = "button.schedule" if at else "button.send"
    *first, last = view.preview(context.lang, draft, recipients, context.tz)
    for text in first:
        await reply(update, context, text)
    await reply(update, context, last,
                buttons([(context.text(go), encode("bsend", draft.id)),
                         (context.text("button.discard"), encode("bcancel", draft.id))]))


async def send_button(update: Update, context: ChatContext) -> None:
    """Send (or Schedule) under a preview: the preview becomes the progress message."""
    query = update.callback_query
    data = pressed(update)
    assert query is not None and data is not None and query.message is not None
    started = await context.services.broadcasts.confirm(
        context.asker(), data.number(), query.message.chat.id, query.message.message_id)
    await answer_press(query)
    await _show(update, context, started)


async def cancel_button(update: Update, context: ChatContext) -> None:
    """Cancel under a preview, Stop under a progress message, Cancel #N under /broadcasts."""
    query = update.callback_query
    data = pressed(update)
    assert query is not None and data is not None
    cancelled = await context.services.broadcasts.cancel(context.asker(), data.number())
    await answer_press(query)
    progress = cancelled.broadcast.progress_message_id
    if query.message is not None and progress in (None, query.message.message_id):
        await _show(update, context, cancelled)
    else:
        await reply(update, context, view.status(context.lang, cancelled.broadcast,
                                                 cancelled.counts, context.tz))


async def _show(update: Update, context: ChatContext, current: BroadcastView) -> None:
    """Turn the pressed message into the broadcast's status, with Stop while it can stop."""
    broadcast = current.broadcast
    stop = None
    if broadcast.state in (BroadcastState.SCHEDULED, BroadcastState.SENDING):
        stop = buttons([(context.text("button.stop"), encode("bcancel", broadcast.id))])
    text = view.status(context.lang, broadcast, current.counts, context.tz)
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, reply_markup=stop)
    except BadRequest:  # the message is gone or too old to edit: say it anew
        await reply(update, context, text, stop)


async def broadcasts(update: Update, context: ChatContext) -> None:
    """/broadcasts: recent and scheduled ones, with Cancel for those still cancellable."""
    found = await context.services.broadcasts.recent(context.asker())
    text, shown = view.listing(context.lang, [(v.broadcast, v.counts) for v in found],
                               context.tz)
    rows = [[(context.text("button.cancel_broadcast", id=b.id), encode("bcancel", b.id))]
            for b in shown if b.state in CANCELLABLE and b.state is not BroadcastState.DRAFT]
    await reply(update, context, text, buttons(*rows) if rows else None)


async def outbox(update: Update, context: ChatContext) -> None:
    """/outbox: messages by delivery state, and the latest failures."""
    report = await context.services.broadcasts.outbox_report(context.asker())
    await reply(update, context, view.outbox_report(
        context.lang, report.counts, report.oldest_pending_at, report.recent_failures,
        context.tz))


async def stats(update: Update, context: ChatContext) -> None:
    """/stats: today's orders by status, delivery time and riders online (as /api/stats)."""
    context.services.people.check_staff(context.asker())
    today = await context.services.reading.stats(context.tz)
    await reply(update, context, day_stats(context.lang, today))


def admin_handlers() -> list[BaseHandler]:
    return [
        CommandHandler("broadcast", broadcast),
        CommandHandler("broadcast_at", broadcast_at),
        CommandHandler("broadcasts", broadcasts),
        CommandHandler("outbox", outbox),
        CommandHandler("stats", stats),
        CallbackQueryHandler(send_button, pattern=matches("bsend")),
        CallbackQueryHandler(cancel_button, pattern=matches("bcancel")),
    ]
