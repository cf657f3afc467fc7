"""Opening hours as a shop owner types them, and when the shop is open by them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from domain.shared.errors import InvalidAnswer
from domain.shop.hours import MAX_HOURS_CHARS, parse_hours

SEOUL = ZoneInfo("Asia/Seoul")
EXAMPLE = "mon-fri 09:00-21:00; sat 10:00-18:00; sun closed"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Seoul time on a day of the week of Dec 7-13, 2026 (Monday the 7th is day 0)."""
    return datetime(2026, 12, 7 + day, hour, minute, tzinfo=SEOUL)


def test_the_example_reads_as_a_week_monday_first():
    hours = parse_hours(EXAMPLE)
    assert hours.week == ((((540, 1260),),) * 5) + (((600, 1080),), ())


@pytest.mark.parametrize("when, open_", [
    (at(0, 8, 59), False), (at(0, 9, 0), True), (at(4, 20, 59), True), (at(4, 21, 0), False),
    (at(5, 9, 30), False), (at(5, 17, 59), True), (at(6, 12, 0), False),
])
def test_open_within_each_days_ranges_only(when: datetime, open_: bool):
    assert parse_hours(EXAMPLE).is_open(when) is open_


def test_a_range_past_midnight_runs_into_the_next_morning():
    hours = parse_hours("fri 18:00-02:00")
    assert hours.is_open(at(4, 23, 30)) and hours.is_open(at(5, 1, 59))
    assert not hours.is_open(at(5, 2, 0)) and not hours.is_open(at(4, 17, 59))


def test_a_later_part_overrides_the_days_it_names():
    hours = parse_hours("daily 09:00-21:00; sun closed")
    assert hours.is_open(at(5, 12)) and not hours.is_open(at(6, 12))


def test_several_ranges_a_day_korean_days_and_full_names_are_read():
    hours = parse_hours("월-금 11:00-14:00, 17:00-22:00; Saturday 09:00~24:00")
    assert hours.week[0] == ((660, 840), (1020, 1320))
    assert hours.week[5] == ((540, 1440),) and hours.week[6] == ()


def test_a_day_range_may_wrap_around_the_week():
    assert [bool(d) for d in parse_hours("fri-mon 10:00-20:00").week] == [
        True, False, False, False, True, True, True]


def test_closed_now_opens_at_the_next_start():
    hours = parse_hours(EXAMPLE)
    assert hours.opens_at(at(0, 7)) == at(0, 9)
    assert hours.opens_at(at(5, 19)) == at(7, 9)  # Saturday evening: Monday at 9
    assert hours.opens_at(at(1, 12)) == at(1, 12)  # open: now


def test_no_day_with_hours_never_opens():
    assert parse_hours("daily closed").opens_at(at(0, 12)) is None


@pytest.mark.parametrize("typed", [
    "mon 9-5", "funday 09:00-10:00", "mon 09:00", "mon 25:00-26:00", "mon 09:60-10:00",
    "mon 10:00-10:00", "mon 24:00-02:00", "mon", ";", "",
])
def test_unreadable_hours_are_refused_naming_the_part(typed: str):
    with pytest.raises(InvalidAnswer) as refused:
        parse_hours(typed)
    assert refused.value.code == "hours_unreadable"
    assert refused.value.params["part"] == typed.strip(" ;").lower() or typed in (";", "")


def test_too_long_hours_are_refused():
    with pytest.raises(InvalidAnswer) as refused:
        parse_hours("mon 09:00-10:00;" * (MAX_HOURS_CHARS // 10))
    assert refused.value.code == "hours_too_long"
