"""How each kind of alert reads, and which buttons it carries."""

from __future__ import annotations

from datetime import datetime, tzinfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from domain.alerts.outages import OUTAGE_ENDED, OUTAGE_STARTED
from domain.alerts.outbox import OutboxMessage
from views import dispatch as dispatch_view
from views import menu as menu_view
from views import orders as view
from views.callbacks import encode
from views.i18n import Html, t


def render_alert(
    message: OutboxMessage, lang: str, tz: tzinfo
) -> tuple[Html, InlineKeyboardMarkup | None]:
    """The text and buttons of one outbox message."""
    p = message.params
    kind = message.kind
    if kind == "new_order":
        text = t(lang, "alert.new_order", number=p["number"], customer=p["customer_name"],
                 details=view.details(lang, p), price=view.price(lang, p["price"]))
        return text, InlineKeyboardMarkup([[
            InlineKeyboardButton(t(lang, "button.approve"), callback_data=encode("approve",
                                                                                  p["number"])),
            InlineKeyboardButton(t(lang, "button.reject"), callback_data=encode("reject",
                                                                                 p["number"])),
        ]])
    if kind == "delivery_failed":
        order = (t(lang, "alert.delivery_failed_order", number=p["number"])
                 if p.get("number") else Html(""))
        return t(lang, "alert.delivery_failed", chat_id=p["chat_id"], kind=p["kind"],
                 order=order, error=p["error"]), None
    if kind in (OUTAGE_STARTED, OUTAGE_ENDED):
        times = {key: _clock_time(p[key], tz) for key in ("since", "at") if key in p}
        return t(lang, f"alert.{kind}", **{**p, **times}), None
    if kind == "broadcast_report":
        return t(lang, "alert.broadcast_report",
                 **{**p, "state": t(lang, f"broadcast.state.{p['state']}")}), None
    if kind == "store_reminder":
        text = t(lang, "alert.store_reminder", number=p["number"], customer=p["customer_name"],
                 details=view.details(lang, p), price=view.price(lang, p["price"]))
        return text, _buttons((t(lang, "button.approve"), encode("approve", p["number"])),
                              (t(lang, "button.reject"), encode("reject", p["number"])))
    if kind == "offer":
        return dispatch_view.offer(lang, p, tz), _buttons(
            (t(lang, "button.accept", number=p["number"]), encode("oaccept", p["offer_id"])),
            (t(lang, "button.decline"), encode("odecline", p["offer_id"])))
    if kind == "dispatch_failed":
        return t(lang, f"alert.dispatch_failed.{p['why']}", number=p["number"],
                 offers=p["offers"]), None
    if kind == "rider_request":
        text = t(lang, "alert.rider_request", name=p["name"], user_id=p["user_id"],
                 vehicle=dispatch_view.vehicle(lang, p["vehicle"]))
        return text, _buttons((t(lang, "button.approve"), encode("rapprove", p["user_id"])),
                              (t(lang, "button.reject"), encode("rdecline", p["user_id"])))
    if kind == "assigned":
        return t(lang, "alert.assigned", number=p["number"], rider_name=p["rider_name"],
                 vehicle=(t(lang, "alert.assigned_vehicle",
                            vehicle=dispatch_view.vehicle(lang, p["vehicle"]))
                          if p.get("vehicle") else Html("")),
                 code=p.get("code") or "—"), None
    if kind == "cancelled" and p.get("sold_out"):
        return t(lang, "alert.sold_out", number=p["number"], item=p["sold_out"]), None
    if kind in ("refund_started", "refund_by_store", "refund_to_settle", "refunded"):
        return t(lang, f"alert.{kind}", number=p["number"],
                 amount=menu_view.money(lang, p["amount"], p["currency"])), None
    if kind in ("cancelled", "cancelled_store", "cancelled_rider"):
        reason = t(lang, "alert.reason", reason=p["reason"]) if p.get("reason") else Html("")
        return t(lang, f"alert.{kind}", number=p["number"], by=t(lang, f"role.{p['by']}"),
                 reason=reason), None
    text = t(lang, f"alert.{kind}", **p)
    if kind == "delivered":
        return text, InlineKeyboardMarkup([[
            InlineKeyboardButton(t(lang, "button.received"),
                                 callback_data=encode("received", p["number"]))
        ]])
    return text, None


def _clock_time(moment: str, tz: tzinfo) -> str:
    return datetime.fromisoformat(moment).astimezone(tz).strftime("%H:%M")


def _buttons(*row: tuple[str, str]) -> InlineKeyboardMarkup:
    """One row of inline buttons from (label, callback data)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)
                                  for label, data in row]])


def render_broadcast(lang: str, text: str) -> Html:
    """An announcement as its readers see it (the admin's text, escaped)."""
    return t(lang, "broadcast.message", text=text)
