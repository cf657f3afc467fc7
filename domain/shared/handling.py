"""The update being handled, and how its effects are counted so that a re-run applies none
twice.

An update may be handled a second time: the process died after the update's work committed
but before the update was marked finished (or before its answer was sent). Each unit of work
that commits while an update is in hand is one of its *effects*, numbered 1, 2, … in the
order they commit, and the number is stored in that same transaction (the inbox row's
`effects`). A re-run is told how many effects earlier runs committed; the units of work that
reach those numbers again raise AlreadyApplied instead of committing, so nothing is applied
twice, and the chat layer answers with the current state instead.

Units of work that may harmlessly repeat (remembering a person's name) are marked
`repeatable` and are not counted, so whether they wrote or not never shifts the count.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class UpdateInHand:
    update_id: int
    committed_before: int = 0  # effects earlier runs of this update committed
    effects: int = 0  # effects this run has reached so far
    # A staff press on the store's card of an order, answered by editing that card: the chat
    # it is in. The alert sender's refresh of that card would only repeat the same edit.
    store_card_shown_in: int | None = None

    def next_effect(self) -> int | None:
        """Number the next effect; None when an earlier run already committed it."""
        self.effects += 1
        return None if self.effects <= self.committed_before else self.effects

    @property
    def catching_up(self) -> bool:
        """Earlier runs committed more than this run has reached: the state has moved on, so
        a refusal now (say, "already approved") only means the work was done before."""
        return self.effects < self.committed_before

    def effect_failed(self) -> None:
        """The effect just numbered did not commit: its number is free again."""
        self.effects -= 1


_in_hand: ContextVar[UpdateInHand | None] = ContextVar("update_in_hand", default=None)


def update_in_hand() -> UpdateInHand | None:
    return _in_hand.get()


@contextmanager
def handling(update_id: int, committed_before: int = 0) -> Iterator[UpdateInHand]:
    """Everything run inside (and the tasks it starts) works for this update."""
    in_hand = UpdateInHand(update_id, committed_before)
    token = _in_hand.set(in_hand)
    try:
        yield in_hand
    finally:
        _in_hand.reset(token)
