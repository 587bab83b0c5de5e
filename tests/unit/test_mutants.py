"""The mutation runner's own checks (bench/mutants.py), cheap: no browser, no homeserver."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.mutation.baseline import baseline_labels, discredit_unconfirmed, kills_to_confirm
from bench.mutation.build_copy import make_mutant_build, remove_build
from bench.mutation.job_pool import job_command
from bench.mutation.catalog import FIELDS, GUIDE_IDS, Mutant, MutantError, check_all, check_try_first, load
from bench.mutation.outcome import STOPS_THE_RUN, RunOutcome, classify, read_outcome
from bench.mutation.parse_check import check_parses, parse_error
from bench.mutation.report import MutantResult, write_reports
from bench.mutation.runs import RunSpec, scenario_index
from fixtures.stack import throttling
from fixtures.stack.options import OptionError, StackOptions
from tests.harness_run import run_pytest

REPO = Path(__file__).resolve().parents[2]
STOCK = REPO / "element" / "dist"
CATALOG = REPO / "bench" / "mutants.yaml"


def mutant(anchor: str, file: str = "bundle.js", name: str = "sample") -> Mutant:
    return Mutant(name, ("G17",), file, anchor, "BROKEN", "what a user would see")


@pytest.fixture
def stock(tmp_path: Path) -> Path:
    """A small stand-in for element/dist, with the same shape."""
    dist = tmp_path / "dist"
    (dist / "i18n").mkdir(parents=True)
    (dist / "res").mkdir()
    (dist / "index.html").write_text("<div id=matrixchat></div>")
    (dist / "bundle.js").write_text("//# allFunctionsCalledOnLoad\nlet a=1;isInactive=d=>d.ts<now-90;let b=2;")
    (dist / "version").write_text("matrix-react-sdk 3.114.0 (harness build)\n")
    (dist / "i18n" / "en_EN.json").write_text('{"filter_all": "All"}')
    (dist / "i18n" / "languages.json").write_text("{}")
    (dist / "res" / "logo.svg").write_text("<svg/>")
    return dist


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root (through linked folders too) -> a hash of its content."""
    return {str((Path(folder) / name).relative_to(root)): hashlib.sha256((Path(folder) / name).read_bytes()).hexdigest()
            for folder, _, names in os.walk(root, followlinks=True) for name in names}


# -- anchors ---------------------------------------------------------------------------------
def test_a_mutant_whose_anchor_is_missing_is_refused_by_name(stock, tmp_path):
    with pytest.raises(MutantError, match=r"mutant 'sample': its anchor is missing from bundle.js"):
        make_mutant_build(stock, mutant("no such code"), tmp_path / "build")
    assert not (tmp_path / "build").exists()


def test_a_mutant_whose_anchor_occurs_twice_is_refused_by_name_with_the_count(stock, tmp_path):
    with pytest.raises(MutantError, match=r"mutant 'sample': its anchor occurs 2 times in bundle.js"):
        make_mutant_build(stock, mutant("let "), tmp_path / "build")


def test_check_all_names_every_bad_mutant(stock):
    problems = check_all([mutant("let ", name="twice"), mutant("nowhere", name="missing"),
                          mutant("now-90", name="fine")], stock)
    assert len(problems) == 2
    assert "'twice'" in problems[0] and "2 times" in problems[0]
    assert "'missing'" in problems[1] and "missing" in problems[1]


# -- the mutant's build ----------------------------------------------------------------------
@pytest.mark.parametrize("file", ["bundle.js", "i18n/en_EN.json"])
def test_a_mutant_build_differs_from_the_stock_only_in_its_patched_file(stock, tmp_path, file):
    anchor = "now-90" if file == "bundle.js" else '"All"'
    before = tree_digest(stock)
    build = make_mutant_build(stock, mutant(anchor, file), tmp_path / "build")
    copy = tree_digest(build)
    assert set(copy) == set(before)
    assert {path for path in copy if copy[path] != before[path]} == {file, "bundle.js"}
    assert anchor not in (build / file).read_text() and "BROKEN" in (build / file).read_text()
    # The bundle loses only its compile hint (and the patch, when it is the patched file).
    stock_code = (stock / "bundle.js").read_text().removeprefix("//# allFunctionsCalledOnLoad\n")
    assert (build / "bundle.js").read_text() == (stock_code if file != "bundle.js" else
                                                  stock_code.replace(anchor, "BROKEN"))
    # Only the patched file and the bundle are real; the rest links to the stock build, version included.
    patched = build / file
    assert patched.is_file() and not patched.is_symlink()
    links = [p for p in build.rglob("*") if p.is_symlink()]
    assert {p.resolve() for p in links} >= {stock / "version", stock / "index.html", stock / "res"}
    assert (build / "version").read_text() == (stock / "version").read_text()
    real_files = [p for p in build.rglob("*") if p.is_file() and not any(q.is_symlink() for q in [p, *p.parents])]
    assert sorted(real_files) == sorted({patched, build / "bundle.js"})
    remove_build(build)
    assert not build.exists()
    assert tree_digest(stock) == before  # the stock build is never written to


@pytest.mark.skipif(not (STOCK / "bundle.js").exists(), reason="no Element build: make element")
def test_a_mutant_build_of_the_real_element_leaves_element_dist_untouched(tmp_path):
    first_i18n = next(m for m in load(CATALOG) if m.file == "i18n/en_EN.json")
    watched = [STOCK / "i18n" / "en_EN.json", STOCK / "version", STOCK / "index.html"]
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in watched}
    build = make_mutant_build(STOCK, first_i18n, tmp_path / "build")
    stock_code = (STOCK / "bundle.js").read_text(encoding="utf-8")
    assert stock_code.startswith("//# allFunctionsCalledOnLoad\n")  # element/build.mjs's compile hint
    served_code = (build / "bundle.js").read_text(encoding="utf-8")
    assert served_code == stock_code.removeprefix("//# allFunctionsCalledOnLoad\n")
    assert first_i18n.replacement in (build / "i18n" / "en_EN.json").read_text()
    remove_build(build)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in watched} == before


# -- --element-dist --------------------------------------------------------------------------
def parse(element_dist):
    return StackOptions.parse(homeserver=None, homeserver_url=None, registration_secret=None,
                              element_url=None, browser_path=None, element_dist=element_dist)


def test_element_dist_must_be_a_folder_with_an_element_build(stock, tmp_path):
    with pytest.raises(OptionError, match=r"--element-dist: .* is not a folder"):
        parse(str(tmp_path / "nowhere"))
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "index.html").write_text("")
    with pytest.raises(OptionError, match=r"--element-dist: .* is not an Element build \(no bundle.js in it\)"):
        parse(str(tmp_path / "half"))
    assert parse(str(stock)).element_dist == stock.resolve()


def test_pytest_refuses_a_bad_element_dist_before_anything_starts(tmp_path):
    run = run_pytest("features", "--collect-only", "-q", "--element-dist", str(tmp_path), timeout=120)
    assert run.returncode == 4, run.stdout + run.stderr  # pytest's usage error
    assert "--element-dist" in run.stderr and "not an Element build" in run.stderr


# -- the mutants file ------------------------------------------------------------------------
def test_the_mutants_file_covers_every_guide_statement_with_at_least_30_mutants():
    raw = __import__("yaml").safe_load(CATALOG.read_text())["mutants"]
    for entry in raw:
        assert all(entry.get(f) for f in FIELDS), entry
    mutants = load(CATALOG)
    assert len(mutants) >= 30
    assert {s for m in mutants for s in m.statements} == set(GUIDE_IDS)


@pytest.mark.skipif(not (STOCK / "bundle.js").exists(), reason="no Element build: make element")
def test_every_anchor_occurs_exactly_once_in_the_current_build():
    assert check_all(load(CATALOG), STOCK) == []


# -- try_first: which scenario runs first ---------------------------------------------------
def test_try_first_must_name_a_scenario_the_mutants_statements_select():
    index = [{"label": "Each filter lists exactly the matching sessions [filter: Inactive]", "statements": ["G17"]},
             {"label": "From the profile icon to the Sessions settings", "statements": ["G3", "G4"]}]
    hinted = [Mutant("good", ("G17",), "bundle.js", "a", "b", "d", index[0]["label"]),
              Mutant("stale", ("G17",), "bundle.js", "a", "b", "d", "Each filter lists the sessions"),
              Mutant("elsewhere", ("G17",), "bundle.js", "a", "b", "d", index[1]["label"]),
              Mutant("none", ("G17",), "bundle.js", "a", "b", "d")]
    problems = check_try_first(hinted, index)
    assert len(problems) == 2
    assert "'stale'" in problems[0] and "names no scenario" in problems[0]
    assert "'elsewhere'" in problems[1] and "not tagged with G17" in problems[1]


def test_every_try_first_in_the_mutants_file_names_a_scenario_its_run_includes():
    mutants = load(CATALOG)
    assert all(m.try_first for m in mutants)
    assert check_try_first(mutants, scenario_index()) == []


def test_a_mutant_run_asks_its_job_to_run_its_try_first_scenario_first(tmp_path):
    spec = RunSpec("m", tmp_path, "G12 or G15", tmp_path / "build", try_first="Each filter [filter: All]")
    command = job_command(spec)
    assert command["try_first"] == "Each filter [filter: All]"
    assert (command["statements"], command["build"], command["stop_at_kill"]) == (["G12", "G15"],
                                                                                   str(tmp_path / "build"), True)


def collected_ids(*options: str) -> list[str]:
    env = {"PYTHONPATH": str(REPO / "bench")}
    collect = run_pytest("features", "-m", "G17", "--collect-only", "-q", "-p", "mutation.try_first", *options,
                         env=env, timeout=120)
    return [line for line in collect.stdout.splitlines() if "::" in line]


def test_the_try_first_scenario_is_collected_first_and_the_others_still_follow():
    ordered = collected_ids("--try-first", "Each filter lists exactly the matching sessions [filter: Inactive]")
    assert ordered[0].endswith("test_each_filter_lists_exactly_the_matching_sessions[Inactive]"), ordered
    plain = collected_ids()
    assert ordered[0] != plain[0] and sorted(ordered) == sorted(plain)


# -- what a run says: killed only by a When or Then ------------------------------------------
def fact(scenario: str, phase: str = "call", outcome: str = "failed", step: str | None = None,
         step_type: str | None = None, message: str = "AssertionError: 2 != 3", homeserver: str | None = None) -> dict:
    """One line of a run's scenario facts (bench/mutation/facts.py), as a failing report writes it."""
    failure = None if outcome in ("passed", "skipped") else \
        {"when": phase, "step": step, "step_type": step_type, "message": message}
    return {"nodeid": f"features/test_features.py::{scenario}", "scenario": scenario, "phase": phase,
            "outcome": outcome, "failure": failure, "homeserver": homeserver}


def run_said(tmp_path: Path, *facts: dict, exit_code: int = 1) -> RunOutcome:
    path = tmp_path / "scenario-facts.jsonl"
    path.write_text("".join(json.dumps(f) + "\n" for f in facts) + '{"cut short by a kill')
    log = tmp_path / "pytest.log"
    log.write_text("Synapse exited before it answered\n")
    return read_outcome(exit_code, path, log)


@pytest.mark.parametrize("step, step_type", [("When the user opens the Sessions settings", "when"),
                                             ("Then the filter lists 2 sessions", "then"),
                                             ("And that letter is the first letter", "then")])  # an And is its own type
def test_a_when_or_then_step_that_fails_kills(tmp_path, step, step_type):
    outcome = run_said(tmp_path, fact("a", outcome="passed"), fact("b", step=step, step_type=step_type))
    assert outcome.verdict == "failed"
    assert (outcome.kill.scenario, outcome.kill.step, outcome.kill.step_type) == ("b", step, step_type)
    assert outcome.kill.message == "AssertionError: 2 != 3"
    assert outcome.scenarios == [{"name": "a", "outcome": "passed"}, {"name": "b", "outcome": "failed"}]


@pytest.mark.parametrize("failed, what", [
    (fact("a", step="Given a user signed in to Element in the browser", step_type="given",
          message="TimeoutError: no user menu"), "in its Given 'Given a user signed in"),
    (fact("a", phase="setup", message="httpx.HTTPStatusError: 500 creating the account"), "in its set-up"),
    (fact("a", phase="teardown", message="MatrixError: deactivate"), "in its tear-down"),
    (fact("a", message="Failed: [XPASS(strict)] expected to fail"), "outside any step (call)"),
    (fact("a", step="Then the filter lists 2 sessions", step_type="then",
          message="playwright._impl._errors.TargetClosedError: Target page, context or browser has been closed"),
     "because the stack is gone (at 'Then the filter"),
    (fact("a", step="Then the server has 2 sessions", step_type="then", message="AssertionError: 1 != 2",
          homeserver="homeserver (spawned) at http://127.0.0.1:8008 does not answer (refused).\nlog: x"),
     "because the stack is gone"),
])
def test_a_given_setup_teardown_or_stack_failure_is_an_error_not_a_kill(tmp_path, failed, what):
    outcome = run_said(tmp_path, failed)
    assert outcome.verdict == "error" and outcome.kill is None
    assert outcome.error.startswith(f"'a' failed {what}"), outcome.error


def test_a_step_that_failed_on_a_live_homeserver_still_kills(tmp_path):
    alive = "homeserver (spawned) at http://127.0.0.1:8008 was alive\nlog: x"
    outcome = run_said(tmp_path, fact("a", step="Then x", step_type="then", homeserver=alive))
    assert outcome.verdict == "failed"


def test_a_given_that_erred_does_not_hide_a_later_kill(tmp_path):
    outcome = run_said(tmp_path, fact("a", step="Given a user", step_type="given"),
                       fact("b", step="Then the count is 3", step_type="then"))
    assert outcome.verdict == "failed" and outcome.kill.scenario == "b"
    assert [e.describe() for e in outcome.errors] == ["'a' failed in its Given 'Given a user': AssertionError: 2 != 3"]


def test_an_expected_failure_is_not_a_kill(tmp_path):
    outcome = run_said(tmp_path, fact("a", outcome="xfailed", step="Then x", step_type="then"),
                       fact("b", outcome="passed"), exit_code=0)
    assert outcome.verdict == "passed" and outcome.kill is None and outcome.errors == []
    assert outcome.scenarios[0] == {"name": "a", "outcome": "xfailed"}


def test_a_run_that_could_not_start_or_said_nothing_is_an_error(tmp_path):
    no_stack = run_said(tmp_path, exit_code=3)
    assert no_stack.verdict == "error" and "could not start" in no_stack.error and "Synapse exited" in no_stack.error
    assert "no scenario results" in run_said(tmp_path, exit_code=0).error
    assert "exited 1 with no failed scenario" in run_said(tmp_path, fact("a", outcome="passed")).error
    assert run_said(tmp_path, fact("a", outcome="passed"), exit_code=0).verdict == "passed"


def test_only_a_kill_or_an_error_that_would_recur_stops_a_mutant_run():
    assert classify(fact("a", step="Then x", step_type="then")) in STOPS_THE_RUN
    assert classify(fact("a", phase="setup")) in STOPS_THE_RUN
    assert classify(fact("a", step="Given x", step_type="given")) not in STOPS_THE_RUN  # the next may kill
    assert classify(fact("a", outcome="xfailed", step_type="then")) not in STOPS_THE_RUN
    assert classify(fact("a", outcome="passed")) is None


def test_the_report_names_the_killing_scenario_step_type_and_message(tmp_path):
    killed = MutantResult("m", ["G17"], "bundle.js", "what a user would see")
    killed.record(run_said(tmp_path, fact("a", step="Given x", step_type="given"),
                           fact("b", step="And the count is 3", step_type="then")), 12.0, tmp_path)
    erred = MutantResult("e", ["G5"], "bundle.js", "d")
    erred.record_unparsable("bundle.js does not parse as a script: bundle.js:1:2 SyntaxError: x")
    write_reports(tmp_path / "reports", [killed, erred], {"jobs": 1})
    report = json.loads((tmp_path / "reports" / "mutants.json").read_text())
    first, second = report["mutants"]
    assert (first["status"], first["killing_scenario"], first["killing_step"], first["killing_step_type"],
            first["message"]) == ("killed", "b", "And the count is 3", "then", "AssertionError: 2 != 3")
    assert first["errors"] == ["'a' failed in its Given 'Given x': AssertionError: 2 != 3"]
    assert (second["status"], second["error"]) == ("error", "bundle.js does not parse as a script: bundle.js:1:2 "
                                                            "SyntaxError: x")
    assert report["summary"] == "mutants killed: 1/2 (1 erred)"
    markdown = (tmp_path / "reports" / "mutants.md").read_text()
    assert "| b › And the count is 3 (then) | AssertionError: 2 != 3 |" in markdown
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == ["mutants.json", "mutants.md"]


# -- the baseline and the patience ------------------------------------------------------------
INDEX = [{"label": "Cancel clears", "statements": ["G16"]}, {"label": "Ticking", "statements": ["G16"]},
         {"label": "Each filter [filter: All]", "statements": ["G17"]},
         {"label": "Each filter [filter: Inactive]", "statements": ["G17"]}]


def test_the_baseline_runs_each_mutants_try_first_or_all_its_scenarios_when_it_names_none():
    named = Mutant("a", ("G17",), "bundle.js", "x", "y", "d", try_first="Each filter [filter: Inactive]")
    unnamed = Mutant("b", ("G16",), "bundle.js", "x", "y", "d")
    assert baseline_labels([named], INDEX) == ["Each filter [filter: Inactive]"]
    assert baseline_labels([named, unnamed], INDEX) == ["Cancel clears", "Ticking", "Each filter [filter: Inactive]"]


def killed_by(tmp_path: Path, name: str, scenario: str) -> MutantResult:
    result = MutantResult(name, ["G16"], "bundle.js", "d")
    (tmp_path / name).mkdir()
    said = run_said(tmp_path / name, fact(scenario, step="Then none is ticked", step_type="then"))
    result.record(said, 5.0, tmp_path)
    return result


def test_a_kill_by_a_scenario_the_baseline_did_not_run_stands_only_if_the_stock_build_passes_it(tmp_path):
    by_baselined, confirmed, refuted = (killed_by(tmp_path, "a", "Ticking"), killed_by(tmp_path, "b", "Cancel clears"),
                                        killed_by(tmp_path, "c", "Each filter [filter: All]"))
    results = [by_baselined, confirmed, refuted]
    extra = kills_to_confirm(results, baselined=["Ticking"])
    assert extra == ["Cancel clears", "Each filter [filter: All]"]
    assert discredit_unconfirmed(results, extra, stock_passed={"Cancel clears"}, where="artifacts/x") == ["c"]
    assert [r.status for r in results] == ["killed", "killed", "error"]
    assert refuted.killing_scenario is None and refuted.error.startswith(
        "killed by 'Each filter [filter: All]', which the stock build did not pass either")
    assert refuted.errors == ["'Each filter [filter: All]' › Then none is ticked: AssertionError: 2 != 3"]


def test_a_baseline_share_asks_its_job_for_those_scenarios_only(tmp_path):
    spec = RunSpec("baseline", tmp_path, "G16 or G17", None, stop_at_kill=False, share=(0, 2), labels=("Ticking",))
    assert (job_command(spec)["labels"], job_command(spec)["share"]) == (["Ticking"], [0, 2])
    assert job_command(RunSpec("m", tmp_path, "G16", tmp_path))["labels"] is None  # a mutant runs every scenario


def test_mutation_patience_shortens_web_first_assertions_and_still_scales_with_a_slow_device():
    from playwright.sync_api import expect
    try:
        throttling.set_assertion_patience(4_000)
        assert expect._timeout == 4_000  # noqa: SLF001: no public getter
        throttling.set_slowdown(3)
        assert expect._timeout == 12_000  # noqa: SLF001
    finally:
        throttling.set_slowdown(1.0)
        throttling.set_assertion_patience(throttling.ASSERTION_MS)
    assert expect._timeout == 15_000  # noqa: SLF001


def test_mutants_refuse_a_patience_longer_than_a_feature_runs_own():
    run = subprocess.run([sys.executable, "bench/mutants.py", "--patience", "16"], cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2 and "--patience: more than 0 and at most 15 seconds" in run.stderr


# -- a patched file that does not parse ------------------------------------------------------
def test_a_patched_bundle_is_compiled_as_a_classic_script():
    assert parse_error("bundle.js", "var a = 1;\nfunction f() { return a }") is None
    assert parse_error("bundle.js", "let a=1;\nfunction g(){ if (a) { f( }") == \
        "bundle.js does not parse as a script: bundle.js:2:27 SyntaxError: Unexpected token '}'"
    # index.html loads bundle.js with a plain <script src>: a module's import would not run.
    assert "Cannot use import statement outside a module" in parse_error("bundle.js", 'import x from "y";')


def test_a_patched_i18n_file_must_stay_json():
    assert parse_error("i18n/en_EN.json", '{"filter_all": "All"}') is None
    assert parse_error("i18n/en_EN.json", '{"filter_all": "All",}').startswith("i18n/en_EN.json is not valid JSON")


def test_check_names_the_mutant_whose_patch_breaks_the_syntax(stock):
    unbalanced = Mutant("unbalanced", ("G17",), "bundle.js", "now-90", "now-(90", "d")
    problems = check_parses([mutant("now-90", name="fine"), unbalanced, mutant("nowhere", name="missing")], stock)
    assert problems == ["mutant 'unbalanced': bundle.js does not parse as a script: bundle.js:1:35 "
                        "SyntaxError: Unexpected token ';'"]


@pytest.mark.skipif(not (STOCK / "bundle.js").exists(), reason="no Element build: make element")
def test_the_stock_bundle_parses_as_a_script():
    assert parse_error("bundle.js", (STOCK / "bundle.js").read_text()) is None
