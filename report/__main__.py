"""Merge the reports of several shards into one conformance report; run or draw the matrix of releases.

    .venv/bin/python -m report merge reports-1 reports-2 ... --out reports

Each input folder is what `make conformance PYTEST_ARGS="--shard I/N"` wrote (its
scenarios.json, with each scenario's accessibility audits, and screenshots/). Exits 1 when the
merged report breaks a run rule (an unexpected failure, an untested or interrupted statement, an
expected failure that passed, a new or stale accessibility finding, or with --strict-wording a
wording difference), like a single run would, and when shards are missing (the report names
them and says it is partial). Exits 2 ("error: ...") on a folder or
a shard given twice, shards of different N, or a scenario in two inputs.

    .venv/bin/python -m report matrix [--elements 3.73.0,3.114.0] [-- PYTEST ARGS]
    .venv/bin/python -m report dashboard reports/matrix/3.73.0 reports/matrix/3.114.0 --out reports

`matrix` builds each release and runs the guide on it into reports/matrix/<release>/, then draws
reports/matrix.{json,md,html} (report/matrix_run.py); `dashboard` only draws it, from release
reports made elsewhere (one per CI machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from pathlib import Path
from typing import NoReturn

from report.a11y import accessibility_of_scenarios, known_from_records
from report.conformance import build_conformance, run_fails, totals_line
from report.render import RAW, WHOLE_SCOPE, partial_banner, write_raw, write_reports
from report.run_scope import shard_narrowing
from report.statements import load_statements


def _refuse(message: str) -> NoReturn:
    """Stop as argparse does on a bad command line: the message on stderr, exit status 2."""
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _read(folder: Path) -> dict:
    raw_file = folder / RAW
    if not raw_file.exists():
        _refuse(f"{folder}: no {RAW} (was it written by a --conformance run?)")
    raw = json.loads(raw_file.read_text())
    raw.setdefault("scope", WHOLE_SCOPE)  # written before runs recorded their scope: taken as whole
    return raw


def _refuse_a_folder_twice(inputs: list[Path]) -> None:
    seen: dict[Path, Path] = {}
    for folder in inputs:
        if (first := seen.get(folder.resolve())) is not None:
            _refuse(f"{folder} given twice" + (f" (as {first} too)" if str(first) != str(folder) else ""))
        seen[folder.resolve()] = folder


def _shard_name(shard: dict) -> str:
    return f"{shard['index']}/{shard['of']}"


def _missing_shards(raws: dict[Path, dict]) -> list[str]:
    """The shards of N that no input is; refuses inputs split in different N, or a shard twice."""
    sharded = [(folder, raw["scope"]["shard"]) for folder, raw in raws.items() if raw["scope"].get("shard")]
    if not sharded:
        return []
    if len({shard["of"] for _, shard in sharded}) > 1:
        _refuse("shards of different N: " + ", ".join(f"{folder} is {_shard_name(shard)}" for folder, shard in sharded))
    given: dict[int, Path] = {}
    for folder, shard in sharded:
        if shard["index"] in given:
            _refuse(f"shard {_shard_name(shard)} given twice: {given[shard['index']]} and {folder}")
        given[shard["index"]] = folder
    of = sharded[0][1]["of"]
    return [f"{index}/{of}" for index in range(1, of + 1) if index not in given]


def _refuse_a_scenario_twice(raws: dict[Path, dict]) -> None:
    """Disjoint shards never share a scenario: one in two inputs means overlapping runs."""
    owner: dict[str, Path] = {}
    for folder, raw in raws.items():
        for scenario in raw["scenarios"]:
            if (first := owner.setdefault(scenario["nodeid"], folder)) != folder:
                _refuse(f"{scenario['nodeid']} is in both {first} and {folder} "
                        "(the same shard twice, or runs that overlap)")


def _narrowed_by(raws: dict[Path, dict]) -> list[str]:
    """What narrowed the inputs besides their sharding (which the merge undoes), once each."""
    narrowings = []
    for raw in raws.values():
        shard = raw["scope"].get("shard")
        own_shard = shard_narrowing(shard["index"], shard["of"]) if shard else None
        narrowings += [n for n in raw["scope"]["narrowed_by"] if n != own_shard and n not in narrowings]
    return narrowings


def merge(inputs: list[Path], out: Path) -> dict:
    """Refuses (exit status 2, "error: ..." on stderr) a folder or shard given twice, shards of different N
    and a scenario in two inputs; shards missing make the merged report partial, and failing."""
    _refuse_a_folder_twice(inputs)
    raws = {folder: _read(folder) for folder in inputs}
    missing = _missing_shards(raws)
    _refuse_a_scenario_twice(raws)
    scenarios = [scenario for raw in raws.values() for scenario in raw["scenarios"]]
    stack = next((raw["stack"] for raw in raws.values() if raw["stack"]), {})
    started = min(dt.datetime.fromisoformat(raw["started"]) for raw in raws.values())
    for folder in inputs:
        pictures = folder / "screenshots"
        if pictures.is_dir():
            shutil.copytree(pictures, out / "screenshots", dirs_exist_ok=True)
    narrowed = _narrowed_by(raws)
    conformance = build_conformance(load_statements(), scenarios, stack, started,
                                    scope={"narrowed_by": narrowed, "missing_shards": missing})
    known = _a11y_known(raws)
    conformance["accessibility"] = accessibility_of_scenarios(
        scenarios, known_from_records(known),
        whole_run=conformance["run"]["partial"] is None and conformance["run"]["interrupted"] is None)
    write_reports(conformance, out)
    # A later merge must not take this one for whole: the missing shards narrowed it.
    write_raw(out, scenarios, stack, started,
              {"shard": None, "narrowed_by": narrowed + ([f"shards missing: {', '.join(missing)}"] if missing else [])},
              a11y_known=known)
    return conformance


def _a11y_known(raws: dict[Path, dict]) -> list[dict]:
    """The accessibility entries the inputs were judged by (the same in every shard of a run), once each."""
    known: list[dict] = []
    for raw in raws.values():
        known += [entry for entry in raw.get("a11y_known", []) if entry not in known]
    return known


def _merge_command(args) -> int:
    conformance = merge(args.inputs, args.out)
    if banner := partial_banner(conformance):
        print(banner)
    print(f"{totals_line(conformance)} -> {args.out / 'conformance.html'}")
    # Narrowed inputs prove part of the guide, as a narrowed run does: untested is not judged.
    whole = conformance["run"]["partial"] is None
    return 1 if run_fails(conformance, strict_wording=args.strict_wording, untested_fails=whole) else 0


def _matrix_command(args) -> int:
    from report.matrix_run import available_releases, default_jobs, run_matrix
    have = available_releases()
    releases = args.elements.split(",") if args.elements else have
    unknown = [r for r in releases if r not in have]
    if unknown:
        raise SystemExit(f"error: no build recipe for {', '.join(unknown)} (element/ has: {', '.join(have)})")
    jobs, at_once = default_jobs()
    return run_matrix(releases, args.out, args.jobs if args.jobs is not None else jobs, at_once, args.pytest_args)


def _dashboard_command(args) -> int:
    from report.matrix import build_matrix, load_runs
    from report.matrix_render import write_matrix
    matrix = build_matrix(load_runs(args.inputs, args.out))
    matrix["missing"] = []
    write_matrix(matrix, args.out)
    print(f"dashboard: {args.out / 'matrix.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m report", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("merge", help="merge shard reports into one")
    m.add_argument("inputs", nargs="+", type=Path)
    m.add_argument("--out", type=Path, default=Path("reports"))
    m.add_argument("--strict-wording", action="store_true")
    m.set_defaults(run=_merge_command)
    x = sub.add_parser("matrix", help="the guide against each Element release, then the dashboard (make matrix)")
    x.add_argument("--elements", help="releases, comma-separated (default: every release element/ can build)")
    x.add_argument("--jobs", type=int, help="pytest-xdist workers per release (default 2; 0: serial)")
    x.add_argument("--out", type=Path, default=Path("reports"))
    x.add_argument("pytest_args", nargs="*", help="after --: extra pytest arguments for every release")
    x.set_defaults(run=_matrix_command)
    d = sub.add_parser("dashboard", help="the dashboard from release reports made elsewhere (a CI matrix)")
    d.add_argument("inputs", nargs="+", type=Path, help="one report folder per release, named by the release")
    d.add_argument("--out", type=Path, default=Path("reports"))
    d.set_defaults(run=_dashboard_command)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
