"""The words the report compares with the guide are read from the page: an Element whose first
settings tab is called "General" (as the guide calls it) conforms on G3, the stock one differs."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.element_copy import DIST, build_with_changed_file

REPO = Path(__file__).resolve().parents[2]
STRINGS = Path("i18n") / "en_EN.json"


def build_with_first_tab_named(name: str, dest: Path) -> Path:
    """A copy of the embedded build whose Account tab reads `name`."""
    def rename(text: str) -> str:
        strings = json.loads(text)
        strings["settings"]["account"]["title"] = name
        return json.dumps(strings)
    return build_with_changed_file(dest, str(STRINGS), rename)


def g3_of_a_run(report_dir: Path, artifacts: Path, *extra: str) -> dict:
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "features", "-q",
         "-k", "from_the_profile_icon_to_the_sessions_settings", "--conformance",
         "--report-dir", str(report_dir), "--artifacts", str(artifacts), *extra],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert "1 passed" in run.stdout, run.stdout[-3000:] + run.stderr[-2000:]
    statements = json.loads((report_dir / "conformance.json").read_text())["statements"]
    return next(s for s in statements if s["id"] == "G3")


@pytest.fixture(scope="module")
def stock_strings_digest() -> str:
    if not (DIST / "bundle.js").exists():
        pytest.fail("no Element build: run `make element`")
    return hashlib.sha256((DIST / STRINGS).read_bytes()).hexdigest()


def test_g3_conforms_when_the_page_says_general_and_differs_when_it_says_account(tmp_path, stock_strings_digest):
    patched = build_with_first_tab_named("General", tmp_path / "element-general")

    g3 = g3_of_a_run(tmp_path / "report-general", tmp_path / "artifacts-general", "--element-dist", str(patched))
    assert g3["verdict"] == "conforms", g3
    assert {"key": "first_tab", "seen": "General", "guide": "General"} in g3["ui_words"], g3["ui_words"]

    stock = g3_of_a_run(tmp_path / "report-stock", tmp_path / "artifacts-stock")
    assert stock["verdict"] == "differs", stock
    assert stock["drift"] == [{"key": "first_tab", "guide": "General", "seen": "Account"}], stock["drift"]

    assert hashlib.sha256((DIST / STRINGS).read_bytes()).hexdigest() == stock_strings_digest, \
        "the embedded build was changed"
