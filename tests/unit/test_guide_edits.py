"""Guide edits: the guide's sentences of `differs` statements rewritten with the page's words,
as a diff that applies to the guide text and changes exactly those sentences (no browser)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from report.guide_edits import GUIDE_FILE, edits_for, sentence_span, unified_diff, write_guide_edits

REPO = Path(__file__).resolve().parents[2]
SHARED_GUIDE = REPO.parent / "shared" / "reference" / "sessions-guide.txt"


def _statement(gid: str, verdict: str, drift: list[dict]) -> dict:
    return {"id": gid, "verdict": verdict, "drift": drift}


DIFFERS = {"statements": [
    _statement("G1", "differs", [{"key": "avatar_initial_of", "guide": "Matrix ID", "seen": "display name"}]),
    _statement("G3", "differs", [{"key": "first_tab", "guide": "General", "seen": "Account"}]),
    _statement("G12", "differs", [{"key": "current_session_kebab", "guide": "Sign out, Sign out of all sessions",
                                   "seen": "Sign out, Sign out of all other sessions (1)"}]),
    _statement("G8", "conforms", []),
    _statement("G15", "fails", [{"key": "x", "guide": "3-dot menu", "seen": "kebab"}]),
]}


def test_the_copy_of_the_guide_is_the_teams_reference():
    if SHARED_GUIDE.exists():
        assert GUIDE_FILE.read_text() == SHARED_GUIDE.read_text()


def test_the_diff_applies_to_the_guide_and_changes_exactly_the_differing_sentences(tmp_path):
    if shutil.which("patch") is None:
        pytest.fail("no `patch` on this machine: apt-get install patch")
    text = GUIDE_FILE.read_text()
    diff = tmp_path / "guide-edits.diff"
    diff.write_text(unified_diff(text, edits_for(DIFFERS, text)))
    work = tmp_path / "guide"
    work.mkdir()
    shutil.copy(GUIDE_FILE, work / GUIDE_FILE.name)
    dry = subprocess.run(["patch", "-p1", "--dry-run", "-i", str(diff)], cwd=work, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    subprocess.run(["patch", "-p1", "-i", str(diff)], cwd=work, check=True, capture_output=True)
    edited = (work / GUIDE_FILE.name).read_text()

    # Outside the three sentences nothing changed; inside, the page's words stand.
    spans = sorted(sentence_span(text, gid) for gid in ("G1", "G3", "G12"))
    outside, at = [], 0
    for start, end in spans:
        outside.append(text[at:start])
        at = end
    outside.append(text[at:])
    for piece in outside:
        assert piece in edited
    assert "first letter of your display name." in edited
    assert "first to Account  settings" in edited
    assert "(or all other sessions)." in edited
    assert "General" not in edited and "Matrix ID" not in edited.split("From the presented")[0]


def test_a_difference_the_sentence_has_no_place_for_is_said_not_dropped(tmp_path):
    conformance = {"statements": [_statement("G3", "differs", [{"key": "first_tab", "guide": "Overview",
                                                               "seen": "Account"}])]}
    edits = write_guide_edits(conformance, tmp_path)
    assert edits[0].before == edits[0].after
    assert "no place for it" in conformance["guide_edits"][0]["unapplied"][0]
    assert (tmp_path / "guide-edits.diff").read_text() == ""
