"""The benchmark: what users wait for, beside an older commit, and the floor Element itself sets.

Run by hand (`make bench ARGS="--old-commit 4220f4d"`), never as a test. Ratios, not absolute
times, are what carry from machine to machine. Writes bench/results.json.

    conformance, test, mutants   `make conformance`, `make test`, `make mutants`, each at HEAD and at
             --old-commit in temporary worktrees, side by side (bench/side_by_side.py): the seconds,
             `conformance_ratio`, `test_ratio`, `mutants_ratio`, and the peak memory of one worker
    floor    a bare Playwright script (no pytest, no harness): a fresh device, its session injected,
             Element opened, avatar > All settings > Sessions, until the current session shows
    harness  the equivalent scenario ("From the profile icon to the Sessions settings") as the
             harness runs it, warm stack, per-scenario time; `scenario_to_floor_ratio`
    synapse  Synapse ready from a fresh database and from the snapshot
    suite    the feature suite, serial and -n 2, and where its time went per step
             (bench/step_timings.py)
    setup    a second `make setup`
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fixtures.matrix.accounts import create_account  # noqa: E402
from fixtures.stack.browser import VIEWPORT, find_chromium, launch_args  # noqa: E402
from fixtures.stack.element_server import EmbeddedElement, client_config  # noqa: E402
from fixtures.stack.homeserver import ProcessHomeserver  # noqa: E402
from fixtures.matrix.page_sign_in import injection_script  # noqa: E402
from fixtures.matrix.seed import Seeder, SessionSpec  # noqa: E402
from bench.side_by_side import TARGETS as SIDE_BY_SIDE, ratios, side_by_side  # noqa: E402
from bench.step_timings import print_table, scenario_timings, step_table  # noqa: E402

SCENARIO = "From the profile icon to the Sessions settings"
WARMUP = "The profile icon shows the first letter of the Matrix ID"
TYPICAL_SEED = [SessionSpec(state="verified", pusher=True), SessionSpec(state="unverified"),
                SessionSpec(state="no-keys"), SessionSpec(state="unverified", inactive_days=100)]


def median(xs: list[float]) -> float:
    return round(statistics.median(xs), 3)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def synapse_ready(runs: int) -> dict:
    fresh, snap = [], []
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template.db"
        first = ProcessHomeserver(Path(tmp) / "first")
        first.start()
        first.stop()  # cleanly stopped: its database is the snapshot
        template.write_bytes((Path(tmp) / "first" / "homeserver.db").read_bytes())
        for i in range(runs):
            for kind, out, tpl in (("fresh", fresh, None), ("snap", snap, template)):
                runner = ProcessHomeserver(Path(tmp) / f"{kind}{i}", template_db=tpl)
                out.append(timed(runner.start))
                runner.stop()
    return {"synapse_ready_fresh_s": median(fresh), "synapse_ready_snapshot_s": median(snap)}


def seeding_and_floor(runs: int) -> dict:
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        runner = ProcessHomeserver(Path(tmp) / "hs")
        hs = runner.start()
        web = EmbeddedElement(client_config(hs.base_url, hs.server_name))
        app = web.start()
        seeding, floor = [], []
        try:
            for _ in range(runs):
                def seed():
                    account = create_account(hs)
                    Seeder(hs, account).seed(list(TYPICAL_SEED), helper=account.login())
                seeding.append(timed(seed))
            with sync_playwright() as pw:
                browser = pw.chromium.launch(**launch_args(find_chromium()))
                for _ in range(runs + 1):  # the first one warms the browser's cache, like a worker's first scenario
                    account = create_account(hs)
                    session = account.login()

                    def open_sessions():
                        context = browser.new_context(viewport=VIEWPORT)
                        context.add_init_script(injection_script(app.url, session))
                        page = context.new_page()
                        page.goto(app.url)
                        page.get_by_role("button", name="User menu").click(timeout=30_000)
                        page.get_by_role("menuitem", name="All settings").click()
                        page.get_by_role("tab", name="Sessions").click()
                        expect(page.get_by_test_id(f"device-tile-{session.device_id}")).to_be_visible()
                        context.close()
                    floor.append(timed(open_sessions))
                browser.close()
        finally:
            web.stop()
            runner.stop()
    return {"seeding_typical_s": median(seeding), "floor_s": median(floor[1:])}


def _pytest(args: list[str], junit: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pytest", "-q", f"--junitxml={junit}", *args], cwd=REPO,
                   check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def harness_scenario(runs: int) -> dict:
    """The measured scenario's own time in a warm run: a scenario runs before it (the start of the
    stack is not its cost) and one after it (nor is the stack's stop)."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            junit = Path(tmp) / f"h{i}.xml"
            _pytest(["features", "-p", "no:randomly", "-k", "first_letter or profile_icon_to_the_sessions or login_form"], junit)
            for case in ET.parse(junit).iter("testcase"):
                failed = {child.tag for child in case} & {"failure", "error", "skipped"}
                if "to_the_sessions_settings" in case.get("name", "") and not failed:
                    times.append(float(case.get("time")))
    if not times:
        raise SystemExit("the harness scenario did not pass; run `make test` first")
    return {"harness_scenario_s": median(times)}


def suite(runs: int, parallel_too: bool = True) -> dict:
    serial, parallel = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            serial.append(_pytest(["features"], Path(tmp) / f"s{i}.xml"))
            if parallel_too:
                parallel.append(_pytest(["features", "-n", "2"], Path(tmp) / f"p{i}.xml"))
        steps = step_table(scenario_timings([Path(tmp) / f"s{i}.xml" for i in range(runs)]))
    figures = {"suite_serial_s": median(serial), "step_timings": steps}
    return {**figures, "suite_n2_s": median(parallel)} if parallel else figures


def suite_from_soak(times_file: Path) -> dict:
    """The same figures from a soak's runs (the whole suite, serial and -n 2, many times)."""
    seconds = json.loads(times_file.read_text())
    serial = [t for label, t in seconds.items() if label.startswith("serial-")]
    parallel = [t for label, t in seconds.items() if label.startswith("n2-")]
    if not serial or not parallel:
        raise SystemExit(f"{times_file} lacks serial or -n 2 runs; run `make soak` first")
    return {"suite_serial_s": median(serial), "suite_n2_s": median(parallel),
            "suite_runs": {"serial": len(serial), "n2": len(parallel), "from": "make soak"}}


def second_setup(runs: int) -> dict:
    times = [timed(lambda: subprocess.run(["make", "-s", "setup"], cwd=REPO, check=True,
                                          stdout=subprocess.DEVNULL)) for _ in range(runs)]
    return {"second_setup_seconds": median(times)}


PARTS = ("synapse", "floor", "harness", "suite", "conformance", "test", "mutants", "setup")
DEFAULT_PARTS = ("synapse", "floor", "harness", "conformance", "test", "mutants")
# The targets of issue 24, each a ratio new/old or (the scenario) to the floor.
TARGETS = {"conformance_ratio": 0.6, "mutants_ratio": 0.5, "test_ratio": 0.6, "scenario_to_floor_ratio": 0.5}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median); default 5")
    parser.add_argument("--suite-runs", type=int, default=1, help="runs of the whole suite (slow); default 1")
    parser.add_argument("--suite-from-soak", action="store_true",
                        help="take the suite's figures from the last `make soak` (artifacts/soak/times.json)")
    parser.add_argument("--old-commit", default=None, metavar="REV",
                        help="the commit to run `make conformance`, `make test` and `make mutants` beside, "
                             "each in a temporary git worktree (needed by those parts)")
    parser.add_argument("--serial-only", action="store_true",
                        help="run the suite serially only (a shared machine: fewer whole-suite runs)")
    parser.add_argument("--only", default=",".join(DEFAULT_PARTS),
                        help=f"comma-separated parts: {', '.join(PARTS)} (default: {', '.join(DEFAULT_PARTS)})")
    args = parser.parse_args()
    args.only = args.only.split(",")
    if not set(args.only) <= set(PARTS):
        parser.error(f"--only: {', '.join(sorted(set(args.only) - set(PARTS)))} is not one of {', '.join(PARTS)}")
    if set(args.only) & set(SIDE_BY_SIDE) and not args.old_commit:
        parser.error("conformance, test and mutants are measured beside an older commit: give --old-commit REV "
                     "(issue 24 measures against 4220f4d), or leave them out of --only")
    return args


def measured_parts(args: argparse.Namespace) -> dict:
    """Each part of the bench, by name, as a function that measures it."""
    soak_times = REPO / "artifacts" / "soak" / "times.json"
    return {"synapse": lambda: synapse_ready(args.runs), "floor": lambda: seeding_and_floor(args.runs),
            "harness": lambda: harness_scenario(args.runs),
            "suite": ((lambda: suite_from_soak(soak_times)) if args.suite_from_soak
                      else (lambda: suite(args.suite_runs, not args.serial_only))),
            "setup": lambda: second_setup(args.runs)}


def add_ratios(results: dict) -> None:
    if "harness_scenario_s" in results and "floor_s" in results:
        results["scenario_to_floor_ratio"] = round(results["harness_scenario_s"] / results["floor_s"], 2)
    if "suite_n2_s" in results:
        results["parallel_to_serial_ratio"] = round(results["suite_n2_s"] / results["suite_serial_s"], 2)
    results.update(ratios(results.get("side_by_side", {})))


def print_figures(results: dict) -> None:
    print(f"\n{'figure':<30} {'value':>8}  target")
    for key, value in results.items():
        if isinstance(value, (dict, list)):
            continue
        if isinstance(value, str):  # a failed run's reason
            print(f"{key:<30} {value}")
            continue
        target = TARGETS.get(key)
        mark = "" if target is None else (f"<= {target}  " + ("FAILED RUN" if value is None else
                                                           "ok" if value <= target else "MISSED"))
        print(f"{key:<30} {str(value):>8}  {mark}")


def main() -> int:
    args = parse_args()
    results: dict = {"machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                                 "python": platform.python_version(), "load_at_start": os.getloadavg()[0]}}
    parts = measured_parts(args)
    for name in PARTS:
        if name in args.only and name in parts:
            results.update(parts[name]())
            print(json.dumps({k: v for k, v in results.items() if k not in ("machine", "step_timings")}), flush=True)
    targets = [t for t in SIDE_BY_SIDE if t in args.only]
    if targets:
        results["side_by_side"] = side_by_side(args.old_commit, targets, REPO / "artifacts" / "bench")
    results["machine"]["load_at_end"] = os.getloadavg()[0]
    add_ratios(results)
    (REPO / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    if "step_timings" in results:
        print_table(results["step_timings"])
    print_figures(results)
    return 1 if any(k.endswith("_failed") for k in results) else 0


if __name__ == "__main__":
    sys.exit(main())
