"""features/expectations.yaml: loading and checking it, and what an expected failure does to a
run, shown on a throw-away feature in tmp_path (no browser, no server)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from report.element_version import embedded_version
from report.expectations import ExpectationsError, check_against_features, for_version, load
from report.feature_index import scenario_rows
from tests.harness_run import HarnessRun, run_pytest

REPO = Path(__file__).resolve().parents[2]
GUIDE_IDS = [f"G{n}" for n in range(1, 19)]
VERSION = embedded_version()  # what the throw-away runs below test (no --element-url)

FEATURE = """\
Feature: A tiny menu
  @G12 @G13
  Scenario Outline: The menu opens on top
    Given a menu that is <state>
    Then the menu is on top

    Examples:
      | state                    |
      | on top                   |
      | painted under the dialog |
      | missing                  |

  @G15
  Scenario: A plain scenario
    Given a menu that is on top
    Then the menu is on top
"""

STEPS = """\
from pytest_bdd import given, parsers, scenarios, then

scenarios(".")


@given(parsers.parse("a menu that is {state}"), target_fixture="menu")
def menu(state):
    return state


@then("the menu is on top")
def on_top(menu):
    assert menu == "on top", f"the menu is open but {menu}"
"""

CONFTEST = """\
pytest_plugins = ["report.plugin_run_control", "report.plugin_collect",
                  "report.plugin_gates"]  # as the harness's conftest.py loads them


def pytest_configure(config):
    for n in range(1, 19):
        config.addinivalue_line("markers", f"G{n}: guide statement G{n}")
"""


def _entry(**fields) -> dict:
    entry = {"scenario": "The menu opens on top", "example": {"state": "painted under the dialog"},
             "statements": ["G12"], "reason": "drawn under the dialog", "link": "https://example.org/issues/1",
             "match": "painted under"}
    entry.update(fields)
    return {k: v for k, v in entry.items() if v is not None}


def _write(path: Path, versions: dict) -> Path:
    path.write_text(yaml.safe_dump({"versions": versions}, sort_keys=False))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "menu.feature").write_text(FEATURE)
    (tmp_path / "features" / "test_menu.py").write_text(STEPS)
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "pytest.ini").write_text("[pytest]\nbdd_features_base_dir = features/\naddopts = -p no:cacheprovider\n")
    return tmp_path


def _run(project: Path, *args: str) -> HarnessRun:
    return run_pytest("features", "-p", "no:xdist", "-rA", *args, cwd=project, timeout=120,
                      env={"PYTHONPATH": str(REPO)})


# -- loading and checking ------------------------------------------------------------------------
@pytest.mark.parametrize("content, complaint", [
    ("versions: [1, 2", "not valid YAML"),
    ("- just a list", "the top level must be a mapping"),
    ("versions: {v: {scenario: x}}", "versions['v'] must be a list"),
    ("versions: {v: [{scenario: x, statements: [G12], reason: r, colour: red}]}", "unknown key(s) ['colour']"),
    ("versions: {v: [{scenario: x, statements: [G12]}]}", "missing ['reason']"),
    ("versions: {v: [{scenario: x, statements: [G19], reason: r}]}", "'statements' must be a non-empty list"),
    ("versions: {v: [{scenario: x, statements: [], reason: r}]}", "'statements' must be a non-empty list"),
    ("versions: {v: [{scenario: x, statements: [G1], reason: r, match: '(unclosed'}]}", "not a valid regex"),
    ("versions: {v: [{scenario: x, statements: [G1], reason: r, link: 'issue 5'}]}", "'link' must be an http(s) URL"),
    ("versions: {v: [{scenario: x, statements: [G1], reason: r, example: [a]}]}", "'example' must map"),
    ("versions: {v: [{scenario: x, statements: [G1], reason: r}, {scenario: x, statements: [G2], reason: s}]}",
     "versions['v'][1] (scenario 'x'): names the same scenario as entry 0"),
])
def test_a_malformed_file_is_refused_naming_the_entry(tmp_path, content, complaint):
    path = tmp_path / "expectations.yaml"
    path.write_text(content)
    with pytest.raises(ExpectationsError) as refused:
        load(path, GUIDE_IDS)
    assert complaint in str(refused.value) and str(path) in str(refused.value)


def test_the_repository_file_loads_and_names_the_embedded_elements_mouse_rows():
    loaded = load(REPO / "features" / "expectations.yaml", GUIDE_IDS)
    entries = for_version(loaded, "matrix-react-sdk 3.114.0 (harness build)")
    assert {(e.scenario, tuple(e.example.values())) for e in entries} == {
        ("Signing out of the current session ends it, and the user must log in again",
         ("Sign out in the 3-dot menu, with the mouse",)),
        ("The 3-dot menu signs out of all other sessions, after asking for the password", ("the mouse",)),
        ("The Other sessions menu signs out of all the other sessions, picked with <input>", ("the mouse",)),
    }
    assert all(e.match == "painted under" and e.link.endswith("/issues/26839") for e in entries)


@pytest.mark.parametrize("fields, complaint", [
    ({"scenario": "The menu opens at the top"}, "no scenario in features/ has this name (renamed?"),
    ({"example": {"state": "upside down"}}, "the outline has no such example row"),
    ({"example": None}, "the outline has no such example row"),
    ({"scenario": "A plain scenario"}, "this scenario is not an outline; drop 'example'"),
    ({"statements": ["G12", "G14"]}, "the scenario is not tagged @G14"),
])
def test_an_entry_that_names_no_scenario_row_is_an_error_naming_it(project, fields, complaint):
    path = _write(project / "expectations.yaml", {"v1": [_entry(**fields)]})
    entries = for_version(load(path, GUIDE_IDS), "v1")
    with pytest.raises(ExpectationsError) as refused:
        check_against_features(path, entries, scenario_rows(project / "features"))
    assert "versions['v1'][0]" in str(refused.value) and complaint in str(refused.value)


def test_entries_that_match_check_clean(project):
    path = _write(project / "expectations.yaml", {"v1": [_entry(), _entry(scenario="A plain scenario",
                                                                          example=None, statements=["G15"])]})
    check_against_features(path, for_version(load(path, GUIDE_IDS), "v1"), scenario_rows(project / "features"))


# -- what a run does with it -----------------------------------------------------------------------
def test_an_expected_failure_is_xfailed_and_the_run_passes(project):
    _write(project / "expectations.yaml", {VERSION: [_entry()]})
    run = _run(project, "-k", "not missing", "--expectations", "expectations.yaml")
    assert run.returncode == 0, run.stdout[-3000:]
    assert run.outcomes == {"passed": 2, "xfailed": 1}, run.output  # the fourth scenario deselected
    assert "drawn under the dialog (https://example.org/issues/1)" in run.stdout


def test_an_expected_failure_that_passes_fails_the_run(project):
    _write(project / "expectations.yaml", {VERSION: [_entry(example={"state": "on top"})]})
    run = _run(project, "-k", "not missing and not painted and not plain", "--expectations", "expectations.yaml")
    assert run.returncode == 1, run.stdout[-3000:]
    assert "XPASS(strict)" in run.stdout
    assert "expected to fail, but passed: update features/expectations.yaml" in run.stdout


def test_an_unexpected_failure_fails_the_run(project):
    _write(project / "expectations.yaml", {VERSION: [_entry()]})
    run = _run(project, "-k", "missing", "--expectations", "expectations.yaml")
    assert run.returncode == 1, run.stdout[-3000:]
    assert run.outcomes == {"failed": 1}, run.output


def test_a_failure_for_another_reason_than_the_expected_one_fails_the_run(project):
    _write(project / "expectations.yaml", {VERSION: [_entry(example={"state": "missing"})]})
    run = _run(project, "-k", "missing", "--expectations", "expectations.yaml")
    assert run.returncode == 1, run.stdout[-3000:]
    assert run.outcomes == {"failed": 1}, run.output  # not xfailed
    assert "expected to fail with a message matching 'painted under'" in run.stdout


def test_without_match_any_failure_of_the_row_is_the_expected_one(project):
    _write(project / "expectations.yaml", {VERSION: [_entry(example={"state": "missing"}, match=None)]})
    run = _run(project, "-k", "missing", "--expectations", "expectations.yaml")
    assert run.returncode == 0, run.stdout[-3000:]
    assert run.outcomes == {"xfailed": 1}, run.output


def test_a_renamed_scenario_stops_the_run_for_the_version_under_test_only(project):
    renamed = _entry(scenario="The menu opens at the top")
    _write(project / "expectations.yaml", {VERSION: [renamed]})
    # Narrowed, as every run here: this project does not tag every guide statement (the gates judge a whole run so).
    run = _run(project, "-k", "not missing", "--expectations", "expectations.yaml")
    assert run.returncode == 4, run.stdout[-3000:]
    assert "versions[" in run.stderr and "'The menu opens at the top'" in run.stderr and "renamed?" in run.stderr
    _write(project / "expectations.yaml", {"some other Element": [renamed], VERSION: [_entry()]})
    run = _run(project, "-k", "not missing", "--expectations", "expectations.yaml")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_expectations_none_ignores_the_file(project):
    (project / "features" / "expectations.yaml").write_text("versions: [not, valid")
    assert _run(project, "-k", "not missing and not painted").returncode == 4  # the default file is read
    run = _run(project, "-k", "not missing", "--expectations", "none")
    assert run.returncode == 1 and run.outcomes == {"failed": 1, "passed": 2}, run.output


def test_the_report_shows_an_expected_failure_with_its_reason_link_and_evidence(project):
    _write(project / "expectations.yaml", {VERSION: [_entry()]})
    (project / "out").mkdir()
    (project / "out" / "from-the-last-run.md").write_text("old")
    run = _run(project, "-k", "not missing", "--expectations", "expectations.yaml",
               "--conformance", "--report-dir", "out", "--junitxml=out/junit.xml")
    assert run.outcomes == {"passed": 2, "xfailed": 1}, run.output  # the fourth scenario deselected
    # A complete run replaces the report folder whole, the JUnit file with it.
    assert (project / "out" / "junit.xml").exists() and not (project / "out" / "from-the-last-run.md").exists()
    assert not (project / "out.partial").exists() and not (project / "out.interrupted").exists()
    assert f"{project / 'out.partial'} is now {project / 'out'}" in run.stdout
    g12 = next(s for s in json.loads((project / "out" / "conformance.json").read_text())["statements"]
               if s["id"] == "G12")
    assert g12["verdict"] == "fails"
    assert g12["expected"] == {"reasons": ["drawn under the dialog"], "links": ["https://example.org/issues/1"]}
    [failure] = g12["failures"]
    assert failure["step"] == "Then the menu is on top"
    assert failure["message"].startswith("AssertionError: the menu is open but painted under the dialog")
    markdown = (project / "out" / "conformance.md").read_text()
    assert "**fails (expected: drawn under the dialog)**" in markdown
    assert "https://example.org/issues/1" in markdown and "the menu is open but painted under" in markdown
    assert "fails (expected: drawn under the dialog)" in (project / "out" / "conformance.html").read_text()
    # G13 is tagged too, but the failure is about G12: for G13 the row proved nothing either way.
    g13 = next(s for s in json.loads((project / "out" / "conformance.json").read_text())["statements"]
               if s["id"] == "G13")
    assert g13["verdict"] == "conforms" and [s["counted"] for s in g13["scenarios"]] == [True, False]
