"""Pacing under Telegram's flood limits, with a clock the test moves."""

from notifier.pacing import PaceLimits, Pacer


class Monotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def pacer(**limits) -> tuple[Pacer, Monotonic]:
    clock = Monotonic()
    return Pacer(PaceLimits(**limits), clock), clock


def test_the_global_pace_spaces_sends_at_the_configured_rate():
    pace, clock = pacer(global_per_second=10)
    sent = 0
    for _ in range(1000):  # one simulated second in millisecond steps
        if pace.global_wait(reserve=False) == 0:
            pace.record(chat_id=sent + 1)  # every send to a different chat
            sent += 1
        clock.now += 0.001
    assert sent == 10  # never more than the rate in any one second, even from idle


def test_no_second_ever_holds_more_than_the_rate():
    pace, clock = pacer(global_per_second=9.5)
    times = []
    for step in range(3000):  # three simulated seconds; alerts and broadcasts mixed
        if pace.global_wait(reserve=step % 3 != 0) == 0:
            pace.record(chat_id=step)
            times.append(clock.now)
        clock.now += 0.001
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest == 9


def test_broadcasts_leave_one_token_for_an_alert():
    pace, _ = pacer(global_per_second=10)
    pace.record(1)
    assert pace.global_wait(reserve=True) > 0  # a broadcast must wait for the next slot…
    assert pace.global_wait(reserve=False) == 0  # …an alert may go at once
    pace.record(2)
    assert pace.global_wait(reserve=False) > 0


def test_a_private_chat_gets_a_burst_then_one_a_second():
    pace, clock = pacer(global_per_second=1000, private_burst=3, private_per_second=1.0)
    for _ in range(3):
        assert pace.chat_wait(7) == 0
        pace.record(7)
    assert pace.busy_chats() == [7]
    assert 0.99 < pace.chat_wait(7) <= 1.0
    assert pace.chat_wait(8) == 0  # other chats are not held back
    clock.now += 1.0
    assert pace.busy_chats() == []


def test_a_group_gets_at_most_nineteen_a_minute():
    pace, clock = pacer(global_per_second=1000)
    sent = 0
    for _ in range(600):  # one simulated minute in 0.1 s steps
        if pace.chat_wait(-100) == 0:
            pace.record(-100)
            sent += 1
        clock.now += 0.1
    assert sent == 19


def test_idle_chats_are_forgotten():
    pace, clock = pacer(global_per_second=1000)
    for chat in range(50):
        pace.record(chat)
    clock.now += 10
    assert pace.busy_chats() == []
    assert pace.soonest_chat_ready() is None
