"""Lanes for incoming updates: different lanes are handled at once, one lane strictly in
order (the inbox claims only the oldest unfinished update of each lane).

An update's lane is its chat's, or for a press that decides on one order
(views.callbacks.DECISIONS), that order's own lane within the chat. So a staff group's
Approve presses on different orders run side by side, while a conversation (a wizard, an
awaited code) still sees its messages and presses one at a time, in order.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from telegram import Update

from views.callbacks import DECISIONS, decode


class ParsedUpdates:
    """Updates this process parsed on their way into the inbox (to find their lane), kept
    for the worker so that each is parsed once: parsing is a good part of an update's cost.
    Bounded; an update handled elsewhere or after a restart is parsed from its stored text."""

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self._kept: OrderedDict[int, Update] = OrderedDict()

    def keep(self, update: Update) -> None:
        self._kept[update.update_id] = update
        if len(self._kept) > self.limit:
            self._kept.popitem(last=False)

    def take(self, update_id: int) -> Update | None:
        return self._kept.pop(update_id, None)


def chat_key(update: object) -> int | None:
    """The chat whose updates must be handled in order (the user's, for a chatless one)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


def update_lane(update: object) -> int | None:
    """The lane an update waits in: its chat's, or for a decision on one order or offer,
    that order's (offer's) lane within the chat."""
    chat = chat_key(update)
    query = update.callback_query if isinstance(update, Update) else None
    decision = decode(query.data) if query is not None else None
    if chat is None or decision is None or decision.action not in DECISIONS:
        return chat
    subject = f"{chat}:{DECISIONS[decision.action]}:{decision.args[0]}"
    # An integer, as the webhook inbox stores lanes; two lanes that happened to share one
    # would only wait for each other.
    digest = hashlib.blake2b(subject.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
