"""How the shop's hours and its state (open, closed, paused) read in the chat."""

from __future__ import annotations

from domain.shop.hours import DAY_MINUTES, OpeningHours, Range
from domain.shop.opening import Opening
from views.i18n import Html, t
from views.words import WEEKDAYS_EN, WEEKDAYS_KO, coming


def opening_line(lang: str, opening: Opening) -> Html:
    """The store's view: open, closed until …, or paused until …."""
    suffix = "" if opening.is_open or opening.opens_at else "_for_now"
    opens = coming(lang, opening.opens_at) if opening.opens_at else ""
    return t(lang, f"shop.{opening.door.value}{suffix}", opens=opens)


def hours_text(lang: str, hours: OpeningHours | None, opening: Opening) -> Html:
    """/hours: each weekday's hours (or "always open"), the state now, and how to change
    them."""
    lines = [t(lang, "hours.title")]
    if hours is None:
        lines.append(t(lang, "hours.always"))
    else:
        names = WEEKDAYS_KO if lang == "ko" else WEEKDAYS_EN
        lines += [t(lang, "hours.day", day=names[day], ranges=day_ranges(lang, ranges))
                  for day, ranges in enumerate(hours.week)]
    return Html("\n".join([*lines, "", opening_line(lang, opening), "", t(lang, "hours.how")]))


def day_ranges(lang: str, ranges: tuple[Range, ...]) -> str:
    """The day's ranges ("09:00-21:00, 22:00-02:00", with en dashes), or "closed"."""
    if not ranges:
        return t(lang, "hours.closed")
    return ", ".join(f"{_hhmm(start)}–{_hhmm(end)}" for start, end in ranges)


def _hhmm(minute: int) -> str:
    minute = minute % DAY_MINUTES if minute != DAY_MINUTES else minute
    return f"{minute // 60:02d}:{minute % 60:02d}"
