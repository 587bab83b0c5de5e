"""Merge the reports of several shards into one conformance report.

    .venv/bin/python -m report merge reports-1 reports-2 ... --out reports

Each input folder is what `make conformance PYTEST_ARGS="--shard I/N"` wrote (its
scenarios.json and screenshots/). Exits 1 when the merged report breaks a run rule (an
unexpected failure, an untested or interrupted statement, an expected failure that passed, or
with --strict-wording a wording difference), like a single run would.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path

from report.conformance import build_conformance, run_fails, totals_line
from report.render import RAW, write_raw, write_reports
from report.statements import load_statements


def merge(inputs: list[Path], out: Path) -> dict:
    scenarios, stack, started = {}, {}, None
    for folder in inputs:
        raw_file = folder / RAW
        if not raw_file.exists():
            raise SystemExit(f"error: {folder}: no {RAW} (was it written by a --conformance run?)")
        raw = json.loads(raw_file.read_text())
        for scenario in raw["scenarios"]:
            scenarios[scenario["nodeid"]] = scenario  # a scenario in two shards: the later one wins
        stack = stack or raw["stack"]
        begun = dt.datetime.fromisoformat(raw["started"])
        started = begun if started is None else min(started, begun)
        pictures = folder / "screenshots"
        if pictures.is_dir():
            shutil.copytree(pictures, out / "screenshots", dirs_exist_ok=True)
    conformance = build_conformance(load_statements(), list(scenarios.values()), stack, started)
    write_reports(conformance, out)
    write_raw(out, list(scenarios.values()), stack, started)
    return conformance


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("merge", help="merge shard reports into one")
    m.add_argument("inputs", nargs="+", type=Path)
    m.add_argument("--out", type=Path, default=Path("reports"))
    m.add_argument("--strict-wording", action="store_true")
    args = parser.parse_args(argv)
    conformance = merge(args.inputs, args.out)
    print(f"{totals_line(conformance)} -> {args.out / 'conformance.html'}")
    return 1 if run_fails(conformance, strict_wording=args.strict_wording) else 0


if __name__ == "__main__":
    sys.exit(main())
