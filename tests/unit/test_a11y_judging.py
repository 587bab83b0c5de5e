"""The accessibility audit's judging (report/a11y.py), node by node, without a browser: new or
expected per node, entries met or stale, audits of a state united. End to end: tests/e2e/test_a11y.py."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from report.a11y import KnownViolation, accessibility_result, known_violations, union_audit
from report.conformance import build_conformance, run_fails
from report.render import write_reports
from report.statements import load_statements

BEHIND = "behind-user-settings-dialog"


def _node(target: str, html: str = "<div></div>") -> dict:
    return {"target": target, "html": html}


def _audit(state: str, rule: str, *nodes: dict, scope: str = "dialog") -> dict:
    return {"state": state, "scope": scope, "guide_ids": [], "screenshot": None, "visits": 1,
            "violations": [{"rule": rule, "impact": "serious", "help": "h", "help_url": "u", "nodes": list(nodes)}]}


def _conformance(a11y: dict) -> dict:
    return {"statements": [], "stale_expectations": [], "accessibility": a11y}


SEARCH = KnownViolation("color-contrast", (r"mx_RoomSearch",), (), "the room search's placeholder is light")


def test_a_node_the_file_does_not_list_is_new_though_its_rule_is_known_elsewhere():
    audit = _audit("filter-all", "color-contrast", _node(".mx_RoomSearch_spotlightTriggerText"),
                   _node(".mx_FilteredDeviceList_header > span"))
    result = accessibility_result([audit], [SEARCH])
    assert result["new_violations"] == [{"state": "filter-all", "rule": "color-contrast",
                                         "node": ".mx_FilteredDeviceList_header > span"}]
    first, second = result["states"][0]["violations"][0]["nodes"]
    assert first["expected"] and first["reason"] == SEARCH.reason and not second["expected"]
    assert run_fails(_conformance(result))


def test_an_entry_matches_by_rule_state_and_the_node_s_target_or_html():
    by_test_id = KnownViolation("region", (r'data-testid="room-list"',), ("user-menu-open",), "r")
    node = _node("div:nth-child(3)", '<div data-testid="room-list">')
    assert by_test_id.pattern_for("region", "user-menu-open", node) == r'data-testid="room-list"'
    assert by_test_id.pattern_for("region", "filter-all", node) is None          # another state
    assert by_test_id.pattern_for("color-contrast", "user-menu-open", node) is None  # another rule
    assert by_test_id.pattern_for("region", "user-menu-open", _node("div", "<div>")) is None


def test_an_entry_no_violation_met_fails_a_whole_run_only():
    met = _audit("filter-all", "color-contrast", _node(".mx_RoomSearch_spotlightTriggerText"))
    gone = KnownViolation("heading-order", ("h3",), (), "fixed upstream since")
    whole = accessibility_result([met], [SEARCH, gone], whole_run=True)
    assert [(e["rule"], e["node"]) for e in whole["stale_entries"]] == [("heading-order", "h3")]
    assert whole["new_violations"] == [] and run_fails(_conformance(whole))
    narrowed = accessibility_result([met], [SEARCH, gone], whole_run=False)
    assert narrowed["stale_entries"] == [] and len(narrowed["unmet_entries"]) == 1
    assert not run_fails(_conformance(narrowed))


def test_the_audits_of_a_state_are_united_by_rule_and_node_whichever_comes_first():
    one = _audit("sessions-settings", "heading-order", _node("h3.a"))
    two = _audit("sessions-settings", "heading-order", _node("h3.a"), _node("h3.b"))
    three = {**_audit("sessions-settings", "color-contrast", _node("span")), "screenshot": "shot.png"}

    def united(*audits):
        result = None
        for a in audits:
            result = union_audit(result, json.loads(json.dumps(a)))
        return result

    forward, backward = united(one, two, three), united(three, two, one)
    nodes = lambda u: {(v["rule"], n["target"]) for v in u["violations"] for n in v["nodes"]}  # noqa: E731
    assert nodes(forward) == nodes(backward) == {("heading-order", "h3.a"), ("heading-order", "h3.b"),
                                                 ("color-contrast", "span")}
    assert forward["visits"] == backward["visits"] == 3
    assert forward["screenshot"] == backward["screenshot"] == "shot.png"


@pytest.mark.parametrize("entry, complaint", [
    ("{rule: region, reason: r}", "'nodes' must list"),
    ("{rule: region, nodes: [main], reason: r, colour: red}", "colour"),
    ("{rule: region, nodes: ['[unclosed'], reason: r}", "unterminated"),
    ("{rule: region, nodes: main, reason: r}", "list of non-empty strings"),
])
def test_an_entry_names_its_nodes_and_nothing_unknown(tmp_path, entry, complaint):
    file = tmp_path / "expectations.yaml"
    file.write_text(f"accessibility:\n  v1:\n    - {entry}\n")
    with pytest.raises(ValueError, match=complaint):
        known_violations(file, "v1")


def test_the_report_shows_each_node_s_verdict_and_each_stale_entry(tmp_path):
    audits = [_audit(BEHIND, "color-contrast", _node(".mx_RoomSearch_spotlightTriggerText"), _node("#harness-new"),
                     scope="behind")]
    gone = KnownViolation("region", ("mx_AuthHeaderLogo",), ("signed-out-login-page",), "the logo is outside landmarks")
    conformance = build_conformance(load_statements(), [], {}, dt.datetime(2026, 12, 5, tzinfo=dt.timezone.utc))
    conformance["accessibility"] = accessibility_result(audits, [SEARCH, gone], whole_run=True)
    write_reports(conformance, tmp_path)
    markdown, page = (tmp_path / "conformance.md").read_text(), (tmp_path / "conformance.html").read_text()
    assert f"**{BEHIND}** (behind, 1 audits)" in markdown
    assert "`#harness-new` **(new)**" in markdown and f"(expected: {SEARCH.reason})" in markdown
    assert "Stale entries" in markdown and "region `mx_AuthHeaderLogo`" in markdown
    assert "<code>#harness-new</code></td><td><b>new</b>" in page and "mx_AuthHeaderLogo" in page
    assert json.loads((tmp_path / "a11y.json").read_text())["stale_entries"][0]["node"] == "mx_AuthHeaderLogo"
