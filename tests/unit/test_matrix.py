"""The matrix of releases: cells from each release's own report, since/until a statement holds,
what changed between neighbours, and releases without a complete run named instead of drawn."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from report.__main__ import main as report_main
from report.conformance import build_conformance
from report.matrix import build_matrix, holds_text, load_runs, release_key
from report.matrix_render import matrix_html, matrix_markdown
from report.render import write_reports
from report.statements import load_statements

STARTED = dt.datetime(2026, 12, 5, tzinfo=dt.timezone.utc)
FIRST_TAB = {"key": "first_tab", "seen": "Account", "guide": "General"}


def _scenario(name, ids, outcome="passed", words=(), failure=None):
    return {"name": name, "feature": "F", "nodeid": f"features/x::{name}", "guide_ids": list(ids),
            "sections": [], "outcome": outcome, "ui_words": list(words), "pictures": [],
            "failure": failure}


def _every_statement_passing(except_for=()) -> list[dict]:
    return [_scenario(f"proves G{n}", [f"G{n}"]) for n in range(1, 19) if f"G{n}" not in except_for]


def write_release(reports: Path, release: str, scenarios: list[dict]) -> Path:
    stack = {"element": {"url": "http://127.0.0.1:1/", "version": f"matrix-react-sdk {release}"},
             "homeserver": {"version": "Synapse 1.150.0"}}
    folder = reports / "matrix" / release
    write_reports(build_conformance(load_statements(), scenarios, stack, STARTED), folder)
    return folder


@pytest.fixture
def three_releases(tmp_path) -> tuple[Path, list[Path]]:
    reports = tmp_path / "reports"
    broken = {"when": "call", "step": "Then the filter lists only the verified sessions", "step_type": "then",
              "message": "AssertionError: two sessions listed, one expected"}
    folders = [
        # the oldest: the filter's Verified option lists every session
        write_release(reports, "3.73.0", _every_statement_passing(["G17"])
                      + [_scenario("filters", ["G17"], "failed", failure=broken)]),
        write_release(reports, "3.114.0", _every_statement_passing(["G3"])
                      + [_scenario("first tab", ["G3"], words=[FIRST_TAB])]),
        write_release(reports, "3.92.0", _every_statement_passing()),
    ]
    return reports, folders


def test_releases_are_ordered_as_numbers_not_as_text():
    assert sorted(["3.114.0", "3.9.0", "3.73.0"], key=release_key) == ["3.9.0", "3.73.0", "3.114.0"]


def test_each_cell_is_the_releases_own_verdict_linked_to_its_evidence(three_releases):
    reports, folders = three_releases
    matrix = build_matrix(load_runs(folders, reports))
    assert [r["release"] for r in matrix["releases"]] == ["3.73.0", "3.92.0", "3.114.0"]
    g17 = next(s for s in matrix["statements"] if s["id"] == "G17")
    assert {r: c["verdict"] for r, c in g17["cells"].items()} == {
        "3.73.0": "fails", "3.92.0": "conforms", "3.114.0": "conforms"}
    assert g17["cells"]["3.73.0"]["link"] == "matrix/3.73.0/conformance.html#G17"
    assert g17["cells"]["3.73.0"]["failure"]["step"] == "Then the filter lists only the verified sessions"
    assert holds_text(g17["holds"], ["3.73.0", "3.92.0", "3.114.0"]) == "holds since 3.92.0"
    assert g17["changes"] == [{"from": "3.73.0", "to": "3.92.0", "what": ["verdict fails -> conforms"]}]


def test_a_change_of_words_is_named_with_the_release_it_came_in(three_releases):
    reports, folders = three_releases
    g3 = next(s for s in build_matrix(load_runs(folders, reports))["statements"] if s["id"] == "G3")
    assert g3["holds"]["everywhere"]  # differs: the behaviour holds, the words drift
    assert g3["holds"]["worded"]["in"] == ["3.73.0", "3.92.0"]
    assert holds_text(g3["holds"], ["3.73.0", "3.92.0", "3.114.0"]) == (
        "holds everywhere (3.73.0 to 3.114.0); as worded: from 3.73.0 to 3.92.0")
    assert g3["changes"] == [{"from": "3.92.0", "to": "3.114.0", "what": [
        "verdict conforms -> differs", "the UI now reads 'Account' where the guide says 'General'"]}]


def test_the_dashboard_draws_every_statement_by_every_release_with_links(three_releases):
    reports, folders = three_releases
    matrix = build_matrix(load_runs(folders, reports))
    page = matrix_html(matrix)
    for n in range(1, 19):
        assert f"<th scope=row>G{n}</th>" in page
    assert page.count("href='matrix/3.92.0/conformance.html#G") == 18
    assert "<td class='cell fails'><a href='matrix/3.73.0/conformance.html#G17'>" in page
    markdown = matrix_markdown(matrix)
    assert "| G17 |" in markdown and "holds since 3.92.0" in markdown
    # the release's own report has the anchor the cell links to
    assert "id='G17'" in (reports / "matrix" / "3.73.0" / "conformance.html").read_text()


def test_the_dashboard_command_writes_the_three_files(three_releases):
    reports, folders = three_releases
    assert report_main(["dashboard", *map(str, folders), "--out", str(reports)]) == 0
    written = json.loads((reports / "matrix.json").read_text())
    assert [r["release"] for r in written["releases"]] == ["3.73.0", "3.92.0", "3.114.0"]
    assert (reports / "matrix.md").exists() and (reports / "matrix.html").exists()


def test_a_release_without_a_complete_report_is_refused_by_name(tmp_path):
    missing = tmp_path / "reports" / "matrix" / "3.85.0"
    missing.mkdir(parents=True)
    with pytest.raises(SystemExit, match="3.85.0: no conformance.json"):
        load_runs([missing], tmp_path / "reports")


def test_an_interrupted_release_is_marked_incomplete(tmp_path):
    reports = tmp_path / "reports"
    folder = write_release(reports, "3.85.0", _every_statement_passing()[:3]
                           + [_scenario("cut", ["G4"], "not run")])
    [release] = build_matrix(load_runs([folder], reports))["releases"]
    assert release["incomplete"].startswith("interrupted")
    assert "INCOMPLETE" in matrix_html(build_matrix(load_runs([folder], reports)))
