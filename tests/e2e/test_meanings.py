"""Where the guide gives a meaning, the scenarios judge the meaning by what the page does, not only
the words: an Element that describes its Verified filter as "Not ready for secure messaging" and
its Unverified one as "Ready ...", or whose details' Sign out and Rename buttons read as each
other, fails the scenarios concerned (a swap is no mere `differs`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from guide import GUIDE
from pages.settings_dialog import Box, NavigationLayout
from pages.user_menu import AvatarPlace
from tests.e2e.element_copy import DIST, build_with_changed_file, replace_once
from tests.harness_run import HarnessRun, run_pytest
STRINGS = Path("i18n") / "en_EN.json"
FILTER_ROWS = [f"features/test_features.py::test_each_filter_lists_exactly_the_matching_sessions[{name}]"
               for name in ("Verified", "Unverified")]
# The details' two buttons, each with the string key of its label (bundle.js, DeviceDetailHeading
# and DeviceDetails).
RENAME_LABEL = '"data-testid":"device-heading-rename-cta"},(0,_languageHandler._t)("{key}")'
SIGN_OUT_LABEL = ('"data-testid":"device-detail-sign-out-cta"},_react.default.createElement("span",'
                  '{className:"mx_DeviceDetails_signOutButtonContent"},(0,_languageHandler._t)("{key}")')
RENAME_KEY, SIGN_OUT_KEY = "action|rename", "settings|sessions|sign_out"


@pytest.fixture(scope="module")
def element_build() -> None:
    if not (DIST / "bundle.js").exists():
        pytest.fail("no Element build: run `make element`")


# -- the meanings and the positions, without a browser ----------------------------------------
@pytest.mark.parametrize("key, words, means", [
    ("filter_verified_description", "Ready for secure messaging", True),
    ("filter_verified_description", "Not ready for secure messaging", False),
    ("filter_verified_description", None, False),
    ("filter_unverified_description", "Not ready for secure messaging", True),
    ("filter_unverified_description", "Isn't ready yet", True),
    ("filter_unverified_description", "Ready for secure messaging", False),
    ("filter_inactive_description", "Inactive for 90 days or longer", True),
    ("filter_inactive_description", "Inactive for 90+ days", True),
    ("filter_inactive_description", "Inactive for 90 days or less", False),
    ("filter_inactive_description", "Inactive for 9 days or longer", False),
    ("sign_out_this_session", "Sign out of this session", True),
    ("sign_out_this_session", "Remove this session", True),    # the 2026 dialect
    ("sign_out_this_session", "Rename", False),
    ("rename", "Rename", True),
    ("rename", "Sign out of this session", False),
])
def test_a_meaning_is_read_in_the_words_that_say_it_and_not_in_their_opposite(key, words, means):
    assert GUIDE.word(key).meaning.read_in(words) is means


def test_the_avatar_is_top_left_only_inside_the_windows_corner():
    corner = dict(window_width=1280, window_height=900)
    assert AvatarPlace(12, 12, 44, 44, **corner).within_top_left(1 / 8)
    assert not AvatarPlace(1224, 12, 1256, 44, **corner).within_top_left(1 / 8)   # top right
    assert not AvatarPlace(12, 840, 44, 872, **corner).within_top_left(1 / 8)     # bottom left


def test_the_navigation_is_vertical_and_left_only_when_its_boxes_say_so():
    dialog, panel = Box(150, 90, 980, 720), Box(422, 156, 748, 686)
    stacked = tuple(Box(142, 156 + 40 * i, 220, 40) for i in range(3))
    left = NavigationLayout(dialog, Box(142, 156, 220, 120), stacked, panel)
    assert left.vertical() and left.on_the_left()
    in_a_row = tuple(Box(150 + 100 * i, 100, 100, 40) for i in range(3))
    assert not NavigationLayout(dialog, Box(150, 100, 300, 40), in_a_row, Box(150, 150, 980, 600)).vertical()
    right = NavigationLayout(dialog, Box(900, 156, 220, 120), tuple(Box(900, b.y, 220, 40) for b in stacked),
                             Box(160, 156, 700, 686))
    assert right.vertical() and not right.on_the_left()


# -- Element copies whose words say the opposite of what the page does -------------------------


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


def run_against(build: Path, tmp_path: Path, *selection: str) -> tuple[HarnessRun, dict]:
    """Run the selected scenarios against `build`; the run and its statements' verdicts by id."""
    run = run_pytest("-p", "no:xdist", "-q", *selection, f"--element-dist={build}",
                     "--artifacts", str(tmp_path / "artifacts"), report_dir=tmp_path / "report")
    return run, run.statements()


def test_swapped_filter_descriptions_fail_the_filters_that_list_verified_and_unverified(tmp_path, element_build):
    build = build_with_filter_descriptions_swapped(tmp_path / "element")
    run, statements = run_against(build, tmp_path, *FILTER_ROWS)
    out = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 1 and run.outcomes == {"failed": 2}, out
    assert ("the option that lists exactly the verified sessions ('Verified') is described as "
            "'Not ready for secure messaging', which does not say 'ready for secure messaging'") in run.stdout, out
    assert ("the option that lists exactly the unverified sessions ('Unverified') is described as "
            "'Ready for secure messaging', which does not say 'not ready for secure messaging'") in run.stdout, out
    assert statements["G17"]["verdict"] == "fails", statements["G17"]


def test_swapped_detail_labels_fail_the_current_and_an_other_sessions_details(tmp_path, element_build):
    build = build_with_detail_labels_swapped(tmp_path / "element")
    run, statements = run_against(build, tmp_path, "features", "-k", "the_button_that_asks_to_sign_out")
    out = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 1 and run.outcomes == {"failed": 2}, out
    # Each scenario's own failure, as the report recorded it: the terminal's summary lines are cut to
    # its width, so counting them there depends on the machine.
    failures = [s["failure"]["message"] for s in run.scenarios() if s["outcome"] == "failed"]
    assert len(failures) == 2 and all(
        "the button that opens the sign-out dialog reads 'Rename', which does not say it signs the session out"
        in message for message in failures), failures
    assert statements["G13"]["verdict"] == "fails", statements["G13"]
    assert statements["G18"]["verdict"] == "fails", statements["G18"]
