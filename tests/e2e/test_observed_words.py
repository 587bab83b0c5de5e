"""The words the report compares with the guide are read from the page: an Element whose first
settings tab is called "General" (as the guide calls it) conforms on G3, the stock one differs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.e2e.g3_run import run_g3
from tests.e2e.element_copy import DIST, build_with_changed_file
from tests.harness_run import HarnessRun

STRINGS = Path("i18n") / "en_EN.json"


def build_with_first_tab_named(name: str, dest: Path) -> Path:
    """A copy of the embedded build whose Account tab reads `name`."""
    def rename(text: str) -> str:
        strings = json.loads(text)
        strings["settings"]["account"]["title"] = name
        return json.dumps(strings)
    return build_with_changed_file(dest, str(STRINGS), rename)


def g3_of(run: HarnessRun) -> dict:
    assert run.outcomes == {"passed": 1}, run.output
    return run.statements()["G3"]


@pytest.fixture(scope="module")
def stock_strings_digest() -> str:
    if not (DIST / "bundle.js").exists():
        pytest.fail("no Element build: run `make element`")
    return hashlib.sha256((DIST / STRINGS).read_bytes()).hexdigest()


def test_g3_conforms_when_the_page_says_general_and_differs_when_it_says_account(tmp_path, stock_strings_digest,
                                                                                 stock_g3_run):
    patched = build_with_first_tab_named("General", tmp_path / "element-general")

    g3 = g3_of(run_g3(tmp_path / "report-general", tmp_path / "artifacts-general", f"--element-dist={patched}"))
    assert g3["verdict"] == "conforms", g3
    assert {"key": "first_tab", "seen": "General", "guide": "General"} in g3["ui_words"], g3["ui_words"]

    stock = g3_of(stock_g3_run)
    assert stock["verdict"] == "differs", stock
    assert stock["drift"] == [{"key": "first_tab", "guide": "General", "seen": "Account"}], stock["drift"]

    assert hashlib.sha256((DIST / STRINGS).read_bytes()).hexdigest() == stock_strings_digest, \
        "the embedded build was changed"
