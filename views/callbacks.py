"""Inline button data: `action:arg:arg`, at most 64 bytes. It carries no authority: the
handler re-checks everything a typed command would."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
NUMBER = re.compile(r"^[1-9]\d{0,11}$")
WORD = re.compile(r"^[a-z_]{1,20}$")
KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")  # a catalog key
INDEX = re.compile(r"^\d{1,2}$")
VERSION = re.compile(r"^\d{1,10}$")  # of a draft or cart: what the message showed
DIGITS = re.compile(r"^\d{0,4}$")  # a delivery code's digits tapped so far
PATTERNS = {"n": NUMBER, "w": WORD, "k": KEY, "d": INDEX, "v": VERSION, "c": DIGITS}

# action -> the kind of each argument: "n" an order number, "w" a word, "k" a catalog key,
# "d" a small index (0-99), "v" the version of the draft or cart the message showed (the
# button is refused if it changed since)
ACTIONS: dict[str, tuple[str, ...]] = {
    "menu": ("w",),  # the /start buttons: order | shop | orders | help | pending | stats |
    # online | offline | myjobs | location
    "size": ("w",),
    "pay": ("w",),
    "draft": ("w",),  # cancel (confirm: an old button, without the version it showed)
    "dconfirm": ("v",),  # Confirm under the parcel summary of this version
    # A request under the summary of this version: toggle ASK | write NOTE | back x
    "dreq": ("w", "w", "v"),
    "mreq": ("w", "w", "v"),
    "lang": ("w",),
    "approve": ("n",),
    "approvein": ("n", "d"),  # a menu order, made in this many minutes
    "reject": ("n",),  # show the reasons to pick from
    "rejectwhy": ("n", "w"),
    "accept": ("n",),
    "pickup": ("n",),
    "deliver": ("n",),
    "received": ("n",),
    "bsend": ("n",),  # a broadcast id
    "bcancel": ("n",),
    "oaccept": ("n",),  # an offer id
    "odecline": ("n",),
    "vehicle": ("w",),
    "rapprove": ("n",),  # a rider's user id (a card sent before requests were named)
    "rdecline": ("n",),
    "ryes": ("n", "v"),  # a rider's user id, and the request the card showed
    "rno": ("n", "v"),
    "mcat": ("k",),  # the menu wizard: a category, an item, an option's choice, a quantity
    "mitem": ("k",),
    "mopt": ("d", "d", "v"),  # option group index, choice index
    "mqty": ("d", "v"),
    "mcart": ("w",),  # back | checkout | cancel | cart (confirm: an old button, without a
    # version)
    "mline": ("v", "d", "w"),  # a cart line's button: the cart's version, the line's index,
    # less | more | drop
    "mconfirm": ("v",),  # Confirm under the cart summary of this version
    "mful": ("w",),  # delivery | pickup
    "mpay": ("w",),
    "paycash": ("n",),  # payments are down: pay order #N in cash instead
    "ocancel": ("n",),  # the customer cancels order #N (asked first under the card)
    "ocancelask": ("n",),  # Cancel under the customer's card: asks "really?"
    "okeep": ("n",),  # No, keep it
    "release": ("n",),  # the rider gives the job back
    "pin": ("n", "c"),  # a key of the delivery code's keypad: the digits tapped so far
    "scancel": ("n",),  # the store cancels: show the reasons to pick from
    "scancelwhy": ("n", "w"),
    "prep": ("n",),  # the kitchen
    "ready": ("n",),
    "handed": ("n",),
    "collected": ("n",),
    "addr": ("n", "v"),  # a saved address (its id) answers the address question of this version
    "addrdel": ("n",),  # /addresses: delete the saved address with this id
    "again": ("n",),  # Order again: order #N as a new draft or cart
}

# Presses that decide on one order (or one offer) and neither read nor change a conversation
# (no wizard, no awaited answer): they need not wait behind the rest of their chat, only
# behind earlier presses on the same order. action -> what its first argument names.
DECISIONS: dict[str, str] = {
    "approve": "order", "approvein": "order", "reject": "order", "rejectwhy": "order",
    "prep": "order", "ready": "order", "handed": "order",
    "accept": "order", "pickup": "order", "collected": "order", "release": "order",
    "pin": "order",
    "scancel": "order", "scancelwhy": "order",
    "oaccept": "offer", "odecline": "offer",
}


# Buttons whose first argument is an order number.
ABOUT_AN_ORDER = frozenset({
    "approve", "approvein", "reject", "rejectwhy", "accept", "pickup", "deliver", "received",
    "paycash", "ocancel", "prep", "ready", "handed", "collected", "ocancelask", "okeep", "release",
    "scancel", "scancelwhy", "pin", "again",
})


@dataclass(frozen=True)
class Callback:
    action: str
    args: tuple[str, ...]

    def number(self, index: int = 0) -> int:
        return int(self.args[index])


def encode(action: str, *args: object) -> str:
    data = ":".join([action, *map(str, args)])
    if decode(data) is None:
        raise ValueError(f"not a valid button: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """The button, or None when the data is not one of ours (forged or from an old version)."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    action, *args = data.split(":")
    kinds = ACTIONS.get(action)
    if kinds is None or len(kinds) != len(args):
        return None
    for kind, arg in zip(kinds, args, strict=True):
        if not PATTERNS[kind].match(arg):
            return None
    return Callback(action, tuple(args))


def matches(*actions: str):
    """A CallbackQueryHandler pattern accepting only well-formed buttons of these actions."""

    def pattern(data: object) -> bool:
        found = decode(data) if isinstance(data, str) else None
        return found is not None and found.action in actions

    return pattern
