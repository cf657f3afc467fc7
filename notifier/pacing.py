"""Pacing under Telegram's flood limits: about 30 messages a second overall, about one a second
per private chat (short bursts tolerated) and 20 a minute per group.

Token buckets in memory: they pace one sending process. Several processes share one pace
because only one of them sends at a time (see notifier.leadership).
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


class TokenBucket:
    """Holds up to `capacity` tokens, refilled at `rate` per second; a send takes one."""

    def __init__(self, rate: float, capacity: float, now: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = now

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    def wait(self, now: float, need: float = 1.0) -> float:
        """Seconds until the bucket holds `need` tokens (0 if it does now)."""
        self._refill(now)
        return max(0.0, (need - self.tokens) / self.rate)

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1.0

    def is_full(self, now: float) -> bool:
        self._refill(now)
        return self.tokens >= self.capacity


@dataclass(frozen=True)
class PaceLimits:
    global_per_second: float = 25.0
    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: float = 19.0  # one under Telegram's 20, so a minute window never sees 21


class Pacer:
    """Decides when the next message may go.

    The global pace is a schedule of slots 1/rate apart. A broadcast message waits for its
    slot; an alert may take the slot up to one interval early, pushing the broadcasts back by
    one, so an alert arriving during a broadcast goes at once instead of queueing, and the
    total stays at the rate (plus that one early slot) in any second. A send that is a little
    late does not delay the ones after it, so the achieved rate stays at the configured one.
    """

    def __init__(
        self, limits: PaceLimits, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits
        self.monotonic = monotonic
        self.interval = 1.0 / limits.global_per_second
        # A hard cap as well: never more than the rate in any one second, whatever the slots.
        self.per_second = max(1, math.floor(limits.global_per_second))
        self._recent: deque[float] = deque()
        self._next_slot = monotonic()
        self._chats: dict[int, TokenBucket] = {}

    def global_wait(self, *, reserve: bool) -> float:
        """Seconds until the global pace allows a send: a broadcast (`reserve=True`, keeping
        the early slot for alerts) or an alert."""
        now = self.monotonic()
        early = 0.0 if reserve else self.interval
        slot = self._next_slot - early - now
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        full = (self._recent[0] + 1.0 - now
                if len(self._recent) >= self.per_second else 0.0)
        return max(0.0, slot, full)

    def chat_wait(self, chat_id: int) -> float:
        bucket = self._chats.get(chat_id)
        return 0.0 if bucket is None else bucket.wait(self.monotonic())

    def busy_chats(self) -> list[int]:
        """Chats that must wait before their next message; forgets chats that are idle again."""
        now = self.monotonic()
        busy = []
        for chat_id, bucket in list(self._chats.items()):
            if bucket.wait(now) > 0:
                busy.append(chat_id)
            elif bucket.is_full(now):
                del self._chats[chat_id]
        return busy

    def soonest_chat_ready(self) -> float | None:
        """Seconds until the first busy chat may be written to again, if any is busy."""
        now = self.monotonic()
        waits = [bucket.wait(now) for bucket in self._chats.values()]
        waits = [w for w in waits if w > 0]
        return min(waits) if waits else None

    def record(self, chat_id: int) -> None:
        """A message to this chat is going out now."""
        now = self.monotonic()
        self._next_slot = max(self._next_slot, now - self.interval) + self.interval
        self._recent.append(now)
        bucket = self._chats.get(chat_id)
        if bucket is None:
            bucket = self._chats[chat_id] = self._chat_bucket(chat_id, now)
        bucket.take(now)

    def _chat_bucket(self, chat_id: int, now: float) -> TokenBucket:
        if chat_id < 0:  # groups and channels
            return TokenBucket(self.limits.group_per_minute / 60.0, 1.0, now)
        return TokenBucket(self.limits.private_per_second, self.limits.private_burst, now)
