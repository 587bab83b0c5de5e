"""What one pytest run against a build says: which scenarios ran, whether one genuinely failed,
and its first failing step and message (from the run's junit.xml and cucumber.json).

A genuine failure is a scenario that failed in its steps. A run that could not start its stack
(pytest exits 3), collected nothing, or only errored in fixture set-up proves nothing about the
mutant: that is an error of the run, reported as such.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

# pytest's exit codes: 0 all passed, 1 some failed, 2 interrupted, 3 internal error (our
# pytest.exit when the stack cannot start), 4 usage error, 5 nothing collected.
EXIT_MEANING = {2: "interrupted", 3: "the stack could not start (or pytest failed internally)",
                4: "pytest refused its command line", 5: "no scenario was collected"}


@dataclass
class RunOutcome:
    verdict: str                      # passed | failed | error
    scenarios: list[dict] = field(default_factory=list)  # {"name", "outcome"} in the order run
    failed_scenario: str | None = None
    failed_step: str | None = None
    message: str | None = None
    error: str | None = None          # why the run proves nothing, when verdict == "error"


def read_outcome(exit_code: int, junit: Path, cucumber: Path, log: Path) -> RunOutcome:
    cases = _junit_cases(junit)
    if exit_code not in (0, 1) or not cases:
        reason = EXIT_MEANING.get(exit_code, f"pytest exited {exit_code}") if exit_code not in (0, 1) else \
            "the run wrote no test results"
        return RunOutcome("error", cases, error=f"{reason}; see {log}: {_tail(log)}")
    failures = [c for c in cases if c["outcome"] == "failed"]
    if failures:
        first = failures[0]
        scenario, step, step_message = _first_failed_step(cucumber)
        return RunOutcome("failed", cases, scenario or first["name"], step, step_message or first["message"])
    errors = [c for c in cases if c["outcome"] == "error"]
    if errors:
        return RunOutcome("error", cases, error=f"{errors[0]['name']} errored outside its steps: "
                                                f"{errors[0]['message']}")
    if exit_code != 0:
        return RunOutcome("error", cases, error=f"pytest exited 1 with no failed scenario; see {log}")
    return RunOutcome("passed", cases)


def _junit_cases(junit: Path) -> list[dict]:
    if not junit.exists():
        return []
    try:
        root = ET.parse(junit).getroot()
    except ET.ParseError:
        return []
    cases = []
    for case in root.iter("testcase"):
        outcome, message = "passed", None
        for child in case:
            if child.tag in ("failure", "error", "skipped"):
                outcome = {"failure": "failed", "error": "error", "skipped": "skipped"}[child.tag]
                message = _one_line(child.get("message") or child.text or "")
                break
        cases.append({"name": case.get("name"), "outcome": outcome, "message": message})
    return cases


def _first_failed_step(cucumber: Path) -> tuple[str | None, str | None, str | None]:
    """The first failed scenario's name, its failed step as "Then ...", and the error's telling line.
    (A run stops at its first failure, so there is one.)"""
    try:
        features = json.loads(cucumber.read_text())
    except (OSError, ValueError):
        return None, None, None
    for feature in features:
        for scenario in feature.get("elements", []):
            for step in scenario.get("steps", []):
                result = step.get("result", {})
                if result.get("status") == "failed":
                    text = f"{step.get('keyword', '').strip()} {step.get('name', '')}".strip()
                    return scenario.get("name"), text, _one_line(result.get("error_message") or "") or None
    return None, None, None


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
