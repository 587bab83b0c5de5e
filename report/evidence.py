"""What a failed scenario observed, for the conformance report: the step that failed and the
first lines of its failure (the assertion's message), beside the verdict.

Recorded where the failure happens (an xdist worker too) and carried in the report's
user_properties, as everything else the report folds together.
"""

from __future__ import annotations

import pytest

from report.items import scenario_of

MESSAGE_LINES = 6
LINE_LENGTH = 300
_FAILED_STEP = pytest.StashKey[tuple[str, str]]()


def remember_failed_step(request: pytest.FixtureRequest, step) -> None:
    # The type (given, when, then) is the step's own, also for an "And" or "But" that continues it.
    request.node.stash[_FAILED_STEP] = (f"{step.keyword} {step.name}", step.type)


def first_lines(text: str) -> str:
    lines = [line[:LINE_LENGTH] for line in text.strip().splitlines()[:MESSAGE_LINES]]
    return "\n".join(lines)


def record_failure(item: pytest.Item, call: pytest.CallInfo) -> None:
    """Before the report is made (report/plugin_collect.py), so that it carries the evidence (and
    every later report too)."""
    if (call.excinfo is not None and scenario_of(item) is not None
            and not isinstance(call.excinfo.value, (KeyboardInterrupt, pytest.skip.Exception))):
        step, step_type = item.stash.get(_FAILED_STEP, (None, None)) if call.when == "call" else (None, None)
        item.user_properties.append(("failure", {
            "when": call.when,
            "step": step,
            "step_type": step_type,
            "message": first_lines(call.excinfo.exconly()),
        }))
