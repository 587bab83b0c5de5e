"""A run's scenario facts: one JSON line per report of a scenario (its setup, call and teardown):
the scenario's label, the phase, its outcome and the failure evidence report/evidence.py recorded
(the failing step, its type, the message). A line is written as each report arrives, so a run
stopped by its timeout still leaves the facts of what it did. A job (mutation/job.py) registers
one writer and points it at each run's file in turn.

The writer also notes when a run need not go on: at its first kill (a When or Then step failing)
or at an error that would recur in every later scenario (set-up, tear-down, the stack gone). A
Given that fails does not stop it: it proves nothing, and a later scenario may still catch the
mutant.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from report.items import label

from .outcome import KILL, STOPS_THE_RUN, classify


def report_facts(report: pytest.TestReport) -> dict | None:
    """One line of facts for a scenario's report; None for a plain test or a passed phase that
    says nothing (a passed set-up or tear-down is not written)."""
    props = dict(report.user_properties)  # the last value of each key
    if "scenario" not in props:
        return None
    outcome = "xfailed" if hasattr(report, "wasxfail") else report.outcome
    if outcome == "passed" and report.when != "call":
        return None
    failure = next((v for k, v in report.user_properties if k == "failure" and v.get("when") == report.when), None)
    if failure is None and report.failed:  # no exception to record: XPASS(strict), a dead worker
        failure = {"when": report.when, "step": None, "step_type": None, "message": report.longreprtext[:1000]}
    homeserver = next((text for name, text in report.sections if name == "homeserver"), None)
    return {"nodeid": report.nodeid, "scenario": label(props["scenario"]), "phase": report.when,
            "outcome": outcome, "failure": failure, "homeserver": homeserver}


class FactsWriter:
    """Writes each scenario report's facts to the current run's file (see restart)."""

    def __init__(self):
        self.path: Path | None = None
        self.stop_reason: str | None = None  # why the current run need not go on (a kill, a stack error)

    def restart(self, path: Path) -> None:
        """From now on, write to `path` (emptied) for a new run."""
        self.path, self.stop_reason = path, None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        facts = report_facts(report)
        if facts is None or self.path is None:
            return
        with self.path.open("a") as out:
            out.write(json.dumps(facts) + "\n")
        kind = classify(facts)
        if kind in STOPS_THE_RUN and self.stop_reason is None:
            self.stop_reason = ("stopping at the first kill" if kind == KILL
                                else f"stopping: {kind} error in {facts['scenario']}")
