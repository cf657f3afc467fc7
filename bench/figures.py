"""Small statistics and the table the benchmarks print."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence


def percentile(values: Sequence[float], percent: float) -> float | None:
    """Nearest-rank percentile (None without values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100.0 * len(ordered)) - 1)]


def rounded(value: float | None, digits: int = 1) -> float | None:
    """Rounded, keeping None."""
    return None if value is None else round(value, digits)


def render_table(columns: Mapping[str, Mapping[str, object]],
                 targets: Mapping[str, bool | None]) -> str:
    """One aligned line per figure with a column per run, then one line per target."""
    names: list[str] = []
    for summary in columns.values():
        names += [name for name in summary if name not in names]
    width = max(len(name) for name in names)
    cell = max(max(len(title) for title in columns), 8)
    lines = [" " * width + "".join(f"  {title:>{cell}}" for title in columns)]
    for name in names:
        values = ("-" if summary.get(name) is None else str(summary[name])
                  for summary in columns.values())
        lines.append(name.ljust(width) + "".join(f"  {value:>{cell}}" for value in values))
    lines.append("")
    for target, met in targets.items():
        verdict = "n/a" if met is None else ("met" if met else "MISSED")
        lines.append(f"{verdict:>6}  {target}")
    return "\n".join(lines)


def report(columns: Mapping[str, Mapping[str, object]], targets: Mapping[str, bool | None],
           as_json: bool = False) -> str:
    """The figures and targets as the table, or as one JSON object."""
    if as_json:
        return json.dumps({**columns, "targets": targets}, ensure_ascii=False)
    return render_table(columns, targets)
