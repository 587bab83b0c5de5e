"""Where a suite run's time went, per step: the "timings" each scenario reports (fixtures/plugins/timings.py),
read back from junit.xml files (pytest writes a scenario's user properties there as Python literals)
and folded into medians per step kind (Given/When/Then), per Given phase (seeding, boot,
verification) and per pytest phase (set-up, tear-down)."""

from __future__ import annotations

import ast
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path


def scenario_timings(junit_files: list[Path]) -> list[dict]:
    found = []
    for junit in junit_files:
        if not junit.exists():
            continue
        for case in ET.parse(junit).iter("testcase"):
            for prop in case.iter("property"):
                if prop.get("name") == "timings":
                    found.append(ast.literal_eval(prop.get("value")))
    return found


def _row(values: list[float], scenarios: int) -> dict:
    return {"count": len(values), "median_s": round(statistics.median(values), 3) if values else None,
            "total_per_scenario_s": round(sum(values) / scenarios, 3) if scenarios else None}


def step_table(timings: list[dict]) -> dict:
    """{"steps": {given|when|then: row}, "given_phases": {seeding|boot|verification: row},
    "pytest_phases": {setup|teardown: row}, "scenarios": N}; a row: count, median, mean total
    per scenario."""
    n = len(timings)
    kinds: dict[str, list[float]] = {"given": [], "when": [], "then": []}
    spans: dict[str, list[float]] = {}
    phases: dict[str, list[float]] = {"setup": [], "teardown": []}
    for t in timings:
        for step in t.get("steps", []):
            kinds.setdefault(step["type"], []).append(step["seconds"])
        for s in t.get("spans", []):
            spans.setdefault(s["name"], []).append(s["seconds"])
        for name in phases:
            if name in t.get("phases", {}):
                phases[name].append(t["phases"][name])
    return {"scenarios": n,
            "steps": {k: _row(v, n) for k, v in kinds.items()},
            "given_phases": {k: _row(v, n) for k, v in sorted(spans.items())},
            "pytest_phases": {k: _row(v, n) for k, v in phases.items()}}


def print_table(table: dict) -> None:
    print(f"\nwhere the time goes ({table['scenarios']} scenarios)")
    print(f"{'':<28} {'count':>6} {'median s':>9} {'per scenario s':>15}")
    for group, title in (("steps", "step"), ("given_phases", "in the Givens"), ("pytest_phases", "pytest")):
        for name, row in table[group].items():
            median = "-" if row["median_s"] is None else f"{row['median_s']:.2f}"
            per = "-" if row["total_per_scenario_s"] is None else f"{row['total_per_scenario_s']:.2f}"
            print(f"{title + ' ' + name:<28} {row['count']:>6} {median:>9} {per:>15}")
