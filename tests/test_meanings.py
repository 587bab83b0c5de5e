"""Where the guide gives a meaning, the scenarios judge the meaning by what the page does, not only
the words: an Element that describes its Verified filter as "Not ready for secure messaging" and
its Unverified one as "Ready ...", or whose details' Sign out and Rename buttons read as each
other, fails the scenarios concerned (a swap is no mere `differs`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.element_copy import DIST, build_with_changed_file, replace_once

REPO = Path(__file__).resolve().parent.parent
STRINGS = Path("i18n") / "en_EN.json"
FILTER_ROWS = [f"features/test_features.py::test_each_filter_lists_exactly_the_matching_sessions[{name}]"
               for name in ("Verified", "Unverified")]
# The details' two buttons, each with the string key of its label (bundle.js, DeviceDetailHeading
# and DeviceDetails).
RENAME_LABEL = '"data-testid":"device-heading-rename-cta"},(0,_languageHandler._t)("{key}")'
SIGN_OUT_LABEL = ('"data-testid":"device-detail-sign-out-cta"},_react.default.createElement("span",'
                  '{className:"mx_DeviceDetails_signOutButtonContent"},(0,_languageHandler._t)("{key}")')
RENAME_KEY, SIGN_OUT_KEY = "action|rename", "settings|sessions|sign_out"


@pytest.fixture(scope="module", autouse=True)
def element_build() -> None:
    if not (DIST / "bundle.js").exists():
        pytest.fail("no Element build: run `make element`")


def build_with_filter_descriptions_swapped(dest: Path) -> Path:
    def swap(text: str) -> str:
        sessions = (strings := json.loads(text))["settings"]["sessions"]
        sessions["filter_verified_description"], sessions["filter_unverified_description"] = (
            sessions["filter_unverified_description"], sessions["filter_verified_description"])
        return json.dumps(strings)
    return build_with_changed_file(dest, str(STRINGS), swap)


def label(button: str, key: str) -> str:
    return button.replace("{key}", key)


def build_with_detail_labels_swapped(dest: Path) -> Path:
    def swap(text: str) -> str:
        text = replace_once(text, label(RENAME_LABEL, RENAME_KEY), label(RENAME_LABEL, SIGN_OUT_KEY))
        return replace_once(text, label(SIGN_OUT_LABEL, SIGN_OUT_KEY), label(SIGN_OUT_LABEL, RENAME_KEY))
    return build_with_changed_file(dest, "bundle.js", swap)


def run_against(build: Path, tmp_path: Path, *selection: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Run the selected scenarios against `build`; the run and its statements' verdicts by id."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-q", *selection, "--element-dist", str(build),
         "--conformance", "--report-dir", str(tmp_path / "report"), "--artifacts", str(tmp_path / "artifacts")],
        cwd=REPO, capture_output=True, text=True, timeout=600)
    statements = json.loads((tmp_path / "report" / "conformance.json").read_text())["statements"]
    return run, {s["id"]: s for s in statements}


def test_swapped_filter_descriptions_fail_the_filters_that_list_verified_and_unverified(tmp_path):
    build = build_with_filter_descriptions_swapped(tmp_path / "element")
    run, statements = run_against(build, tmp_path, *FILTER_ROWS)
    out = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 1 and "2 failed" in run.stdout, out
    assert ("the option that lists exactly the verified sessions ('Verified') is described as "
            "'Not ready for secure messaging', which does not say 'ready for secure messaging'") in run.stdout, out
    assert ("the option that lists exactly the unverified sessions ('Unverified') is described as "
            "'Ready for secure messaging', which does not say 'not ready for secure messaging'") in run.stdout, out
    assert statements["G17"]["verdict"] == "fails", statements["G17"]


def test_swapped_detail_labels_fail_the_current_and_an_other_sessions_details(tmp_path):
    build = build_with_detail_labels_swapped(tmp_path / "element")
    run, statements = run_against(build, tmp_path, "features", "-k", "the_button_that_asks_to_sign_out")
    out = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 1 and "2 failed" in run.stdout, out
    assert run.stdout.count("the button that opens the sign-out dialog reads 'Rename', which does not say it "
                            "signs the session out") == 2, out
    assert statements["G13"]["verdict"] == "fails", statements["G13"]
    assert statements["G18"]["verdict"] == "fails", statements["G18"]
