"""How each kind of alert reads, and which buttons it carries."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from domain.outbox import OutboxMessage
from views import orders as view
from views.callbacks import encode
from views.i18n import Html, t


def render_alert(message: OutboxMessage, lang: str) -> tuple[Html, InlineKeyboardMarkup | None]:
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
    if kind == "broadcast_report":
        return t(lang, "alert.broadcast_report",
                 **{**p, "state": t(lang, f"broadcast.state.{p['state']}")}), None
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


def render_broadcast(lang: str, text: str) -> Html:
    """An announcement as its readers see it (the admin's text, escaped)."""
    return t(lang, "broadcast.message", text=text)
