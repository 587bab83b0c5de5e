"""A conformance run stopped by Ctrl-C (or SIGTERM) says so: exit 2, an INTERRUPTED report beside
the last complete one (which stays untouched), naming what finished and what did not, and no
statement `fails` because of the scenarios cut short."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.processes import processes_mentioning

REPO = Path(__file__).resolve().parents[2]
# Seven quick scenarios: when one worker has finished two, the workers still have several to go.
SCENARIOS = "each_filter or cancel_clears or ticking or closing_the_password"
# A finished scenario's line, with two workers ("[gw0] [ 14%] PASSED <nodeid>") or serially
# ("<nodeid> PASSED [ 14%]").
FINISHED = re.compile(r"\b(PASSED|FAILED|XFAIL|ERROR)\b")
NODEID = re.compile(r"features/test_features\.py::[^\s\[]+(?:\[[^\]]*\])?")
WORKER = re.compile(r"^\[gw\d+\]")
PREVIOUS = {"conformance.md": "# the last complete report\n", "conformance.json": '{"previous": true}\n'}


def _as_from_a_terminal() -> None:
    """A job started in the background by a shell without job control (`make test &`, some CI
    runners) inherits SIGINT ignored, and so would the run: give it the default a terminal gives."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(tmp_path: Path, report_dir: Path, workers: list[str]) -> subprocess.Popen:
    # Its own process group: the signal goes to the whole run (workers, Chromium), as Ctrl-C does.
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "features", *workers, "-v",
         "--conformance", "--report-dir", str(report_dir), "--junitxml", str(report_dir / "junit.xml"),
         "-k", SCENARIOS, "--artifacts", str(tmp_path / "artifacts")],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        preexec_fn=_as_from_a_terminal)


def _interrupt_once_one_has_finished(proc: subprocess.Popen, sig: signal.Signals) -> tuple[str, list[str]]:
    """Read the run's output until one scenario has surely finished, then signal the whole run.
    A result line comes with a scenario's call, before its teardown; a scenario has finished when
    its teardown is reported, which a worker does before it reports its next scenario's call. So
    the signal goes at a worker's second result line, and the first is the one finished."""
    watchdog = threading.Timer(300, lambda: os.killpg(proc.pid, signal.SIGKILL))
    watchdog.start()
    lines, first_by_worker = [], {}
    try:
        for line in proc.stdout:
            lines.append(line)
            if FINISHED.search(line) and NODEID.search(line):
                worker = WORKER.search(line)
                worker = worker.group(0) if worker else None
                if worker in first_by_worker:
                    os.killpg(proc.pid, sig)
                    return first_by_worker[worker], lines
                first_by_worker[worker] = NODEID.search(line).group(0)
    finally:
        watchdog.cancel()
    pytest.fail("no worker finished a scenario before the run ended:\n" + "".join(lines)[-3000:])


@pytest.mark.parametrize("workers, sig", [(["-n", "2"], signal.SIGINT), (["-p", "no:xdist"], signal.SIGTERM)],
                         ids=["ctrl-c, two workers", "sigterm, serial"])
def test_a_stopped_run_reports_interrupted_and_keeps_the_last_complete_report(tmp_path, workers, sig):
    report_dir = tmp_path / "reports"
    report_dir.mkdir()
    for name, text in PREVIOUS.items():
        (report_dir / name).write_text(text)

    proc = _start(tmp_path, report_dir, workers)
    finished_nodeid, lines = _interrupt_once_one_has_finished(proc, sig)
    rest, _ = proc.communicate(timeout=180)
    output = "".join(lines) + rest

    assert proc.returncode == 2, output[-3000:]
    assert {p.name: p.read_text() for p in report_dir.iterdir()} == PREVIOUS
    assert not (tmp_path / "reports.partial").exists()
    interrupted = tmp_path / "reports.interrupted"
    assert (interrupted / "junit.xml").exists()  # the other reports follow the conformance one
    result = json.loads((interrupted / "conformance.json").read_text())
    stop = result["run"]["interrupted"]
    assert stop and stop["reason"] == f"{sig.name} received" and stop["at"]
    scenarios = {sc["nodeid"]: sc for s in result["statements"] for sc in s["scenarios"]}
    assert len(scenarios) == 7
    assert scenarios[finished_nodeid]["label"] in stop["finished"]
    assert stop["unfinished"], "the signal came after every scenario had finished"
    assert set(stop["finished"]).isdisjoint(stop["unfinished"])
    assert len(stop["finished"]) + len(stop["unfinished"]) == 7
    # Cut short is not a failure: only a scenario that failed before the signal makes one.
    for statement in result["statements"]:
        outcomes = {sc["outcome"] for sc in statement["scenarios"]}
        if statement["verdict"] == "fails":
            assert "failed" in outcomes, statement
        elif outcomes & {"interrupted", "not run"}:
            assert statement["verdict"] == "interrupted", statement
    assert {"interrupted", "not run"} & {sc["outcome"] for sc in scenarios.values()}
    # narrowed with -k too, so the title says both
    assert (interrupted / "conformance.md").read_text().startswith("# Sessions guide conformance (INTERRUPTED, PARTIAL)")
    assert "INTERRUPTED" in (interrupted / "conformance.html").read_text()
    assert f"INTERRUPTED ({sig.name} received)" in output

    grace = time.monotonic() + 15  # processes signalled by the teardown may take a moment to go
    while processes_mentioning(str(tmp_path)) and time.monotonic() < grace:
        time.sleep(0.2)
    assert processes_mentioning(str(tmp_path)) == []


def test_a_failure_that_ends_after_the_signal_is_cut_short_not_a_failure(monkeypatch):
    from _pytest.reports import TestReport

    from report import interruption
    from report.plugin_collect import Collector, scenario_outcome

    monkeypatch.setitem(interruption._state, "at", 1000.0)

    def failed(stop: float) -> TestReport:
        return TestReport("n", ("f", 0, "n"), {}, "failed", "Target closed", "call", start=stop - 5, stop=stop)

    assert Collector._phase(failed(999.0), {}) == "failed"
    assert Collector._phase(failed(1001.0), {}) == "cut short"
    assert scenario_outcome({"setup": "passed", "call": "cut short", "teardown": "passed"}) == "interrupted"
    assert scenario_outcome({"setup": "passed", "call": "passed"}) == "interrupted"  # no teardown yet
    assert scenario_outcome({"setup": "passed", "call": "passed", "teardown": "passed"}) == "passed"
    assert scenario_outcome({"setup": "passed", "call": "xfailed", "teardown": "passed"}) == "xfailed"
    assert scenario_outcome({"setup": "passed", "call": "failed"}) == "failed"  # failed before the signal
