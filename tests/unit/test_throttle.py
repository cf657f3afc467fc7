"""The limit on updates per person: a sliding minute, one warning per episode, and people
forgotten once their window is empty."""

from datetime import timedelta

import pytest

from handlers.throttle import UpdateLimit, Verdict
from tests.fakes import FakeClock

SERVE, WARN, IGNORE = Verdict.SERVE, Verdict.WARN, Verdict.IGNORE


def test_beyond_the_limit_one_warning_then_silence():
    limit = UpdateLimit(3, FakeClock())
    assert [limit.check(1) for _ in range(6)] == [SERVE, SERVE, SERVE, WARN, IGNORE, IGNORE]


def test_people_are_counted_apart():
    limit = UpdateLimit(2, FakeClock())
    assert [limit.check(1) for _ in range(3)] == [SERVE, SERVE, WARN]
    assert [limit.check(2) for _ in range(2)] == [SERVE, SERVE]


def test_the_window_slides_and_a_new_episode_is_warned_again():
    clock = FakeClock()
    limit = UpdateLimit(2, clock)
    assert limit.check(1) is SERVE  # at 0 s
    clock.advance(seconds=30)
    assert [limit.check(1) for _ in range(3)] == [SERVE, WARN, IGNORE]  # at 30 s
    clock.advance(seconds=29)
    assert limit.check(1) is IGNORE  # at 59 s both served updates are still in the window
    clock.advance(seconds=1)
    # At 60 s the first has left the window: one more fits; updates refused meanwhile were
    # not counted, so they took no room.
    assert [limit.check(1) for _ in range(3)] == [SERVE, WARN, IGNORE]
    clock.advance(seconds=60)
    assert [limit.check(1) for _ in range(3)] == [SERVE, SERVE, WARN]


def test_an_injected_window():
    clock = FakeClock()
    limit = UpdateLimit(1, clock, window=timedelta(seconds=5))
    assert [limit.check(1), limit.check(1)] == [SERVE, WARN]
    clock.advance(seconds=5)
    assert limit.check(1) is SERVE


def test_people_whose_window_is_empty_are_forgotten():
    clock = FakeClock()
    limit = UpdateLimit(2, clock)
    for person_id in range(1000):
        limit.check(person_id)
    assert limit.remembered() == 1000
    clock.advance(seconds=61)
    assert limit.check(5000) is SERVE
    assert limit.remembered() == 1  # only the one heard in the last minute
    clock.advance(seconds=30)
    limit.check(5001)
    clock.advance(seconds=31)  # 5000's last update is 61 s old, 5001's 31 s
    limit.check(5002)
    assert limit.remembered() == 2


def test_the_limit_is_at_least_one():
    with pytest.raises(ValueError, match="at least 1"):
        UpdateLimit(0, FakeClock())
