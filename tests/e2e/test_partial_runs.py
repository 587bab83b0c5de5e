"""Partial runs say so: a run narrowed by -k, -m, --deselect, file or node arguments or --shard,
and a merge with shards missing, open every report with a PARTIAL banner and give each guide
statement's share ("ran X of Y"); merge refuses inputs that overlap or do not fit together.
Made-up results, except one real `-m G8` run at the end."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from report.__main__ import main as merge_main, merge
from report.conformance import build_conformance, run_fails
from report.feature_index import scenario_rows, scenarios_per_statement
from report.render import RAW, to_html, to_markdown, write_raw, write_reports
from report.run_scope import collects_whole_suite, narrowed_by, scope_record
from report.statements import load_statements
from tests.harness_run import run_pytest
from tests.unit.test_report import STARTED, _scenario

REPO = Path(__file__).resolve().parents[2]

FEATURE = """\
Feature: A made-up feature

  @G8
  Scenario: first of G8
    Given something

  @G8
  Scenario: second of G8
    Given something

  @G9
  Scenario Outline: G9 for <who>
    Given <who>

    Examples:
      | who   |
      | alice |
      | bob   |
      | carol |
"""


@pytest.fixture
def features(tmp_path: Path) -> Path:
    folder = tmp_path / "features"
    folder.mkdir()
    (folder / "made_up.feature").write_text(FEATURE)
    return folder


def _narrowed_result(features: Path, narrowed=("-m G8",), missing=(), second_g8="passed") -> dict:
    scenarios = [_scenario("first of G8", ["G8"]), _scenario("second of G8", ["G8"], outcome=second_g8),
                 _scenario("G9 for alice", ["G9"], outcome="failed")]
    return build_conformance(load_statements(), scenarios, {}, STARTED,
                             scope={"narrowed_by": list(narrowed), "missing_shards": list(missing)},
                             features_dir=features)


# -- the result ------------------------------------------------------------------------------
def test_a_narrowed_result_gives_each_statement_the_scenarios_it_ran_of_those_features_holds(features):
    partial = _narrowed_result(features, second_g8="not run")["run"]["partial"]
    assert partial["narrowed_by"] == ["-m G8"] and partial["missing_shards"] == []
    assert partial["statements"]["G8"] == {"ran": 1, "of": 2}   # "not run" did not run
    assert partial["statements"]["G9"] == {"ran": 1, "of": 3}   # every outline row counts
    assert partial["statements"]["G1"] == {"ran": 0, "of": 0}
    assert len(partial["statements"]) == 18


def test_a_narrowed_run_is_not_failed_by_its_untested_statements_but_a_missing_shard_fails_it(features):
    scenarios = [_scenario("first of G8", ["G8"])]
    narrowed = build_conformance(load_statements(), scenarios, {}, STARTED,
                                 scope={"narrowed_by": ["-m G8"]}, features_dir=features)
    assert not run_fails(narrowed, untested_fails=False)
    lacking = build_conformance(load_statements(), scenarios, {}, STARTED,
                                scope={"narrowed_by": [], "missing_shards": ["2/2"]}, features_dir=features)
    assert lacking["run"]["partial"]["missing_shards"] == ["2/2"]
    assert run_fails(lacking, untested_fails=False)


def test_a_whole_run_is_not_partial_and_its_reports_carry_no_banner(tmp_path, features):
    scenarios = [_scenario(f"s{n}", [f"G{n}"]) for n in range(1, 19)]
    for scope in (None, {"narrowed_by": [], "missing_shards": []}):
        whole = build_conformance(load_statements(), scenarios, {}, STARTED, scope=scope, features_dir=features)
        assert whole["run"]["partial"] is None and whole["partial"] is None
    write_reports(whole, tmp_path)
    md = (tmp_path / "conformance.md").read_text()
    assert md.startswith("# Sessions guide conformance\n") and "PARTIAL" not in md and "ran 1 of" not in md
    assert "PARTIAL" not in (tmp_path / "conformance.html").read_text()
    assert not run_fails(whole)


# -- the reports -----------------------------------------------------------------------------
def test_every_format_opens_with_the_partial_banner_and_shows_each_statements_share(tmp_path, features):
    result = _narrowed_result(features)
    write_reports(result, tmp_path)
    md = (tmp_path / "conformance.md").read_text().splitlines()
    assert md[0] == "# Sessions guide conformance (PARTIAL)"
    assert md[2].startswith("**PARTIAL run (narrowed by -m G8): ran 2 of 2 scenarios of G8, 1 of 3 scenarios of G9;")
    assert "no scenario of G1, G2," in md[2]
    g8_row = next(line for line in md if line.startswith("| G8 |"))
    assert "**ran 2 of 2**" in g8_row
    html = (tmp_path / "conformance.html").read_text()
    assert html.index("<p class='banner'>PARTIAL run (narrowed by -m G8)") < html.index("<b>Element</b>")
    assert "<b>ran 1 of 3</b>" in html  # G9's row
    written = json.loads((tmp_path / "conformance.json").read_text())
    assert next(iter(written)) == "partial" and written["partial"]["statements"]["G9"] == {"ran": 1, "of": 3}


def test_the_partial_banner_comes_before_the_interrupted_one(features):
    md = to_markdown(_narrowed_result(features, second_g8="not run")).splitlines()
    assert md[0] == "# Sessions guide conformance (INTERRUPTED, PARTIAL)"
    assert md[2].startswith("**PARTIAL run") and md[4].startswith("**INTERRUPTED")


def test_the_banner_names_missing_shards_before_other_narrowing(features):
    result = _narrowed_result(features, missing=["3/4"])
    assert "**PARTIAL run (shards missing: 3/4; narrowed by -m G8)" in to_markdown(result)
    assert "PARTIAL run (shards missing: 3/4; narrowed by -m G8)" in to_html(result)


# -- what narrows a run ----------------------------------------------------------------------
def _config(args: list[str], **options) -> SimpleNamespace:
    """Just what report/run_scope.py reads of a pytest config."""
    values = {"keyword": "", "markexpr": "", "deselect": None, "--shard": None, **options}
    return SimpleNamespace(rootpath=REPO, invocation_params=SimpleNamespace(dir=REPO), args=args,
                           getini=lambda name: "features/", getoption=lambda name, default=None: values.get(name, default))


@pytest.mark.parametrize("args, options, expected", [
    (["tests", "features"], {}, []),
    (["."], {}, []),
    (["features", "features/test_features.py::test_x"], {}, []),  # features/ whole is among them
    (["features"], {"markexpr": "G8"}, ["-m G8"]),
    (["features"], {"keyword": "rename and not all"}, ["-k 'rename and not all'"]),
    (["features"], {"deselect": ["features/test_features.py::test_a"]},
     ["--deselect features/test_features.py::test_a"]),
    (["features"], {"--shard": "2/4"}, ["--shard 2/4"]),
    (["features/test_features.py::test_x"], {}, ["argument features/test_features.py::test_x"]),
    (["tests"], {}, ["arguments without features/: tests"]),
])
def test_narrowed_by_names_what_narrowed_the_run_and_agrees_with_collects_whole_suite(args, options, expected):
    config = _config(args, **options)
    assert narrowed_by(config) == expected
    assert collects_whole_suite(config) == (expected == [])


def test_a_shards_raw_results_record_which_share_of_how_many_it_is(tmp_path):
    write_raw(tmp_path, [], {}, STARTED, scope_record(_config(["features"], **{"--shard": "2/4"})))
    assert json.loads((tmp_path / RAW).read_text())["scope"] == {"shard": {"index": 2, "of": 4},
                                                                 "narrowed_by": ["--shard 2/4"]}
    write_raw(tmp_path, [], {}, STARTED, scope_record(_config(["features"])))
    assert json.loads((tmp_path / RAW).read_text())["scope"] == {"shard": None, "narrowed_by": []}


# -- merge -----------------------------------------------------------------------------------
ALL = [_scenario(f"s{n}", [f"G{n}"]) for n in range(1, 19)]


def _shard(tmp_path: Path, name: str, index: int, of: int, scenarios: list[dict], also=()) -> Path:
    folder = tmp_path / name
    write_raw(folder, scenarios, {"element": {"url": "u"}}, STARTED,
              {"shard": {"index": index, "of": of}, "narrowed_by": [f"--shard {index}/{of}", *also]})
    return folder


def _shards(tmp_path: Path, of: int, also=()) -> list[Path]:
    """ALL dealt into `of` shards, as --shard would."""
    return [_shard(tmp_path, f"reports-{i}", i, of, ALL[i - 1::of], also) for i in range(1, of + 1)]


def _refused(capsys, inputs: list[Path], out: Path) -> str:
    with pytest.raises(SystemExit) as stopped:
        merge(inputs, out)
    assert stopped.value.code == 2
    assert not out.exists()  # refused before writing anything
    return capsys.readouterr().err


def _the_same_shard_twice(tmp_path: Path) -> tuple[list[Path], str]:
    first = _shard(tmp_path, "reports-2", 2, 4, ALL[:2])
    again = _shard(tmp_path, "reports-2-again", 2, 4, ALL[2:4])
    return [first, again], f"error: shard 2/4 given twice: {first} and {again}"


def _a_folder_given_twice(tmp_path: Path) -> tuple[list[Path], str]:
    one, two = _shards(tmp_path, 2)
    return [one, two, one], f"error: {one} given twice"


def _shards_of_different_n(tmp_path: Path) -> tuple[list[Path], str]:
    quarter = _shard(tmp_path, "reports-a", 1, 4, ALL[:4])
    third = _shard(tmp_path, "reports-b", 2, 3, ALL[4:8])
    return [quarter, third], f"error: shards of different N: {quarter} is 1/4, {third} is 2/3"


@pytest.mark.parametrize("inputs_and_complaint", [_the_same_shard_twice, _a_folder_given_twice,
                                                  _shards_of_different_n], ids=lambda make: make.__name__[1:])
def test_merge_refuses_shards_that_are_not_one_run(tmp_path, capsys, inputs_and_complaint):
    inputs, complaint = inputs_and_complaint(tmp_path)
    assert _refused(capsys, inputs, tmp_path / "out").strip() == complaint


def test_merge_refuses_a_scenario_in_two_inputs(tmp_path, capsys):
    a = tmp_path / "run-a"
    b = tmp_path / "run-b"
    write_raw(a, ALL[:3], {}, STARTED, {"shard": None, "narrowed_by": ["-k s"]})
    write_raw(b, ALL[2:5], {}, STARTED, {"shard": None, "narrowed_by": ["-k s"]})
    err = _refused(capsys, [a, b], tmp_path / "out")
    assert err.strip().startswith(f"error: {ALL[2]['nodeid']} is in both {a} and {b}")


def test_a_merge_with_a_shard_missing_names_it_leaves_its_statements_untested_and_exits_1(tmp_path, capsys):
    present = _shards(tmp_path, 3)[:2]
    out = tmp_path / "out"
    assert merge_main(["merge", *map(str, present), "--out", str(out)]) == 1
    assert "shards missing: 3/3" in capsys.readouterr().out
    result = json.loads((out / "conformance.json").read_text())
    assert result["partial"]["missing_shards"] == ["3/3"] and result["partial"]["narrowed_by"] == []
    only_in_shard_3 = {s["guide_ids"][0] for s in ALL[2::3]}
    verdicts = {s["id"]: s["verdict"] for s in result["statements"]}
    assert {gid for gid, v in verdicts.items() if v == "untested"} == only_in_shard_3
    assert (out / "conformance.md").read_text().splitlines()[2].startswith("**PARTIAL run (shards missing: 3/3)")
    assert json.loads((out / RAW).read_text())["scope"]["narrowed_by"] == ["shards missing: 3/3"]


def test_a_merge_of_every_shard_is_a_whole_report(tmp_path, capsys):
    out = tmp_path / "out"
    assert merge_main(["merge", *map(str, _shards(tmp_path, 4)), "--out", str(out)]) == 0
    assert "PARTIAL" not in capsys.readouterr().out
    result = json.loads((out / "conformance.json").read_text())
    assert result["partial"] is None and result["totals"]["conforms"] == 18
    assert "PARTIAL" not in (out / "conformance.md").read_text()
    assert json.loads((out / RAW).read_text())["scope"] == {"shard": None, "narrowed_by": []}


def test_a_merge_of_every_shard_of_a_narrowed_run_stays_partial_without_failing(tmp_path):
    out = tmp_path / "out"
    assert merge_main(["merge", *map(str, _shards(tmp_path, 2, also=["-m G8"])), "--out", str(out)]) == 0
    partial = json.loads((out / "conformance.json").read_text())["partial"]
    assert partial["narrowed_by"] == ["-m G8"] and partial["missing_shards"] == []  # the shards are undone


def test_raw_results_written_before_scopes_were_recorded_merge_as_whole(tmp_path):
    folders = []
    for index, part in enumerate((ALL[:9], ALL[9:]), start=1):
        folder = tmp_path / f"old-{index}"
        folder.mkdir()
        (folder / RAW).write_text(json.dumps({"started": STARTED.isoformat(), "stack": {}, "scenarios": part}))
        folders.append(folder)
    assert merge(folders, tmp_path / "out")["partial"] is None


# -- one real run ----------------------------------------------------------------------------
def test_a_real_run_narrowed_by_m_g8_says_so_in_every_format(tmp_path):
    report_dir = tmp_path / "report"
    run = run_pytest("-p", "no:xdist", "features", "-q", "-m", "G8", f"--junitxml={report_dir / 'junit.xml'}",
                     "--html", str(report_dir / "tests.html"), "--self-contained-html",
                     "--artifacts", str(tmp_path / "artifacts"), report_dir=report_dir)
    output = run.output
    assert run.returncode == 0, output  # the untested statements do not fail a narrowed run
    g8 = scenarios_per_statement(scenario_rows(REPO / "features"))["G8"]
    md = (report_dir / "conformance.md").read_text().splitlines()
    assert md[0] == "# Sessions guide conformance (PARTIAL)", md[:3]
    assert md[2].startswith(f"**PARTIAL run (narrowed by -m G8): ran {g8} of {g8} scenarios of G8;"), md[2]
    summary = run.stdout.split("guide conformance", 1)[1].splitlines()
    assert summary[1].startswith("PARTIAL run (narrowed by -m G8)"), output
    suite = ET.parse(report_dir / "junit.xml").getroot().find("testsuite")
    properties = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
    assert properties.get("conformance_partial") == "partial run, narrowed by -m G8", properties
    assert "Partial run, narrowed by -m G8" in (report_dir / "tests.html").read_text()
