"""Before and after one change: two checkouts of the project, run in turn under the same load.

    python -m bench.compare BEFORE_DIR AFTER_DIR [--rounds 4] [--customers 80] [--riders 10]
                            [--database-url URL] [--json]

Each round runs the bot of BEFORE_DIR, then the bot of AFTER_DIR, each in its own process
against a fresh emulator and a freshly seeded database (300 completed orders), with the load
of `bench.orders` at full speed: the customers each through the whole parcel order. Runs
alternate so that a slow spell of this noisy machine hits both; the medians of the rounds are
printed. A checkout is any folder holding the project (`git worktree add ../before REV`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

SEEDED_ORDERS = 300


# What runs in each checkout, with that checkout's own bench code, migrations and bot (only
# `bench.orders.measure` and the seeding, which older checkouts have too).
ONE_RUN = """
import asyncio, json, sys, tempfile
from bench.databases import prepare_database
from bench.load import OrderCrowd
from bench.orders import Options, measure
from bench.seed import History, seed

async def one_run(customers, riders, url, seeded):
    options = Options(customers=customers, riders=riders)
    with tempfile.TemporaryDirectory() as folder:
        url = url or f"sqlite+aiosqlite:///{folder}/compare.db"
        await prepare_database(url)
        await seed(url, History(customers=seeded, completed=seeded, open=0))
        run = await measure("compare", "-", seeded, OrderCrowd, options,
                            ("bot.cli", "run", "--no-migrate"), url)
    return {"updates/s": run.updates_per_s, "bot CPU ms/update": run.cpu_ms_per_update}

customers, riders, url, seeded = json.loads(sys.argv[1])
print(json.dumps(asyncio.run(one_run(customers, riders, url, seeded))))
"""


def run_in(folder: Path, customers: int, riders: int, url: str | None) -> dict[str, float]:
    """A run of the checkout in `folder`."""
    argv = [sys.executable, "-c", ONE_RUN, json.dumps([customers, riders, url, SEEDED_ORDERS])]
    env = {**os.environ, "PYTHONPATH": str(folder)}
    done = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"the run in {folder} failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--customers", type=int, default=80)
    parser.add_argument("--riders", type=int, default=10)
    parser.add_argument("--database-url", help="an emptied and reseeded database for every "
                                               "run (default: a fresh SQLite file)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds needs at least 1")
    runs: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    for round_ in range(1, args.rounds + 1):
        for name, folder in (("before", args.before), ("after", args.after)):
            result = run_in(folder.resolve(), args.customers, args.riders, args.database_url)
            runs[name].append(result)
            print(f"round {round_} {name}: " + ", ".join(
                f"{key} {value:.2f}" for key, value in result.items()), file=sys.stderr)
    medians = {name: {key: round(statistics.median(run[key] for run in found), 2)
                      for key in found[0]} for name, found in runs.items()}
    medians["after/before"] = {key: round(medians["after"][key] / medians["before"][key], 3)
                               for key in medians["before"]}
    if args.json:
        print(json.dumps(medians))
    else:
        for name, figures in medians.items():
            print(f"{name:>13}: " + ", ".join(f"{key} {value}" for key, value in
                                               figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
