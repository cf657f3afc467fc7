"""The read API and the store's dashboard page, for the web server to serve.

- `GET /api/orders` — newest first, each with its arrival time (`eta_at`), the time promised
  (`promised_at`) and whether it is `late` now; `status` (one or several, comma-separated),
  `since` and `until` (ISO dates or date-times, in TIMEZONE when they name no offset; a date
  means the whole day), `before` (an order number: the `next` of the previous page), `limit`
  (1-200, 50 by default).
- `GET /api/orders/{number}` — one order with its timeline.
- `GET /api/stats` — today's numbers, as /stats shows them.
- `GET /dashboard` — one static page that asks for the token once and shows the live orders.

The API answers JSON only, to `Authorization: Bearer <API_TOKEN>` (401 otherwise). Without
API_TOKEN the API and the page are off: every path answers 404 `{"error": "api_off"}`.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.settings import API_PATH, DASHBOARD_PATH, Settings
from domain.orders.eta import is_late
from domain.orders.model import Order, Status
from domain.reading.use_cases import LIVE, MAX_PAGE_SIZE, PAGE_SIZE, DayStats, day_bounds
from domain.services import Services
from domain.shared.errors import NotFound
from domain.shared.repositories import OrderFilter
from views.i18n import t
from views.words import reason_words

log = logging.getLogger(__name__)

DASHBOARD_FILE = Path(__file__).parent / "static" / "dashboard.html"
REALM = 'Bearer realm="ppalli"'
MAX_DIGITS = 18  # order numbers are 64-bit in the database
NO_STORE = {"Cache-Control": "no-store"}
# The page runs only its own inline script and talks only to this server.
PAGE_HEADERS = {
    **NO_STORE,
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                               "style-src 'unsafe-inline'; connect-src 'self'; "
                               "frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class BadParameter(Exception):
    """A query parameter that cannot be used; the message says why (a 400)."""


def error(status: int, code: str, message: str, **headers: str) -> web.Response:
    return web.json_response({"error": code, "message": message}, status=status,
                             headers={**NO_STORE, **headers})


# --- parsing the query --------------------------------------------------------------------


def parse_statuses(value: str | None) -> frozenset[Status]:
    statuses = set()
    for part in (value or "").split(","):
        if part.strip():
            try:
                statuses.add(Status(part.strip()))
            except ValueError:
                raise BadParameter(f"unknown status {part.strip()!r}; one of: "
                                   f"{', '.join(s.value for s in Status)}") from None
    return frozenset(statuses)


def parse_moment(name: str, value: str | None, tz: tzinfo, end: bool) -> datetime | None:
    """An ISO date (the day's start, or for `end` the next day's start) or date-time."""
    if value is None:
        return None
    try:
        day: date | None = date.fromisoformat(value)
    except ValueError:
        day = None
    try:
        if day is not None:
            moment = day_bounds(day, tz)[1 if end else 0]
        else:
            moment = datetime.fromisoformat(value)
            moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
        # The first and last days of the calendar have no next day or no UTC time.
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise BadParameter(f"{name} must be an ISO date (2026-11-20) or date and time "
                           "(2026-11-20T09:30, 2026-11-20T00:30Z)") from None


def parse_number(name: str, value: str | None, most: int | None = None) -> int | None:
    """A whole number from 1 (to `most`), or None when not given."""
    if value is None:
        return None
    if not (value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS
            and 1 <= int(value) <= (most or int(value))):
        raise BadParameter(f"{name} must be a whole number from 1 to {most}" if most
                           else f"{name} must be a whole number from 1")
    return int(value)


# --- answering ----------------------------------------------------------------------------


def moment_json(at: datetime, tz: tzinfo) -> str:
    return at.astimezone(tz).isoformat()


def order_json(order: Order, tz: tzinfo, now: datetime) -> dict[str, Any]:
    """An order's fields; `late` (past the promised time and not there) as of `now`."""
    last = order.timeline[-1].at if order.timeline else order.created_at
    return {
        "number": order.number,
        "kind": order.kind.value,
        "status": order.status.value,
        "customer": order.customer_name,
        "created_at": moment_json(order.created_at, tz),
        "price": order.price,
        "fulfilment": order.fulfilment.value,
        "rider": order.rider_name,
        "changed_at": moment_json(last, tz),
        "eta_at": moment_json(order.eta_at, tz) if order.eta_at else None,
        "promised_at": moment_json(order.promised_at, tz) if order.promised_at else None,
        "late": is_late(order, now),
    }


def order_detail_json(order: Order, tz: tzinfo, now: datetime) -> dict[str, Any]:
    return {**order_json(order, tz, now), "timeline": [
        {"status": entry.status.value, "at": moment_json(entry.at, tz),
         "by": {"role": entry.actor_role.value, "name": entry.actor_name},
         "reason": entry.reason and reason_words("en", entry.reason)}
        for entry in order.timeline
    ]}


def stats_json(stats: DayStats, timezone: str) -> dict[str, Any]:
    return {
        "day": stats.day.isoformat(),
        "timezone": timezone,
        "orders": {status.value: count for status, count in stats.by_status.items()},
        "total": stats.total,
        "completed": stats.completed,
        "cancelled": stats.cancelled,
        "delivered": stats.delivered,
        "average_delivery_minutes": stats.average_delivery_minutes,
        "riders_online": stats.riders_online,
    }


class ReadApi:
    def __init__(self, services: Services, settings: Settings) -> None:
        self.reading = services.reading
        self.clock = services.clock
        self.tz = settings.tz
        self.timezone = settings.timezone
        self.token = settings.api_token.encode() if settings.api_token else None
        self.page = (DASHBOARD_FILE.read_text(encoding="utf-8")
                     .replace("__API__", "." + API_PATH)
                     .replace("__LIVE__", ",".join(status.value for status in LIVE)))

    async def orders(self, request: web.Request) -> web.Response:
        """A page of orders, newest first, with the cursor of the next one."""
        query = request.query
        limit = parse_number("limit", query.get("limit"), MAX_PAGE_SIZE)
        page = await self.reading.orders(OrderFilter(
            statuses=parse_statuses(query.get("status")),
            since=parse_moment("since", query.get("since"), self.tz, end=False),
            until=parse_moment("until", query.get("until"), self.tz, end=True),
            before=parse_number("before", query.get("before")),
        ), PAGE_SIZE if limit is None else limit)
        now = self.clock.now()
        return self._json({"orders": [order_json(o, self.tz, now) for o in page.orders],
                           "next": page.next_before})

    async def order(self, request: web.Request) -> web.Response:
        """One order with its timeline."""
        number = parse_number("the order number", request.match_info["number"])
        assert number is not None  # the path always has one
        return self._json(order_detail_json(await self.reading.order(number), self.tz,
                                            self.clock.now()))

    async def stats(self, request: web.Request) -> web.Response:
        """Today's numbers in the store's time zone."""
        return self._json(stats_json(await self.reading.stats(self.tz), self.timezone))

    async def unknown(self, request: web.Request) -> web.Response:
        return error(404, "not_found", f"no such path: {request.path}")

    async def dashboard(self, request: web.Request) -> web.Response:
        """The page itself holds no data; it asks the API with the token the person types."""
        if self.token is None:
            return self._off()
        return web.Response(text=self.page, content_type="text/html", charset="utf-8",
                            headers=PAGE_HEADERS)

    def guarded(self, handler: Handler) -> Handler:
        """Off without a token; 401 without the right one; refusals and failures as JSON."""

        async def guard(request: web.Request) -> web.StreamResponse:
            if self.token is None:
                return self._off()
            refused = self._refusal(request.headers.get("Authorization", ""))
            if refused is not None:
                return refused
            try:
                return await handler(request)
            except BadParameter as bad:
                return error(400, "bad_request", str(bad))
            except NotFound as missing:
                return error(404, "not_found",
                             t("en", f"error.{missing.code}", **missing.params))
            except Exception:
                log.exception("read API failed on %s", request.path)
                return error(500, "internal", "something went wrong; it is in the log")

        return guard

    def _refusal(self, authorization: str) -> web.Response | None:
        assert self.token is not None
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return error(401, "unauthorized", "send the token as: Authorization: Bearer TOKEN",
                         **{"WWW-Authenticate": REALM})
        if not hmac.compare_digest(given.strip().encode(), self.token):
            return error(401, "unauthorized", "the token is not right",
                         **{"WWW-Authenticate": f'{REALM}, error="invalid_token"'})
        return None

    @staticmethod
    def _off() -> web.Response:
        return error(404, "api_off", "the read API and the dashboard are off: set API_TOKEN")

    @staticmethod
    def _json(body: dict[str, Any]) -> web.Response:
        return web.json_response(body, headers=NO_STORE)


def read_api_routes(services: Services, settings: Settings) -> list[web.RouteDef]:
    """The API's routes and the dashboard's, for the web server's application."""
    api = ReadApi(services, settings)
    return [
        web.get(f"{API_PATH}/orders", api.guarded(api.orders)),
        web.get(f"{API_PATH}/orders/{{number}}", api.guarded(api.order)),
        web.get(f"{API_PATH}/stats", api.guarded(api.stats)),
        web.get(f"{API_PATH}/{{rest:.*}}", api.guarded(api.unknown)),
        web.get(DASHBOARD_PATH, api.dashboard),
    ]
