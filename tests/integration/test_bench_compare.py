"""The before/after benchmark runs two checkouts in turn (here the project against itself)."""

import json
from pathlib import Path

import pytest

from bench.compare import main

pytestmark = pytest.mark.bench

PROJECT = Path(__file__).resolve().parents[2]


def test_two_checkouts_run_in_turn_and_their_medians_compare(capsys):
    assert main([str(PROJECT), str(PROJECT), "--rounds", "1", "--customers", "2",
                 "--riders", "1", "--json"]) == 0
    captured = capsys.readouterr()
    medians = json.loads(captured.out)
    assert set(medians) == {"before", "after", "after/before"}
    for name in ("before", "after"):
        assert medians[name]["updates/s"] > 0 and medians[name]["bot CPU ms/update"] > 0
    ratio = medians["after"]["updates/s"] / medians["before"]["updates/s"]
    assert medians["after/before"]["updates/s"] == pytest.approx(ratio, abs=0.01)
    assert captured.err.count("round 1") == 2  # before, then after
