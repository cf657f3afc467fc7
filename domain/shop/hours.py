"""Opening hours: when the shop takes orders, by weekday, in the shop's time zone.

Written the way a shop owner types them: "mon-fri 09:00-21:00; sat 10:00-18:00; sun closed".
A day may have several ranges ("mon 11:00-14:00, 17:00-22:00"); a range may pass midnight
("fri 18:00-02:00" runs until 2 on Saturday morning); a day not named is closed; a later
part overrides an earlier one for the days it names ("daily 09:00-21:00; sun closed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from domain.shared.errors import InvalidAnswer
from domain.shared.text import normalized, utf16_length

MAX_HOURS_CHARS = 300  # what /hours takes, in UTF-16 units
DAY_MINUTES = 24 * 60
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAYS_KO = ("월", "화", "수", "목", "금", "토", "일")
DAY_NAMES = {name: index for names in (DAYS, FULL_DAYS, DAYS_KO)
             for index, name in enumerate(names)}
EVERY_DAY = {"daily", "everyday", "매일"}
CLOSED = {"closed", "off", "휴무"}
TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
RANGE_DASHES = re.compile(r"\s*[-–~]\s*")

Range = tuple[int, int]  # minutes after the day's midnight; an end past DAY_MINUTES runs on


@dataclass(frozen=True)
class OpeningHours:
    """Each weekday's ranges, Monday first."""

    week: tuple[tuple[Range, ...], ...]

    def is_open(self, local: datetime) -> bool:
        """Whether `local` (the shop's own time) falls in a range of its day, or in the part
        of the day before's range that runs past midnight."""
        minute = local.hour * 60 + local.minute
        today = self.week[local.weekday()]
        yesterday = self.week[(local.weekday() - 1) % 7]
        return (any(start <= minute < end for start, end in today)
                or any(minute < end - DAY_MINUTES for _, end in yesterday))

    def opens_at(self, local: datetime) -> datetime | None:
        """The first moment from `local` on (`local` itself when open) that the shop is
        open; None when no day has hours."""
        if self.is_open(local):
            return local
        starts = []
        for ahead in range(8):
            day = local.date() + timedelta(days=ahead)
            midnight = datetime.combine(day, time(), tzinfo=local.tzinfo)
            starts += [_on_the_clock(midnight + timedelta(minutes=start))
                       for start, _ in self.week[day.weekday()]]
        return min((at for at in starts if at > local), default=None)


def _on_the_clock(at: datetime) -> datetime:
    """`at`, or, where a clock change skips it (the hour lost in spring), the first minute
    after it that the shop's clock shows: a shop opening at 2:30 then opens at 3:00."""
    while at.astimezone(UTC).astimezone(at.tzinfo).replace(tzinfo=None) != at.replace(
            tzinfo=None):
        at += timedelta(minutes=1)
    return at


def parse_hours(text: str) -> OpeningHours:
    """Opening hours from what a shop owner wrote (see the module docstring), or
    InvalidAnswer naming the part that could not be read."""
    written = normalized(text)
    if utf16_length(written) > MAX_HOURS_CHARS:
        raise InvalidAnswer("hours_too_long", max=MAX_HOURS_CHARS)
    parts = [part.strip() for part in written.lower().split(";") if part.strip()]
    if not parts:
        raise InvalidAnswer("hours_unreadable", part=written)
    week: list[tuple[Range, ...]] = [()] * 7
    for part in parts:
        days, _, ranges = part.partition(" ")
        found = _ranges(ranges.strip(), part)
        for day in _days(days.removesuffix(":"), part):
            week[day] = found
    return OpeningHours(tuple(week))


def _days(text: str, part: str) -> list[int]:
    """"mon-fri", "sat,sun", "daily", "월-금": the weekdays named, Monday as 0."""
    if text in EVERY_DAY:
        return list(range(7))
    found: list[int] = []
    for piece in text.split(","):
        first, dash, last = piece.partition("-")
        start, end = _day(first, part), _day(last, part) if dash else None
        if end is None:
            found.append(start)
        else:
            found += [(start + step) % 7 for step in range((end - start) % 7 + 1)]
    return found


def _day(text: str, part: str) -> int:
    day = DAY_NAMES.get(text.strip())
    if day is None:
        raise InvalidAnswer("hours_unreadable", part=part)
    return day


def _ranges(text: str, part: str) -> tuple[Range, ...]:
    """"09:00-21:00", "11:00-14:00, 17:00-22:00", "18:00-02:00" or "closed"."""
    if text in CLOSED:
        return ()
    found = []
    for piece in text.split(","):
        times = RANGE_DASHES.split(piece.strip())
        if len(times) != 2:
            raise InvalidAnswer("hours_unreadable", part=part)
        start, end = _minute(times[0], part), _minute(times[1], part)
        if start >= DAY_MINUTES or start == end:
            raise InvalidAnswer("hours_unreadable", part=part)
        found.append((start, end if end > start else end + DAY_MINUTES))
    return tuple(found)


def _minute(text: str, part: str) -> int:
    """"9:00", "09:30", "24:00": minutes after midnight."""
    match = TIME.match(text)
    if match is None:
        raise InvalidAnswer("hours_unreadable", part=part)
    hour, minute = int(match[1]), int(match[2])
    if minute > 59 or hour > 24 or (hour == 24 and minute):
        raise InvalidAnswer("hours_unreadable", part=part)
    return hour * 60 + minute
