"""A broken stack is not Element's failure: Synapse or Chromium killed for real in the middle of a
run (tests/e2e/stack_killer.py) makes the scenario it hit `error`, names the fault, fails no statement,
and the worker starts the dead part afresh so the later scenarios pass, and nothing it started is left running."""

from __future__ import annotations

from pathlib import Path

from fixtures.stack.scratch import PREFIX as SCRATCH_PREFIX
from tests.harness_run import HarnessRun, run_pytest
from tests.processes import processes_mentioning
STATEMENT = "G6"  # three scenarios: the second is hit, the first and third must pass


def run_with_a_kill(what: str, tmp_path: Path) -> tuple[HarnessRun, dict]:
    run = run_pytest("-p", "no:xdist", "-p", "tests.e2e.stack_killer", "features", "-q", "-m", STATEMENT,
                     "--artifacts", str(tmp_path / "artifacts"), report_dir=tmp_path / "report",
                     env={"HARNESS_TEST_KILL": f"{what}:2"})
    conformance = run.report()
    # What the run started: its Synapse (under tmp_path) and its Chromium (from its scratch folder).
    left = processes_mentioning(str(tmp_path)) + processes_mentioning(f"/{SCRATCH_PREFIX}{run.pid}-")
    assert left == [], f"left running after the run: {left}"
    return run, conformance


def check_one_error_and_the_rest_passing(run, conformance: dict, what: str) -> dict:
    output = run.output
    assert run.returncode == 1, output  # not green: the stack broke
    outcomes = [s["outcome"] for st in conformance["statements"] if st["id"] == STATEMENT for s in st["scenarios"]]
    assert sorted(outcomes) == ["error", "passed", "passed"], (outcomes, output)
    verdicts = {s["id"]: s["verdict"] for s in conformance["statements"]}
    assert "fails" not in verdicts.values(), verdicts
    assert verdicts[STATEMENT] == "error", verdicts
    [fault] = conformance["stack_faults"]
    assert fault["what"] == what, fault
    assert f"error, not Element's failure: {fault['scenario']}: {what}" in run.stdout, output
    return fault


def test_synapse_killed_mid_run_is_an_error_and_the_next_scenario_gets_a_fresh_one(tmp_path):
    run, conformance = run_with_a_kill("homeserver", tmp_path)
    fault = check_one_error_and_the_rest_passing(run, conformance, "homeserver")
    assert fault["exit_status"] == -9 and "killed by signal 9" in fault["detail"], fault
    assert fault["log"].endswith("homeserver.log") and fault["log_tail"], fault


def test_chromium_killed_mid_run_is_an_error_and_the_next_scenario_gets_a_fresh_one(tmp_path):
    run, conformance = run_with_a_kill("browser", tmp_path)
    check_one_error_and_the_rest_passing(run, conformance, "browser")
