"""The guide's statements G1..G18, read from report/guide-statements.md (a copy of the team's
reference list), and the verdict rules that turn scenario outcomes into conformance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

STATEMENTS_FILE = Path(__file__).with_name("guide-statements.md")
VERDICTS = ("conforms", "differs", "fails", "error", "untested", "interrupted")
# Scenario outcomes: passed, failed, skipped, xfailed (failed as expected), xpassed (expected to
# fail but passed), error (stopped by the harness or its stack: fixtures/stack_health.py),
# interrupted (started, cut short), not run (never started).
PASSED = ("passed", "xpassed")
GENUINE_FAILURES = ("failed", "skipped")
UNFINISHED = ("interrupted", "not run")


@dataclass(frozen=True)
class Statement:
    id: str
    section: str
    text: str


def load_statements(path: Path = STATEMENTS_FILE) -> list[Statement]:
    rows = re.findall(r"^\|\s*(G\d+)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$", path.read_text(), re.M)
    statements = [Statement(gid, section, text) for gid, section, text in rows]
    if not statements:
        raise ValueError(f"no statements found in {path}")
    return statements


# Which statement a recorded UI word speaks to. A word not listed here speaks to every guide id
# of the scenario that saw it.
WORD_STATEMENTS: dict[str, tuple[str, ...]] = {
    "avatar_letter": ("G1",),
    "user_menu_items": ("G2",),
    "first_tab": ("G3",),
    "view_all": ("G8",),
    "current_session_kebab": ("G12",),
    "current_session_verify": ("G11",),
    "current_session_application": ("G10",),
    "other_sessions_kebab": ("G15",),
    "sign_out_selection": ("G16",),
    "filter_": ("G17",),   # a key ending in "_" covers every key it starts
    "show_all": ("G17",),
}


def word_applies(key: str, guide_id: str) -> bool:
    for known, ids in WORD_STATEMENTS.items():
        if key == known or (known.endswith("_") and key.startswith(known)):
            return guide_id in ids
    return True


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
