"""The rider's live location in the customer's chat: sent once, moved in place, stopped at the
end of the job (what to show and when is decided in domain.dispatch.tracking)."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest

from notifier.cards import GONE

log = logging.getLogger(__name__)

# Half a day: longer than any job, and not "until stopped", so that a map the bot lost track
# of (sent, then a crash before it was recorded, then sent again) ends by itself. A job that
# outlasts it gets a new map (the old one can no longer be edited).
LIVE_FOR_SECONDS = 12 * 3600


async def show_live_map(bot: Bot, chat_id: int, point: tuple[float, float],
                        message_id: int | None) -> int:
    """Move the live map to `point`, or send it when there is none yet (or it is gone:
    deleted, or stopped). Sent silently: the alert that a rider is on the way has just
    buzzed. Returns the id of the message that is now the map."""
    lat, lon = point
    if message_id is not None:
        try:
            await bot.edit_message_live_location(chat_id=chat_id, message_id=message_id,
                                                 latitude=lat, longitude=lon)
            return message_id
        except BadRequest as error:
            reason = error.message.lower()
            if "not modified" in reason:
                return message_id
            if not any(gone in reason for gone in GONE):
                raise
            log.info("live map %s in chat %s is gone: %s", message_id, chat_id, error.message)
    sent = await bot.send_location(chat_id, lat, lon, live_period=LIVE_FOR_SECONDS,
                                   disable_notification=True)
    return sent.message_id


async def stop_live_map(bot: Bot, chat_id: int, message_id: int) -> None:
    """The job is over: the map stops where it is (already stopped or gone: nothing to do)."""
    try:
        await bot.stop_message_live_location(chat_id=chat_id, message_id=message_id)
    except BadRequest as error:
        if not any(gone in error.message.lower() for gone in GONE):
            raise
        log.info("live map %s in chat %s was already over: %s", message_id, chat_id,
                 error.message)
