"""How many updates one person gets handled (setting MAX_UPDATES_PER_MINUTE): at most
`per_window` in any sliding window of `window` (a minute). The first update over the limit is
told to slow down, the next ones get silence, until the window has room again; the next time
the person goes over, they are told once more. Updates over the limit are not counted, so
room comes back as the served ones age out of the window.

Kept in memory, per process: with several replicas, each counts the updates it handles
itself, so one person may be served up to the limit at each replica (their updates go to
whichever replica claims them). A person is forgotten once their window is empty: what is
remembered is at most `per_window` times for each person heard in the last two windows.

Time comes from the injected clock, like everywhere else (tests move it on).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from domain.shared.clock import Clock

WINDOW = timedelta(minutes=1)


class Verdict(Enum):
    SERVE = "serve"
    WARN = "warn"  # the first update over the limit: say "slow down", once
    IGNORE = "ignore"  # over the limit and already told


@dataclass
class _Window:
    served: deque[datetime] = field(default_factory=deque)  # oldest first
    warned: bool = False


class UpdateLimit:
    """Counts each person's updates in a sliding window; no Telegram in here."""

    def __init__(self, per_window: int, clock: Clock, window: timedelta = WINDOW) -> None:
        if per_window < 1:
            raise ValueError("per_window must be at least 1")
        self.per_window = per_window
        self.clock = clock
        self.window = window
        self._people: dict[int, _Window] = {}
        self._next_sweep = clock.now() + window

    def check(self, person_id: int) -> Verdict:
        """One more update from this person: whether to serve it, and if not, whether to
        warn them (only the first time in a row)."""
        now = self.clock.now()
        self._forget_idle(now)
        person = self._people.setdefault(person_id, _Window())
        _drop_older(person.served, now - self.window)
        if len(person.served) < self.per_window:
            person.served.append(now)
            person.warned = False
            return Verdict.SERVE
        if person.warned:
            return Verdict.IGNORE
        person.warned = True
        return Verdict.WARN

    def remembered(self) -> int:
        """How many people are held in memory."""
        return len(self._people)

    def _forget_idle(self, now: datetime) -> None:
        """Once a window: drop the people with nothing served in the last one."""
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.window
        start = now - self.window
        idle = [person_id for person_id, person in self._people.items()
                if not person.served or person.served[-1] <= start]
        for person_id in idle:
            del self._people[person_id]


def _drop_older(served: deque[datetime], start: datetime) -> None:
    """Forget the times at or before the window's start."""
    while served and served[0] <= start:
        served.popleft()
