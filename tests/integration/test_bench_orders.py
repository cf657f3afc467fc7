"""The order benchmark runs end to end on a tiny load, each bot in its own process; only facts
that hold whatever the timing are checked (the figures are the benchmark's business)."""

import pytest

from bench.load import STEPS_PER_ORDER, WIZARD_STEPS
from bench.orders import Options, render, run_benchmark

pytestmark = pytest.mark.bench

STEPS = {"start", "new order", "size", "weight", "pickup", "destination", "phone", "payment",
         "confirm", "approve", "accept", "picked up", "delivered", "code", "receipt"}


async def test_the_echo_bot_and_the_project_get_the_same_updates_and_every_order_completes():
    options = Options(customers=4, riders=2, small=30, large=120, large_customers=20,
                      large_open=10)
    results = await run_benchmark(options)
    runs = results.runs()
    assert list(runs) == ["echo bot", "sqlite 30 stored", "sqlite at half rate",
                          "sqlite 120 stored"]
    assert len(STEPS) == STEPS_PER_ORDER
    for run in runs.values():
        assert (run.updates, run.completed) == (4 * STEPS_PER_ORDER, 4)
        replies = [sample for sample in run.samples if sample.kind == "reply"]
        assert {sample.step for sample in replies} == STEPS
        assert len(replies) == run.updates
        assert all(sample.seconds > 0 for sample in run.samples)
        assert run.bot_cpu_s > 0 and run.bot_peak_rss_mb > 0
        assert run.api_calls >= run.updates  # each update answered at least once
    alerts = [s.step for s in runs["sqlite 30 stored"].samples if s.kind == "alert"]
    assert sorted(set(alerts)) == ["approved", "assigned", "delivered", "picked up"]
    assert len(alerts) == 4 * 4
    assert not [s for s in results.echo.samples if s.kind == "alert"]
    paced = runs["sqlite at half rate"]
    assert paced.paced_at == runs["sqlite 30 stored"].updates_per_s / 2
    assert paced.stored_orders == 30 + 4  # the first run's orders stay
    assert WIZARD_STEPS < STEPS and "confirm" not in WIZARD_STEPS
    replies = [s for s in paced.samples if s.kind == "reply"]
    slowest_wizard = max(s.seconds for s in replies if s.step in WIZARD_STEPS)
    slowest_move = max(s.seconds for s in replies if s.step not in WIZARD_STEPS)
    assert paced.latency_ms("reply", 100, wizard=True) == 1000.0 * slowest_wizard
    assert paced.latency_ms("reply", 100, wizard=False) == 1000.0 * slowest_move
    table = render(results)
    assert "updates/s" in table and "bot CPU ms/update" in table
    assert "Bot API calls/update" in table
    assert "reply p99 ms, order moves" in table
    assert len(results.targets()) == 5  # throughput, reply and alert p99, memory, flat cost
