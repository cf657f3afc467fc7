"""Flood limits: how fast the bot may send, as Telegram publishes them; off unless asked for."""

import contextlib
import math
from collections import deque
from dataclasses import dataclass

from emulator.errors import too_many_requests

# The calls that make or change a message in a chat; nothing else is ever limited.
COUNTED_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendInvoice",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "editMessageLiveLocation",
        "stopMessageLiveLocation",
    }
)
GLOBAL_WINDOW_S = 1.0
GROUP_WINDOW_S = 60.0


@dataclass(frozen=True)
class FloodLimits:
    """Telegram's published limits; ``None`` turns a rule off.

    - ``global_per_second``: at most this many accepted calls in any trailing second, all
      chats together;
    - ``private_burst`` / ``private_per_second``: per private chat (id > 0) a token bucket
      holding ``private_burst`` messages, refilled at ``private_per_second`` ("about one
      message per second, short bursts tolerated");
    - ``group_per_minute``: per group or supergroup (id < 0), at most this many accepted
      calls in any trailing minute.
    """

    global_per_second: int | None = 30
    private_burst: int | None = 5
    private_per_second: float = 1.0
    group_per_minute: int | None = 20

    def __post_init__(self) -> None:
        for name in ("global_per_second", "private_burst", "group_per_minute"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or value < 1):
                raise ValueError(f"{name} must be at least 1, or None to turn the rule off")
        if not self.private_per_second > 0:
            raise ValueError("private_per_second must be positive")


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass(frozen=True)
class Slot:
    """What one accepted call took; given back if the call then fails."""

    at: float
    chat_id: int | None
    in_global: bool
    in_group: bool
    from_bucket: bool


def _window_wait(times: deque[float], limit: int | None, window: float, now: float) -> float:
    """Seconds until one more call fits in the trailing window (0 if it fits now)."""
    while times and times[0] <= now - window:
        times.popleft()
    if limit is None or len(times) < limit:
        return 0.0
    return times[len(times) - limit] + window - now


class FloodControl:
    """Windows of accepted calls; counting starts when limits are set."""

    def __init__(self, limits: FloodLimits | None = None) -> None:
        self.limits = limits
        self.refused = 0
        self._global: deque[float] = deque()
        self._groups: dict[int, deque[float]] = {}
        self._buckets: dict[int, _Bucket] = {}

    def set_limits(self, limits: FloodLimits | None) -> None:
        """New limits keep what was already sent; ``None`` also forgets it."""
        if limits is None:
            self._global.clear()
            self._groups.clear()
            self._buckets.clear()
        self.limits = limits

    def take(self, method: str, chat_id: int | None, now: float) -> Slot | None:
        """Admit one call made at ``now``, or raise 429 without counting it."""
        limits = self.limits
        if limits is None or method not in COUNTED_METHODS:
            return None
        in_global = limits.global_per_second is not None
        group_times = None
        if chat_id is not None and chat_id < 0 and limits.group_per_minute is not None:
            group_times = self._groups.setdefault(chat_id, deque())
        bucket = None
        if chat_id is not None and chat_id > 0 and limits.private_burst is not None:
            bucket = self._refilled(chat_id, limits.private_burst, limits.private_per_second, now)
        waits = [0.0]
        if in_global:
            waits.append(_window_wait(self._global, limits.global_per_second, GLOBAL_WINDOW_S, now))
        if group_times is not None:
            waits.append(_window_wait(group_times, limits.group_per_minute, GROUP_WINDOW_S, now))
        if bucket is not None:
            waits.append(max(0.0, 1.0 - bucket.tokens) / limits.private_per_second)
        wait = max(waits)
        if wait > 0:
            self.refused += 1
            raise too_many_requests(max(1, math.ceil(wait)))
        if in_global:
            self._global.append(now)
        if group_times is not None:
            group_times.append(now)
        if bucket is not None:
            bucket.tokens -= 1.0
        return Slot(now, chat_id, in_global, group_times is not None, bucket is not None)

    def give_back(self, slot: Slot) -> None:
        """Forget a call the server then refused for another reason: it sent nothing."""
        if slot.in_global:
            _forget(self._global, slot.at)
        if slot.in_group and slot.chat_id in self._groups:
            _forget(self._groups[slot.chat_id], slot.at)
        bucket = self._buckets.get(slot.chat_id) if slot.chat_id is not None else None
        burst = self.limits.private_burst if self.limits is not None else None
        if slot.from_bucket and bucket is not None and burst is not None:
            bucket.tokens = min(float(burst), bucket.tokens + 1.0)

    def _refilled(self, chat_id: int, burst: int, rate: float, now: float) -> _Bucket:
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            bucket = self._buckets[chat_id] = _Bucket(float(burst), now)
        elapsed = max(0.0, now - bucket.at)
        bucket.tokens = min(float(burst), bucket.tokens + elapsed * rate)
        bucket.at = max(bucket.at, now)
        return bucket


def _forget(times: deque[float], at: float) -> None:
    with contextlib.suppress(ValueError):  # already out of the window
        times.remove(at)
