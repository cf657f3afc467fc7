"""The transport benchmark runs end to end on a few calls; the figures are its business."""

import pytest

from bench.transport import main, measure

pytestmark = pytest.mark.bench


def test_both_backends_carry_every_call_and_the_figures_come_out(capsys):
    columns = measure(calls=40, concurrency=4, rounds=1)
    assert set(columns) == {"httpx", "aiohttp"}
    for figures in columns.values():
        assert figures["CPU ms per call (median)"] > 0
        assert figures["calls per second (median)"] > 0
    assert columns["aiohttp"]["CPU per call, httpx / aiohttp"] > 0

    assert main(["--calls", "8", "--concurrency", "2", "--rounds", "1"]) == 0
    assert "CPU ms per call (median)" in capsys.readouterr().out
