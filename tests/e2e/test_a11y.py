"""The accessibility audit judges where the user is, node by node.

End to end: a violation brought into a copy of the build (a nameless button on the page, behind
the Settings dialog) is reported at the state that audits what the dialog covers, not at the
dialog's own states, and fails the run; the stock build's known violations do not, nor do entries a
narrowed run does not meet. The judging itself (report/a11y.py): tests/unit/test_a11y_judging.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.element_copy import build_with_changed_file
from tests.e2e.g3_run import run_g3
from tests.harness_run import run_pytest

NAMELESS_BUTTON = '<button id="harness-nameless" style="position:fixed;bottom:0;right:0;width:24px;height:24px"></button>'
DIALOG_STATES = {"settings-first-tab", "sessions-settings"}
BEHIND = "behind-user-settings-dialog"


def _states(report_dir: Path) -> tuple[dict, dict]:
    a11y = json.loads((report_dir / "a11y.json").read_text())
    return a11y, {s["state"]: s for s in a11y["states"]}


def test_a_nameless_button_behind_the_dialog_is_the_page_behind_s_violation_and_fails_the_run(tmp_path, stock_g3_run):
    broken = build_with_changed_file(tmp_path / "element-nameless-button", "index.html",
                                     lambda page: page.replace("</body>", NAMELESS_BUTTON + "</body>", 1))
    run = run_g3(tmp_path / "report", tmp_path / "artifacts", f"--element-dist={broken}")
    assert run.outcomes == {"passed": 1} and run.returncode == 1, run.output
    assert "button-name at behind-user-settings-dialog (#harness-nameless)" in run.stdout, run.output
    a11y, states = _states(tmp_path / "report")
    assert DIALOG_STATES | {BEHIND} <= set(states), sorted(states)
    assert {"state": BEHIND, "rule": "button-name", "node": "#harness-nameless"} in a11y["new_violations"]
    for dialog_state in DIALOG_STATES:  # the dialog states audit the dialog, not the page it covers
        assert all("harness-nameless" not in n["target"] for v in states[dialog_state]["violations"]
                   for n in v["nodes"]), states[dialog_state]
    assert "#harness-nameless" in (tmp_path / "report" / "conformance.md").read_text()
    assert (tmp_path / "report" / "screenshots" / f"a11y-{BEHIND}.png").exists()

    stock = stock_g3_run
    assert stock.returncode == 0, "the stock build's violations are all known: " + stock.output
    assert "violations not in features/expectations.yaml: none" in stock.stdout
    stock_a11y, _ = _states(stock.report_dir)
    assert stock_a11y["new_violations"] == [] and stock_a11y["stale_entries"] == []
    assert stock_a11y["unmet_entries"], "a narrowed run meets only some entries, and is not failed for the rest"


KEYBOARD_ROW = "the_3dot_menu_signs_out_of_all_other and keyboard"


def test_the_audits_picture_leaves_the_focus_where_the_user_had_it(tmp_path):
    """The audit's picture of what the Settings dialog covers hides the dialog and the open menu for
    a moment; the menu's focused item would lose its focus, and the keyboard pick that follows
    would fail for the harness's sake. Alone in its run, the keyboard row is the first to reach
    that state, so its process takes the picture there."""
    run = run_pytest("-p", "no:xdist", "-q", "features", "-k", KEYBOARD_ROW,
                     "--artifacts", str(tmp_path / "artifacts"), report_dir=tmp_path / "report")
    assert (tmp_path / "report" / "screenshots" / f"a11y-{BEHIND}.png").exists(), run.output
    assert run.returncode == 0 and run.outcomes == {"passed": 1}, run.output
