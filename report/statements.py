"""The verdict rules that turn scenario outcomes and observed words into conformance, per
statement of the guide model (guide/statements.yaml)."""

from __future__ import annotations

import re

from guide import GUIDE, Statement

VERDICTS = ("conforms", "differs", "fails", "error", "untested", "interrupted")
# Scenario outcomes: passed, failed, skipped, xfailed (failed as expected), xpassed (expected to
# fail but passed), error (stopped by the harness or its stack: fixtures/plugins/stack_health.py),
# interrupted (started, cut short), not run (never started).
PASSED = ("passed", "xpassed")
GENUINE_FAILURES = ("failed", "skipped")
UNFINISHED = ("interrupted", "not run")


def load_statements() -> list[Statement]:
    """The guide's statements, in order."""
    return list(GUIDE.statements)


def word_applies(key: str, guide_id: str) -> bool:
    """Does a recorded UI word speak to this statement? The model lists each word under its own."""
    return guide_id in GUIDE.word(key).statements


def normalise_label(label: str) -> str:
    """Compare labels as a reader would: case, spacing and a trailing count like "(3)" aside."""
    label = re.sub(r"\s*\(\d+\)\s*$", "", label.strip())
    label = re.sub(r"\d+", "N", label)
    return re.sub(r"\s+", " ", label).casefold()


def wording_differs(seen: str, guide: str | None) -> bool:
    return guide is not None and normalise_label(seen) != normalise_label(guide)


def verdict(outcomes: list[str], drift: list[dict]) -> str:
    """From the outcomes of the scenarios that speak to a statement ("xfailed" only where the
    expected failure is about this statement):
    untested: no scenario; fails: one failed, or was skipped (it proves nothing), or failed as
    expected (the report says so); error: the harness or its stack stopped one, and none
    genuinely failed (a dead homeserver is not Element breaking the guide); interrupted: one did
    not finish, and none of the finished ones genuinely failed; differs: all passed but a label the guide names reads otherwise in
    the UI; conforms: all passed, same words. "xpassed" (expected to fail, passed) counts as
    passed here; the run still fails on it, as the expectation is out of date."""
    if not outcomes:
        return "untested"
    if any(o in GENUINE_FAILURES for o in outcomes):
        return "fails"
    if "error" in outcomes:
        return "error"
    if any(o in UNFINISHED for o in outcomes):
        return "interrupted"
    if "xfailed" in outcomes:
        return "fails"
    return "differs" if drift else "conforms"
