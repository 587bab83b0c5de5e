"""What one pytest run against a build says, from the facts its scenarios reported
(bench/mutation/facts.py, which carries report/evidence.py's failure evidence): which scenarios
ran, and whether a check of the broken behaviour failed.

Killed ("failed"): a When or Then step failed (the step's own type, also for an And or But that
continues it). Not a kill but an error of the run, which then proves nothing about the mutant: a
Given that failed, a failure in set-up, tear-down or outside any step, the stack gone (browser
closed, a server not answering), a run that could not start its stack or wrote no results. A
scenario failing as features/expectations.yaml expects is neither: it is an expected failure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

# pytest's exit codes: 0 all passed, 1 some failed, 2 interrupted, 3 internal error (our
# pytest.exit when the stack cannot start), 4 usage error, 5 nothing collected.
EXIT_MEANING = {2: "interrupted (or stopped at --timeout)",
                3: "the stack could not start (or pytest failed internally)",
                4: "pytest refused its command line", 5: "no scenario was collected"}

# What a failing scenario report is.
KILL, EXPECTED, GIVEN, OUTSIDE_STEP = "kill", "expected failure", "given", "outside a step"
SETUP, TEARDOWN, STACK = "setup", "teardown", "stack"
# Kinds after which the rest of a mutant's run is not worth running: it is decided (a kill), or
# every later scenario would err the same way.
STOPS_THE_RUN = frozenset({KILL, SETUP, TEARDOWN, STACK})
# A failure message naming one of these means a part of the stack is gone, whatever the step.
# (Playwright's words for a browser gone, Chromium's for a server gone, the harness's stack errors.)
STACK_GONE = ("TargetClosedError", "Target page, context or browser has been closed", "Browser has been closed",
              "net::ERR_CONNECTION_REFUSED", "HomeserverError", "ElementError", "BrowserError",
              "httpx.ConnectError", "httpx.RemoteProtocolError")


def classify(facts: dict) -> str | None:
    """The kind of one scenario report's failure (KILL, GIVEN, ...); None when it did not fail."""
    if facts["outcome"] == "xfailed":
        return EXPECTED
    if facts["outcome"] != "failed":
        return None
    failure = facts.get("failure") or {}
    if _stack_gone(failure.get("message") or "", facts.get("homeserver")):
        return STACK
    if facts["phase"] in (SETUP, TEARDOWN):
        return facts["phase"]
    if facts["phase"] != "call":
        return STACK  # pytest-xdist's "???": the worker died mid-scenario
    step_type = failure.get("step_type")
    if step_type in ("when", "then"):
        return KILL
    return GIVEN if step_type == "given" else OUTSIDE_STEP


def _stack_gone(message: str, homeserver_section: str | None) -> bool:
    # fixtures/plugins/failure_artifacts.py asks the homeserver after a failed step: "... was alive" or not.
    if homeserver_section and not homeserver_section.splitlines()[0].endswith("was alive"):
        return True
    return any(marker in message for marker in STACK_GONE)


@dataclass
class Failure:
    scenario: str
    kind: str                 # KILL, GIVEN, SETUP, TEARDOWN, STACK, OUTSIDE_STEP
    phase: str                # setup | call | teardown
    step: str | None          # "Then the ..." as written (keyword and text)
    step_type: str | None     # given | when | then
    message: str

    def describe(self) -> str:
        """What failed, in one line: for a kill the step, for an error what erred."""
        where = {KILL: f"at {self.step}", GIVEN: f"in its Given {self.step!r}",
                 SETUP: "in its set-up (outside any step)", TEARDOWN: "in its tear-down",
                 STACK: "because the stack is gone" + (f" (at {self.step!r})" if self.step else ""),
                 OUTSIDE_STEP: f"outside any step ({self.phase})"}[self.kind]
        return f"{self.scenario!r} failed {where}: {self.message}"


@dataclass
class RunOutcome:
    verdict: str                      # passed | failed (a When/Then step failed: killed) | error
    scenarios: list[dict] = field(default_factory=list)  # {"name", "outcome"} in the order run
    kill: Failure | None = None       # the first When/Then failure
    errors: list[Failure] = field(default_factory=list)  # failures that prove nothing, in order
    error: str | None = None          # why the run proves nothing, when verdict == "error"


def read_outcome(exit_code: int, facts: Path, log: Path) -> RunOutcome:
    records = read_facts(facts)
    scenarios = scenario_outcomes(records)
    failures = [f for r in records if (f := failure_of(r)) is not None]
    kill = next((f for f in failures if f.kind == KILL), None)
    errors = [f for f in failures if f.kind not in (KILL, EXPECTED)]
    if kill is not None:  # a Given that erred earlier does not hide it
        return RunOutcome("failed", scenarios, kill, errors)
    reasons = [errors[0].describe()] if errors else []
    if exit_code not in (0, 1):
        reasons.append(f"{EXIT_MEANING.get(exit_code, f'pytest exited {exit_code}')}; see {log}: {_tail(log)}")
    elif not scenarios:
        reasons.append(f"the run wrote no scenario results; see {log}: {_tail(log)}")
    elif exit_code == 1 and not errors:
        reasons.append(f"pytest exited 1 with no failed scenario; see {log}: {_tail(log)}")
    if reasons:
        return RunOutcome("error", scenarios, None, errors, "; ".join(reasons))
    return RunOutcome("passed", scenarios)


def read_facts(path: Path) -> list[dict]:
    """The run's facts, one per line; a line cut short by a killed run is left out."""
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return []
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    return records


def failure_of(record: dict) -> Failure | None:
    kind = classify(record)
    if kind is None:
        return None
    failure = record.get("failure") or {}
    return Failure(record["scenario"], kind, record["phase"], failure.get("step"), failure.get("step_type"),
                   _one_line(failure.get("message") or "(no message)"))


def scenario_outcomes(records: list[dict]) -> list[dict]:
    """Each scenario once, in the order run, with the gravest outcome of its reports."""
    gravity = {"skipped": 0, "passed": 1, "xfailed": 2, "failed": 3}
    outcomes: dict[str, dict] = {}
    for r in records:
        entry = outcomes.setdefault(r["nodeid"], {"name": r["scenario"], "outcome": r["outcome"]})
        if gravity.get(r["outcome"], 3) > gravity.get(entry["outcome"], 3):
            entry["outcome"] = r["outcome"]
    return list(outcomes.values())


def _one_line(text: str, limit: int = 300) -> str:
    """The most telling line of an error: the assertion or exception line, shortened."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    telling = next((line for line in lines if line.startswith("E ")), None) or (lines[0] if lines else "")
    telling = telling.removeprefix("E").strip()
    return telling if len(telling) <= limit else telling[:limit - 1] + "…"


def _tail(log: Path, lines: int = 3) -> str:
    try:
        text = log.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "(no output)"
    return " | ".join(line.strip() for line in text[-lines:]) or "(no output)"
