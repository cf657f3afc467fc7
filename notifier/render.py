"""How each kind of alert reads, and which buttons it carries: a table from kind to renderer.
Most kinds are one text with the alert's parameters; the others are listed by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from domain.alerts.kinds import RENDERED_BY_SENDER, AlertKind
from domain.alerts.outbox import OutboxMessage
from domain.orders.requests import Requests
from views import dispatch as dispatch_view
from views import menu as menu_view
from views import orders as view
from views import requests as requests_view
from views.callbacks import encode
from views.i18n import Html, shortened, t
from views.words import moment, reason_words

ERROR_CHARS = 500  # of Telegram's error in a failure alert, in UTF-16 units
Rendered = tuple[Html, InlineKeyboardMarkup | None]
Renderer = Callable[[AlertKind, Mapping[str, Any], str, tzinfo], Rendered]


def render_alert(message: OutboxMessage, lang: str, tz: tzinfo) -> Rendered:
    """The text and buttons of one outbox message."""
    kind = AlertKind(message.kind)
    params = message.params
    if params.get("reason"):
        params = {**params, "reason": reason_words(lang, params["reason"])}
    return RENDERERS[kind](kind, params, lang, tz)


def _text(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    return t(lang, f"alert.{kind}", **p), None


def _new_order(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    """A new order, or the reminder that it still waits: its details and Approve / Reject."""
    asked = Requests.from_json(p.get("requests"))  # none in a row queued before requests
    text = t(lang, f"alert.{kind}", number=p["number"], customer=p["customer_name"],
             details=Html(view.details(lang, p) + requests_view.for_store(lang, asked)),
             price=view.price(lang, p["price"]))
    return text, one_row(*view.decision_steps(lang, p["number"], p.get("order_kind") == "menu"))


def _delivery_failed(kind: AlertKind, p: Mapping[str, Any], lang: str,
                     tz: tzinfo) -> Rendered:
    order = (t(lang, "alert.delivery_failed_order", number=p["number"])
             if p.get("number") else Html(""))
    return t(lang, "alert.delivery_failed", chat_id=p["chat_id"], kind=p["kind"],
             order=order, error=shortened(p["error"], ERROR_CHARS)), None


def _outage(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    times = {key: moment(lang, datetime.fromisoformat(p[key]), tz)
             for key in ("since", "at") if key in p}
    return t(lang, f"alert.{kind}", **{**p, **times}), None


def _store_chat_lost(kind: AlertKind, p: Mapping[str, Any], lang: str,
                     tz: tzinfo) -> Rendered:
    return t(lang, "alert.store_chat_lost", why=t(lang, f"alert.store_chat_lost.{p['why']}")), None


def _broadcast_report(kind: AlertKind, p: Mapping[str, Any], lang: str,
                      tz: tzinfo) -> Rendered:
    return t(lang, "alert.broadcast_report",
             **{**p, "state": t(lang, f"broadcast.state.{p['state']}")}), None


def _offer(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    return dispatch_view.offer(lang, p, tz), one_row(
        (t(lang, "button.accept", number=p["number"]), encode("oaccept", p["offer_id"])),
        (t(lang, "button.decline"), encode("odecline", p["offer_id"])))


def _dispatch_failed(kind: AlertKind, p: Mapping[str, Any], lang: str,
                     tz: tzinfo) -> Rendered:
    return t(lang, f"alert.dispatch_failed.{p['why']}", number=p["number"],
             offers=p["offers"]), None


def _rider_request(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    text = t(lang, "alert.rider_request", name=p["name"], user_id=p["user_id"],
             vehicle=dispatch_view.vehicle(lang, p["vehicle"]))
    if "request" not in p:  # queued before requests were named
        return text, one_row((t(lang, "button.approve"), encode("rapprove", p["user_id"])),
                             (t(lang, "button.reject"), encode("rdecline", p["user_id"])))
    return text, one_row(
        (t(lang, "button.approve"), encode("ryes", p["user_id"], p["request"])),
        (t(lang, "button.reject"), encode("rno", p["user_id"], p["request"])))


def _assigned(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    vehicle = (t(lang, "alert.assigned_vehicle", vehicle=dispatch_view.vehicle(lang, p["vehicle"]))
               if p.get("vehicle") else Html(""))
    return t(lang, f"alert.{kind}", number=p["number"], rider_name=p["rider_name"],
             vehicle=vehicle, code=p.get("code") or "—"), None


def _refund(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    return t(lang, f"alert.{kind}", number=p["number"],
             amount=menu_view.money(lang, p["amount"], p["currency"])), None


def _cancelled(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    """Cancelled, and by whom; to the customer, an item that sold out says so instead."""
    if kind is AlertKind.CANCELLED and p.get("sold_out"):
        return t(lang, "alert.sold_out", number=p["number"], item=p["sold_out"]), None
    reason = t(lang, "alert.reason", reason=p["reason"]) if p.get("reason") else Html("")
    return t(lang, f"alert.{kind}", number=p["number"], by=t(lang, f"role.{p['by']}"),
             reason=reason), None


def _expired(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    """Expired, and where to order again: the menu for a menu order (a row queued before
    this was told had no `menu`: a parcel)."""
    command = "/menu" if p.get("menu") else "/order"
    return t(lang, "alert.expired", number=p["number"], command=command), None


def _delivered(kind: AlertKind, p: Mapping[str, Any], lang: str, tz: tzinfo) -> Rendered:
    return t(lang, f"alert.{kind}", **p), one_row(
        (t(lang, "button.received"), encode("received", p["number"])))


RENDERERS: dict[AlertKind, Renderer] = {
    **{kind: _text for kind in AlertKind if kind not in RENDERED_BY_SENDER},
    AlertKind.NEW_ORDER: _new_order,
    AlertKind.STORE_REMINDER: _new_order,
    AlertKind.DELIVERY_FAILED: _delivery_failed,
    AlertKind.OUTAGE_STARTED: _outage,
    AlertKind.OUTAGE_ENDED: _outage,
    AlertKind.STORE_CHAT_LOST: _store_chat_lost,
    AlertKind.BROADCAST_REPORT: _broadcast_report,
    AlertKind.OFFER: _offer,
    AlertKind.DISPATCH_FAILED: _dispatch_failed,
    AlertKind.RIDER_REQUEST: _rider_request,
    AlertKind.ASSIGNED: _assigned,
    AlertKind.ASSIGNED_MENU: _assigned,
    AlertKind.REFUND_STARTED: _refund,
    AlertKind.REFUND_BY_STORE: _refund,
    AlertKind.REFUND_TO_SETTLE: _refund,
    AlertKind.REFUNDED: _refund,
    AlertKind.EXPIRED: _expired,
    AlertKind.CANCELLED: _cancelled,
    AlertKind.CANCELLED_STORE: _cancelled,
    AlertKind.CANCELLED_RIDER: _cancelled,
    AlertKind.DELIVERED: _delivered,
    AlertKind.DELIVERED_MENU: _delivered,
}


def one_row(*row: tuple[str, str]) -> InlineKeyboardMarkup:
    """One row of inline buttons from (label, callback data)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)
                                  for label, data in row]])


def render_broadcast(lang: str, text: str) -> Html:
    """An announcement as its readers see it (the admin's text, escaped)."""
    return t(lang, "broadcast.message", text=text)
