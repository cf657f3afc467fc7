"""Webhook mode: Telegram posts updates; each is stored in the inbox before it is
acknowledged, then handled by whichever replica claims it (bot/inbox_worker.py, and
bot/storage/inbox.py)."""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Callable

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.metrics import Metrics
from bot.storage.inbox import Inbox
from bot.updates import ParsedUpdates, update_lane
from domain.shared.clock import Clock

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1 << 20  # an update is a few kilobytes; aiohttp answers 413 above this


class WebhookReceiver:
    """POST {WEBHOOK_PATH}: the secret header checked in constant time (403), the body parsed
    as an update (400), stored once (a repeat is acknowledged and dropped), 200."""

    def __init__(self, bot_app: Application, inbox: Inbox, secret: str, clock: Clock,
                 metrics: Metrics, on_stored: Callable[[], None], parsed: ParsedUpdates) -> None:
        self.bot_app = bot_app
        self.parsed = parsed  # the worker's: each update handed on parsed
        self.inbox = inbox
        self.secret = secret.encode()
        self.clock = clock
        self.metrics = metrics
        self.on_stored = on_stored
        self.accepting = True

    async def post(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            log.warning("webhook call without the right secret from %s", request.remote)
            return web.json_response({"error": "forbidden"}, status=403)
        if not self.accepting:  # shutting down: Telegram retries, another replica takes it
            return web.json_response({"error": "shutting down"}, status=503)
        body = await request.read()
        update_id = _update_id(body)
        if update_id is None:
            log.warning("webhook body refused: not an update (%s bytes)", len(body))
            return web.json_response({"error": "not a Telegram update"}, status=400)
        update = self._parse(body)
        # One it cannot read is kept all the same, in a lane of its own: the worker logs and
        # sets it aside, and Telegram, told it arrived, goes on with the next.
        key = update_lane(update) if update is not None else None
        try:
            stored = await self.inbox.add(update_id, key if key is not None else -update_id,
                                          body.decode(errors="replace"), self.clock.now())
        except Exception:
            log.exception("update %s could not be stored; Telegram will retry", update_id)
            return web.json_response({"error": "not stored, retry"}, status=503)
        if stored:
            if update is not None:
                self.parsed.keep(update)
            self.on_stored()
        else:
            self.metrics.duplicate(update)
            log.info("update %s delivered again: already taken", update_id)
        return web.json_response({"ok": True})

    def _parse(self, body: bytes) -> Update | None:
        """The update, or None when its fields are of a shape this bot cannot read."""
        try:
            return Update.de_json(json.loads(body), self.bot_app.bot)
        except Exception:
            return None


def _update_id(body: bytes) -> int | None:
    """The update_id of a JSON object with one; None for anything else (refused)."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    update_id = data.get("update_id") if isinstance(data, dict) else None
    return update_id if type(update_id) is int else None
