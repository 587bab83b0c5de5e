"""The conformance report's rules and outputs, on made-up scenario results (no browser)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from report.conformance import build_conformance, run_fails
from report.render import write_reports
from report.statements import load_statements, normalise_label, verdict, wording_differs

REPO = Path(__file__).resolve().parents[2]
STARTED = dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc)


def _scenario(name, ids, outcome="passed", words=(), pictures=()):
    return {"name": name, "feature": "F", "nodeid": f"features/x::{name}", "guide_ids": list(ids),
            "sections": [], "outcome": outcome, "ui_words": list(words), "pictures": list(pictures)}


def test_the_report_judges_the_eighteen_statements_of_the_guide_model():
    assert [s.id for s in load_statements()] == [f"G{n}" for n in range(1, 19)]


def test_labels_compare_as_a_reader_would():
    assert normalise_label("View all (3)") == normalise_label("View All")
    assert not wording_differs("All settings", "All Settings")
    assert wording_differs("Account", "General")
    assert wording_differs("Sign out of all other sessions (2)", "Sign out of all sessions")
    assert not wording_differs("anything", None)


def test_verdict_rules():
    assert verdict([], []) == "untested"
    assert verdict(["passed", "failed"], []) == "fails"
    assert verdict(["passed", "skipped"], []) == "fails"  # a skipped scenario proves nothing
    assert verdict(["passed"], [{"guide": "General", "seen": "Account"}]) == "differs"
    assert verdict(["passed", "passed"], []) == "conforms"


def test_conformance_groups_scenarios_words_and_pictures_by_statement(tmp_path):
    scenarios = [
        _scenario("first tab", ["G3", "G4"], words=[{"key": "first_tab", "seen": "Account", "guide": "General"}],
                  pictures=[{"name": "settings-first-tab", "path": "screenshots/settings-first-tab.png",
                             "guide_ids": ["G3"]}]),
        _scenario("menu", ["G2"], words=[{"key": "user_menu_items", "seen": "All settings", "guide": None}]),
        _scenario("broken", ["G5"], outcome="failed"),
    ]
    stack = {"element": {"url": "http://127.0.0.1:1/", "version": "v"}, "homeserver": {"version": "Synapse 1"}}
    result = build_conformance(load_statements(), scenarios, stack, STARTED)
    by_id = {s["id"]: s for s in result["statements"]}
    assert by_id["G3"]["verdict"] == "differs"
    assert by_id["G3"]["drift"] == [{"key": "first_tab", "guide": "General", "seen": "Account"}]
    assert by_id["G3"]["screenshot"] == "screenshots/settings-first-tab.png"
    assert by_id["G4"]["verdict"] == "conforms"  # the first-tab word speaks to G3 only
    assert by_id["G2"]["verdict"] == "conforms"
    assert by_id["G5"]["verdict"] == "fails"
    assert by_id["G18"]["verdict"] == "untested"
    assert result["totals"] == {"conforms": 2, "differs": 1, "fails": 1, "error": 0, "untested": 14, "interrupted": 0}
    assert run_fails(result)
    write_reports(result, tmp_path)
    assert json.loads((tmp_path / "conformance.json").read_text())["statements"][2]["id"] == "G3"
    md = (tmp_path / "conformance.md").read_text()
    assert "| G3 | **differs** |" in md and "General" in md and "Account" in md
    html = (tmp_path / "conformance.html").read_text()
    assert "<img src='screenshots/settings-first-tab.png'" in html and "class='untested'" in html


def test_differs_fails_the_run_only_with_strict_wording():
    scenarios = [_scenario(f"s{n}", [f"G{n}"]) for n in range(1, 19)]
    scenarios[2]["ui_words"] = [{"key": "first_tab", "seen": "Account", "guide": "General"}]
    result = build_conformance(load_statements(), scenarios, {}, STARTED)
    assert result["totals"]["differs"] == 1
    assert not run_fails(result)
    assert run_fails(result, strict_wording=True)


def test_shards_merge_into_one_report(tmp_path):
    from report.__main__ import merge
    from report.render import write_raw

    half = [_scenario(f"s{n}", [f"G{n}"]) for n in range(1, 19)]
    for index, part in enumerate((half[:9], half[9:]), start=1):
        folder = tmp_path / f"shard{index}"
        write_raw(folder, part, {"element": {"url": "u"}}, STARTED)
        (folder / "screenshots").mkdir()
        (folder / "screenshots" / f"p{index}.png").write_bytes(b"png")
    merged = merge([tmp_path / "shard1", tmp_path / "shard2"], tmp_path / "out")
    assert merged["totals"]["conforms"] == 18
    assert not run_fails(merged)
    assert {p.name for p in (tmp_path / "out" / "screenshots").iterdir()} == {"p1.png", "p2.png"}
    assert (tmp_path / "out" / "conformance.html").exists()
    # A shard alone leaves statements untested, which fails only the merged judgement.
    alone = build_conformance(load_statements(), half[:9], {}, STARTED)
    assert not run_fails(alone, untested_fails=False) and run_fails(alone)


def test_verdicts_of_expected_failures_and_unfinished_scenarios():
    assert verdict(["passed", "xfailed"], []) == "fails"          # failed as expected: still fails
    assert verdict(["passed", "xpassed"], []) == "conforms"       # it works now; the run fails elsewhere
    assert verdict(["passed", "interrupted"], []) == "interrupted"
    assert verdict(["passed", "not run"], []) == "interrupted"
    assert verdict(["failed", "not run"], []) == "fails"           # a genuine failure outweighs
    assert verdict(["xfailed", "not run"], []) == "interrupted"    # an expected one does not


EXPECTED = {"statements": ["G12"], "reason": "menu drawn under the dialog", "link": "https://example.org/i/1",
            "match": "painted under", "version": "v"}


def _all_passing(**changes):
    scenarios = [_scenario(f"s{n}", [f"G{n}"]) for n in range(1, 19)]
    for index, fields in changes.items():
        scenarios[int(index[1:]) - 1].update(fields)
    return scenarios


def test_an_expected_failure_fails_its_statement_without_failing_the_run():
    mouse = _scenario("by mouse", ["G12", "G13"], outcome="xfailed")
    mouse.update(expected_failure=EXPECTED, example={"input": "the mouse"},
                 failure={"step": "When the user clicks", "message": "AssertionError: painted under x"})
    result = build_conformance(load_statements(), _all_passing() + [mouse], {}, STARTED)
    by_id = {s["id"]: s for s in result["statements"]}
    assert by_id["G12"]["verdict"] == "fails"
    assert by_id["G12"]["expected"] == {"reasons": ["menu drawn under the dialog"], "links": ["https://example.org/i/1"]}
    assert by_id["G12"]["failures"] == [{"scenario": "by mouse [input: the mouse]", "outcome": "xfailed",
                                         "step": "When the user clicks", "step_type": None,
                                         "message": "AssertionError: painted under x",
                                         "expected": True, "reason": "menu drawn under the dialog",
                                         "link": "https://example.org/i/1", "fault": None}]
    assert by_id["G13"]["verdict"] == "conforms"  # the expected failure is about G12 only
    assert not run_fails(result)
    assert result["totals"]["fails"] == 1
    from report.conformance import totals_line, verdict_label
    assert verdict_label(by_id["G12"]) == "fails (expected: menu drawn under the dialog)"
    assert "1 fails (1 expected)" in totals_line(result)


def test_an_unexpected_failure_beside_an_expected_one_fails_the_run():
    mouse = dict(_scenario("by mouse", ["G12"], outcome="xfailed"), expected_failure=EXPECTED)
    result = build_conformance(load_statements(), _all_passing(G12={"outcome": "failed"}) + [mouse], {}, STARTED)
    g12 = next(s for s in result["statements"] if s["id"] == "G12")
    assert g12["verdict"] == "fails" and g12["expected"] is None
    assert run_fails(result)


def test_an_expected_failure_that_passed_fails_the_run_and_says_so(tmp_path):
    mouse = dict(_scenario("by mouse", ["G12"], outcome="xpassed"), expected_failure=EXPECTED)
    result = build_conformance(load_statements(), _all_passing() + [mouse], {}, STARTED)
    g12 = next(s for s in result["statements"] if s["id"] == "G12")
    assert g12["verdict"] == "conforms" and g12["expected_but_passed"] == ["by mouse"]
    assert [e["scenario"] for e in result["stale_expectations"]] == ["by mouse"]
    assert run_fails(result)
    write_reports(result, tmp_path)
    assert "expected to fail, but passed: update features/expectations.yaml" in (tmp_path / "conformance.md").read_text()


def test_an_interrupted_result_names_what_finished_and_what_did_not(tmp_path):
    scenarios = _all_passing(G5={"outcome": "interrupted"}, G6={"outcome": "not run"})
    result = build_conformance(load_statements(), scenarios, {}, STARTED,
                               {"reason": "SIGINT received", "at": "2026-11-26T10:00:00+00:00"})
    stop = result["run"]["interrupted"]
    assert stop["unfinished"] == ["s5", "s6"] and len(stop["finished"]) == 16
    by_id = {s["id"]: s for s in result["statements"]}
    assert by_id["G5"]["verdict"] == by_id["G6"]["verdict"] == "interrupted"
    assert result["totals"]["fails"] == 0 and run_fails(result)
    write_reports(result, tmp_path)
    md = (tmp_path / "conformance.md").read_text()
    assert md.startswith("# Sessions guide conformance (INTERRUPTED)") and "16 of 18 scenarios finished" in md
    assert "(INTERRUPTED)" in (tmp_path / "conformance.html").read_text()
    # Without a signal (e.g. merged shards), unfinished scenarios still make the result interrupted.
    merged = build_conformance(load_statements(), scenarios, {}, STARTED)
    assert merged["run"]["interrupted"]["reason"] == "some scenarios did not finish"
    assert build_conformance(load_statements(), _all_passing(), {}, STARTED)["run"]["interrupted"] is None


def test_an_outline_row_is_named_with_its_placeholders_filled_in():
    from report.items import label

    assert label({"name": "Signed out, picked with <input>", "example": {"input": "the mouse"}}) == \
        "Signed out, picked with the mouse"
    assert label({"name": "An empty filter", "example": {"filter": "Verified", "state": "unverified"}}) == \
        "An empty filter [filter: Verified, state: unverified]"
    assert label({"name": "A plain scenario", "example": None}) == "A plain scenario"


FAULT = {"what": "homeserver", "detail": "homeserver (process) at http://127.0.0.1:1 was killed by signal 9",
         "exit_status": -9, "log": "/tmp/hs/homeserver.log", "log_tail": "synapse: last words"}


def test_a_scenario_the_stack_stopped_is_an_error_never_a_failure_of_element(tmp_path):
    assert verdict(["passed", "error"], []) == "error"
    assert verdict(["failed", "error"], []) == "fails"         # a genuine failure is still reported
    assert verdict(["error", "not run"], []) == "error"
    broken = _all_passing(G17={"outcome": "error", "fault": FAULT})
    result = build_conformance(load_statements(), broken, {}, STARTED)
    by_id = {s["id"]: s for s in result["statements"]}
    assert by_id["G17"]["verdict"] == "error"
    assert [s["id"] for s in result["statements"] if s["verdict"] == "fails"] == []
    assert by_id["G17"]["failures"][0]["fault"]["exit_status"] == -9
    assert result["stack_faults"] == [{"scenario": "s17", **FAULT}]
    assert run_fails(result)  # the run is not green, and says why
    write_reports(result, tmp_path)
    for name in ("conformance.md", "conformance.html"):
        text = (tmp_path / name).read_text()
        assert "Stack faults" in text and "killed by signal 9" in text and "last words" in text


def test_a_run_mostly_in_error_is_told_apart():
    from report.conformance import mostly_errors

    few = _all_passing(G1={"outcome": "error", "fault": FAULT})
    most = [dict(s, outcome="error", fault=FAULT) for s in _all_passing()]
    assert not mostly_errors(build_conformance(load_statements(), few, {}, STARTED))
    assert mostly_errors(build_conformance(load_statements(), most, {}, STARTED))


def test_a_conformance_report_lands_beside_the_other_tools_files_and_replaces_its_own(tmp_path):
    from types import SimpleNamespace

    from report import placement

    config = SimpleNamespace(getoption=lambda name: "reports" if name == "--report-dir" else None,
                             invocation_params=SimpleNamespace(dir=tmp_path))
    reports = tmp_path / "reports"
    reports.mkdir()
    for name, text in [("mutants.md", "the mutation run"), ("matrix.json", "{}"), ("conformance.md", "old")]:
        (reports / name).write_text(text)
    partial = placement.partial_dir(config)
    partial.mkdir()
    (partial / "conformance.md").write_text("new")
    assert placement.land(config, "complete") == reports
    assert sorted(p.name for p in reports.iterdir()) == ["conformance.md", "matrix.json", "mutants.md"]
    assert (reports / "conformance.md").read_text() == "new"
    assert (reports / "mutants.md").read_text() == "the mutation run"
    assert not partial.exists()
