"""The command menus Telegram shows beside the text box: what each audience may type, in the
reader's language, with only the commands the shop's mode offers."""

from __future__ import annotations

from enum import StrEnum

from views.i18n import CATALOGS, Html, shortened, t


class Audience(StrEnum):
    CUSTOMER = "customer"  # everyone, by default
    RIDER = "rider"  # in an active rider's own chat
    STAFF = "staff"  # in the store's chats


PARCELS = ("order",)
MENU = ("menu",)
CUSTOMER = ("orders", "addresses", "status", "cancel", "received", "help", "language", "mute",
            "unmute", "rider")
RIDER = ("online", "offline", "jobs", "myjobs", "pickup", "deliver", "collected", "release",
         "orders", "status", "help", "language")
STAFF_DECIDING = ("pending", "approve", "reject", "cancel")
KITCHEN = ("preparing", "ready", "handed", "items", "stock", "soldout", "available")
STAFF_OVERSEEING = ("status", "report", "stats", "riders", "waive", "hours", "pause", "resume",
                    "broadcast", "broadcasts", "outbox", "help", "language")


COMMAND_CHARS = 32  # Telegram's longest command; a longer typed one is echoed cut short


def unknown_command(lang: str, typed: str) -> Html:
    """The hint for a command nobody handles, naming it (cut short if it is long)."""
    return t(lang, "hint.unknown_command", command=shortened(typed, COMMAND_CHARS + 1))


def command_names(audience: Audience, parcels: bool, menu: bool) -> tuple[str, ...]:
    """The commands in an audience's menu, for a shop taking parcels and/or menu orders."""
    if audience is Audience.STAFF:
        return STAFF_DECIDING + (KITCHEN if menu else ()) + STAFF_OVERSEEING
    if audience is Audience.RIDER:
        return RIDER
    return (PARCELS if parcels else ()) + (MENU if menu else ()) + CUSTOMER


def command_menu(lang: str, audience: Audience, parcels: bool,
                 menu: bool) -> list[tuple[str, str]]:
    """(command, description) pairs, in the order Telegram shows them."""
    return [(name, str(t(lang, f"command.{name}")))
            for name in command_names(audience, parcels, menu)]


def usage(lang: str, written: str) -> str:
    """How a command is typed ("/deliver N CODE"), its placeholder words in the reader's
    language ("/deliver N 인증번호", as /help writes them)."""
    return " ".join(t(lang, f"usage.{word}") if f"usage.{word}" in CATALOGS["en"] else word
                    for word in written.split(" "))
