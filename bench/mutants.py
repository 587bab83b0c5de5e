"""Does the suite catch a broken Element? `make mutants`.

For each mutant in bench/mutants.yaml: a copy of the embedded build with one patch (everything
else linked to element/dist, which is never changed), checked to parse, served through
--element-dist, and the scenarios tagged with the statements it breaks run against it, until the
first kill. Killed = a When or Then step failed. A Given, set-up or stack failure, or a patch that
does not parse, is an error of that mutant: it proves nothing. A baseline run of each mutant's
try_first scenario on the stock build must pass first; a kill by any other scenario stands once
the stock build passes that scenario too. Web-first assertions wait --patience seconds throughout.

Writes reports/mutants.json and reports/mutants.md (only those two files), each run's output and
failure artifacts in artifacts/mutants/<name>/, prints a table ending with `mutants killed: K/N`,
and exits non-zero when a mutant survives or errs, or the baseline fails.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from mutation.baseline import baseline_labels, discredit_unconfirmed, kills_to_confirm
from mutation.build_copy import make_mutant_build, remove_build
from mutation.catalog import Mutant, MutantError, check_all, check_try_first, load
from mutation.outcome import read_outcome
from mutation.parse_check import check_parses, parse_error
from mutation.report import KILLED, MutantResult, summary_line, terminal_table, write_reports
from mutation.job_pool import JobPool
from mutation.runs import Interrupted, RunSpec, scenario_index

REPO = Path(__file__).resolve().parent.parent
STOCK = REPO / "element" / "dist"
CATALOG = REPO / "bench" / "mutants.yaml"
NO_BASELINE = "skipped (--skip-baseline)"
BUILDS = REPO / ".cache" / "mutant-builds"  # one patched file each, removed after its run
# How long a web-first assertion waits in a mutation run. A mutant's wrong value never comes right,
# so the 15 s a feature run allows each assertion was most of a killed mutant's run. The stock
# suite's slowest passing assertion took 1.9 s of 756 on a quiet machine here (p99 1.6 s); the
# baseline runs with the same patience, so a machine too loaded for it stops the run there.
PATIENCE_SECONDS = 4.0
MAX_PATIENCE_SECONDS = 15.0


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=default_jobs(),
                        help="runs at a time, each with its own Synapse, Element server and browser "
                             "(default: one per core, at most 4)")
    parser.add_argument("--only", default=None, metavar="NAME[,NAME]",
                        help="run only these mutants (the baseline then covers only their scenarios)")
    parser.add_argument("--check", action="store_true",
                        help="only check every mutant: its anchor occurs once in the build, its try_first names a "
                             "scenario its run includes, its patched file parses; run nothing")
    parser.add_argument("--skip-baseline", action="store_true",
                        help="while writing mutants only: trust the stock build without the baseline run "
                             "(the report says so)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one run is stopped")
    parser.add_argument("--patience", type=float, default=PATIENCE_SECONDS,
                        help="seconds each web-first assertion waits, in the baseline and in every mutant's run "
                             f"(default {PATIENCE_SECONDS:g}; raise it on a loaded machine whose baseline "
                             "is not green in time)")
    parser.add_argument("--mutants", type=Path, default=CATALOG, help="the mutants file")
    parser.add_argument("--reports", type=Path, default=REPO / "reports")
    parser.add_argument("--artifacts", type=Path, default=REPO / "artifacts" / "mutants")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs: at least 1")
    if args.timeout <= 0:
        parser.error("--timeout: a positive number of seconds")
    if not 0 < args.patience <= MAX_PATIENCE_SECONDS:
        parser.error(f"--patience: more than 0 and at most {MAX_PATIENCE_SECONDS:g} seconds (a feature run's own)")
    return args


def select(mutants: list[Mutant], only: str | None) -> list[Mutant]:
    if not only:
        return mutants
    wanted = [n.strip() for n in only.split(",") if n.strip()]
    known = {m.name for m in mutants}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        raise MutantError(f"--only: no mutant called {unknown[0]!r} in the mutants file")
    return [m for m in mutants if m.name in wanted]


def statements_of(mutants: list[Mutant]) -> list[str]:
    return sorted({s for m in mutants for s in m.statements}, key=lambda g: int(g[1:]))


def run_stock(jobs: JobPool, mutants: list[Mutant], labels: list[str], out: Path, shares: int) -> list:
    """The stock build against the scenarios with these labels, dealt among `shares` jobs: each
    share's RunOutcome."""
    expression = " or ".join(statements_of(mutants))
    shares = max(1, min(shares, len(labels)))
    specs = [RunSpec("baseline", out / f"share-{i + 1}", expression, None, stop_at_kill=False,
                     share=(i, shares), labels=tuple(labels)) for i in range(shares)]
    return [read_outcome(code, spec.facts, log)
            for spec, (code, _, log) in in_parallel(jobs, [functools.partial(_ran, jobs, s) for s in specs], shares)]


def run_baseline(jobs: JobPool, mutants: list[Mutant], labels: list[str], artifacts: Path, shares: int) -> str | None:
    """The stock build against the scenarios the kills should rest on; None when green, else what
    went wrong."""
    print(f"baseline: the stock build against {len(labels)} scenarios (each mutant's try_first) ...", flush=True)
    start = time.perf_counter()
    outcomes = run_stock(jobs, mutants, labels, artifacts / "baseline", shares)
    ran = sum(len(o.scenarios) for o in outcomes)
    verdict = "passed" if all(o.verdict == "passed" for o in outcomes) and ran == len(labels) else "not green"
    print(f"baseline: {verdict}, {ran} scenarios, {time.perf_counter() - start:.0f} s", flush=True)
    if verdict == "passed":
        return None
    failed = [c["name"] for o in outcomes for c in o.scenarios if c["outcome"] == "failed"]
    first = next((o.kill.describe() if o.kill else o.error for o in outcomes if o.verdict != "passed"),
                 f"{ran} of {len(labels)} scenarios ran")
    return (f"the stock build fails {len(failed)} scenario(s) ({', '.join(failed)}) with web-first assertions "
            f"waiting {jobs.patience:g} s; {first} (see {artifacts / 'baseline'}; a loaded machine may need a "
            "longer --patience)")


def confirm_kills(jobs: JobPool, mutants: list[Mutant], results: list[MutantResult], baselined: list[str],
                  artifacts: Path, shares: int) -> list[str]:
    """The stock build against each killing scenario the baseline did not run (mutation/baseline.py);
    the labels run."""
    extra = kills_to_confirm(results, baselined)
    if not extra:
        return []
    print(f"baseline: the stock build against {len(extra)} further killing scenario(s) ...", flush=True)
    outcomes = run_stock(jobs, mutants, extra, artifacts / "baseline-kills", shares)
    passed = {c["name"] for o in outcomes for c in o.scenarios if c["outcome"] == "passed"}
    for name in discredit_unconfirmed(results, extra, passed, str(artifacts / "baseline-kills")):
        print(f"error    {name}: its killing scenario fails on the stock build too", flush=True)
    return extra


def _ran(jobs: JobPool, spec: RunSpec) -> tuple[RunSpec, tuple[int, float, Path]]:
    return spec, jobs.run(spec)


def in_parallel(jobs: JobPool, tasks: list, at_once: int):
    """Each task's result as it ends (tasks: functions of no argument), `at_once` at a time. When
    the caller stops early (Ctrl-C), every job is stopped before the threads are waited for."""
    with ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="mutant") as executor:
        futures = [executor.submit(task) for task in tasks]
        finished = False
        try:
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Interrupted:
                    continue
            finished = True
        finally:
            if not finished:
                print("stopping every run ...", file=sys.stderr, flush=True)
                for future in futures:
                    future.cancel()
                jobs.stop_all()


def run_mutant(pool: JobPool, mutant: Mutant, result: MutantResult, artifacts: Path) -> MutantResult:
    build = BUILDS / str(os.getpid()) / mutant.name
    out = artifacts / mutant.name
    make_mutant_build(STOCK, mutant, build)
    try:
        unparsable = parse_error(mutant.file, (build / mutant.file).read_text(encoding="utf-8"))
        if unparsable:
            result.record_unparsable(unparsable)  # nothing served, no browser started
        else:
            spec = RunSpec(mutant.name, out, mutant.marker_expression, build, try_first=mutant.try_first)
            code, seconds, log = pool.run(spec)
            result.record(read_outcome(code, spec.facts, log), seconds, out)
    finally:
        remove_build(build)
    out.mkdir(parents=True, exist_ok=True)
    (out / "mutant.json").write_text(json.dumps({"name": mutant.name, "statements": list(mutant.statements),
                                                 "file": mutant.file, "description": mutant.description,
                                                 "status": result.status, "why": result.why}, indent=1) + "\n")
    return result


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    checked = checked_mutants(args)
    if isinstance(checked, int):
        return checked
    mutants, version, index = checked
    if args.check:
        return 0
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)  # also when started in the background, where it is ignored
    results = [MutantResult.of(m) for m in mutants]
    run = {"element_version": version, "jobs": args.jobs, "baseline": NO_BASELINE, "patience_seconds": args.patience}
    start = time.perf_counter()
    jobs = JobPool(args.timeout, args.artifacts / "jobs", args.patience)
    try:
        code = run_everything(jobs, mutants, results, run, args, index)
    except KeyboardInterrupt:
        jobs.stop_all()
        run["interrupted"], code = True, 130
    jobs.close_all()
    run["minutes"] = round((time.perf_counter() - start) / 60, 1)
    write_reports(args.reports, results, run)
    if code == 130:
        print(summary_line(results) + " (interrupted)")
    elif run["baseline"] == NO_BASELINE or run["baseline"].startswith("passed"):
        print(f"{run['minutes']} minutes; reports: {args.reports / 'mutants.md'}")
        print(terminal_table(results), flush=True)  # ends with "mutants killed: K/N"
    return code


def run_everything(jobs: JobPool, mutants: list[Mutant], results: list[MutantResult], run: dict, args,
                   index: list[dict]) -> int:
    """The baseline (unless skipped), then every mutant, then the stock build against any killing
    scenario the baseline did not run: 0 when each mutant was killed."""
    if not args.skip_baseline:
        labels = baseline_labels(mutants, index)
        failure = run_baseline(jobs, mutants, labels, args.artifacts, args.jobs)
        run["baseline"] = failure or f"passed ({len(labels)} scenarios)"
        if failure:
            print(f"error: baseline not green: {failure}", file=sys.stderr)
            return 1
    run_all(jobs, mutants, results, args)
    if not args.skip_baseline:
        extra = confirm_kills(jobs, mutants, results, labels, args.artifacts, args.jobs)
        if extra:
            run["baseline"] += f", then {len(extra)} further killing scenario(s)"
    return 0 if all(r.status == KILLED for r in results) else 1


def checked_mutants(args) -> tuple[list[Mutant], str, list[dict]] | int:
    """The mutants to run, the stock build's version and the suite's scenario index, or exit code 2
    with what is wrong."""
    try:
        mutants = select(load(args.mutants), args.only)
        if not (STOCK / "bundle.js").exists():
            raise MutantError(f"no Element build in {STOCK}: run `make element`")
        index = scenario_index()
        problems = check_all(mutants, STOCK) + check_try_first(mutants, index)
        if args.check:
            problems += check_parses(mutants, STOCK)
    except (MutantError, RuntimeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if problems:
        print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
        return 2
    version = (STOCK / "version").read_text().strip() if (STOCK / "version").exists() else "unknown"
    checked = "anchors, try_first and patched syntax" if args.check else "anchors and try_first"
    print(f"{len(mutants)} mutants, {checked} checked against element/dist ({version})", flush=True)
    return mutants, version, index


def run_all(jobs: JobPool, mutants: list[Mutant], results: list[MutantResult], args) -> None:
    """Every mutant's run, `args.jobs` at a time, each line printed as it ends."""
    tasks = [functools.partial(run_mutant, jobs, m, r, args.artifacts) for m, r in zip(mutants, results)]
    try:
        for r in in_parallel(jobs, tasks, args.jobs):
            print(f"{r.status:<8} {r.name} ({r.seconds:.0f} s): {r.why}", flush=True)
    finally:
        remove_build(BUILDS / str(os.getpid()))


if __name__ == "__main__":
    sys.exit(main())
