"""A pytest plugin for mutant runs: `--scenario-facts PATH` appends to PATH one JSON line per
report of a scenario (its setup, call and teardown): the scenario's label, the phase, its outcome
and the failure evidence report/evidence.py recorded (the failing step, its type, the message).
A line is written as each report arrives, so a run stopped by its timeout still leaves the facts
of what it did.

`--stop-at-kill` ends the run at its first kill (a When or Then step failing) or at an error that
would recur in every later scenario (set-up, tear-down, the stack gone). A Given that fails goes
on to the next scenario: it proves nothing, and a later scenario may still catch the mutant.
(Not under pytest-xdist; the baseline, which runs everything, does not stop.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from report.items import label

from .outcome import KILL, STOPS_THE_RUN, classify


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--scenario-facts", default=None, metavar="PATH",
                     help="append each scenario report's outcome and failure evidence to PATH (JSON lines)")
    parser.addoption("--stop-at-kill", action="store_true",
                     help="stop at the first When/Then failure or at an error of the set-up or the stack")


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("scenario_facts")
    if path and not hasattr(config, "workerinput"):  # the process that sees every report
        config.pluginmanager.register(FactsWriter(Path(path), config.getoption("stop_at_kill")),
                                      "mutation-facts")


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
    def __init__(self, path: Path, stop_at_kill: bool):
        self.path, self.stop_at_kill = path, stop_at_kill
        self.session: pytest.Session | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.session = session

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        facts = report_facts(report)
        if facts is None:
            return
        with self.path.open("a") as out:
            out.write(json.dumps(facts) + "\n")
        kind = classify(facts)
        if self.stop_at_kill and self.session is not None and kind in STOPS_THE_RUN:
            # shouldfail, not shouldstop: pytest then exits 1 (failures), not 2 (interrupted).
            self.session.shouldfail = ("stopping at the first kill" if kind == KILL
                                       else f"stopping: {kind} error in {facts['scenario']}")
