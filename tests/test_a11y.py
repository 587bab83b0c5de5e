"""The accessibility audit: a violation brought into a copy of the build (a button with no name)
is reported at the documented state where it shows, and fails the run; the stock build's known
violations (features/expectations.yaml) do not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from report.a11y import KnownViolation, accessibility_result, known_violations
from tests.element_copy import REPO, build_with_changed_file

NAMELESS_BUTTON = '<button id="harness-nameless" style="position:fixed;bottom:0;right:0;width:24px;height:24px"></button>'


def _run_g3(report_dir: Path, artifacts: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "features", "-q",
         "-k", "from_the_profile_icon_to_the_sessions_settings", "--conformance",
         "--report-dir", str(report_dir), "--artifacts", str(artifacts), *extra],
        cwd=REPO, capture_output=True, text=True, timeout=300)


def test_a_button_without_a_name_is_reported_and_fails_the_run(tmp_path):
    broken = build_with_changed_file(tmp_path / "element-nameless-button", "index.html",
                                     lambda page: page.replace("</body>", NAMELESS_BUTTON + "</body>", 1))
    run = _run_g3(tmp_path / "report", tmp_path / "artifacts", "--element-dist", str(broken))
    assert "1 passed" in run.stdout, run.stdout[-3000:]
    assert run.returncode == 1, run.stdout[-3000:]
    assert "button-name at settings-first-tab" in run.stdout.split("violations not in features/expectations.yaml:")[1]
    a11y = json.loads((tmp_path / "report" / "a11y.json").read_text())
    states = {s["state"]: s for s in a11y["states"]}
    assert {"settings-first-tab", "sessions-settings"} <= set(states), sorted(states)
    nameless = [v for v in states["settings-first-tab"]["violations"] if v["rule"] == "button-name"]
    assert nameless and not nameless[0]["expected"], states["settings-first-tab"]["violations"]
    assert any("harness-nameless" in n["target"] for n in nameless[0]["nodes"]), nameless
    assert {"state": "settings-first-tab", "rule": "button-name"} in a11y["new_violations"]
    assert "button-name" in (tmp_path / "report" / "conformance.md").read_text()
    assert (tmp_path / "report" / "screenshots" / "a11y-settings-first-tab.png").exists()

    stock = _run_g3(tmp_path / "report-stock", tmp_path / "artifacts-stock")
    assert stock.returncode == 0, "the stock build's violations are all known: " + stock.stdout[-3000:]
    assert "violations not in features/expectations.yaml: none" in stock.stdout
    stock_a11y = json.loads((tmp_path / "report-stock" / "a11y.json").read_text())
    assert stock_a11y["new_violations"] == []
    assert all(v["rule"] != "button-name" for s in stock_a11y["states"] for v in s["violations"])


def test_known_violations_are_matched_by_rule_and_state(tmp_path):
    audits = [{"state": "user-menu-open", "guide_ids": ["G2"], "screenshot": None,
               "violations": [{"rule": "region", "impact": "moderate", "help": "h", "help_url": "u", "nodes": []},
                              {"rule": "color-contrast", "impact": "serious", "help": "h", "help_url": "u",
                               "nodes": []}]}]
    known = [KnownViolation("region", ("user-menu-open",), "Element's menu portal"),
             KnownViolation("color-contrast", ("filter-all",), "elsewhere only")]
    result = accessibility_result(audits, known)
    assert result["new_violations"] == [{"state": "user-menu-open", "rule": "color-contrast"}]
    assert result["states"][0]["violations"][0]["reason"] == "Element's menu portal"

    file = tmp_path / "expectations.yaml"
    file.write_text("accessibility:\n  v1:\n    - {rule: region, reason: r, colour: red}\n")
    try:
        known_violations(file, "v1")
    except ValueError as e:
        assert "colour" in str(e)
    else:
        raise AssertionError("an unknown key was accepted")
