"""The broadcast benchmark runs end to end on a tiny load; only facts that hold whatever the
timing are checked (the timings themselves are the benchmark's business, not a test's)."""

import pytest

from bench.broadcast import Options, render, run_benchmark

pytestmark = pytest.mark.bench


async def test_the_broadcast_benchmark_reaches_every_customer_once_and_measures_alerts(tmp_path):
    options = Options(customers=40, ceiling=30, rate=29, alerts_every=0.1, alert_orders=3,
                      database_url=f"sqlite+aiosqlite:///{tmp_path / 'bench.db'}")
    results = await run_benchmark(options)
    for run in (results.alone, results.with_alerts):
        assert run.settled
        assert (run.delivered, run.duplicates, run.missing) == (40, 0, 0)
        assert run.rate_limited == 0
    assert results.alone.latencies_ms == []
    assert len(results.with_alerts.latencies_ms) >= 1
    table = render(results)
    assert "broadcast alone" in table and "with alerts" in table
    assert "share_of_ceiling_pct" in table
