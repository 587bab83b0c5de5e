"""The mutation runner end to end (bench/mutants.py against real builds, Synapse and Chromium):
what erred is an error, never a kill. Its cheap checks are in tests/unit/test_mutants.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.mutation.build_copy import make_mutant_build
from bench.mutation.catalog import load
from bench.mutation.job_pool import JobPool
from bench.mutation.outcome import read_outcome
from bench.mutation.runs import RunSpec

REPO = Path(__file__).resolve().parents[2]
STOCK = REPO / "element" / "dist"
CATALOG = REPO / "bench" / "mutants.yaml"


CLIENT_ON_WINDOW = "window.mxMatrixClientPeg||(window.mxMatrixClientPeg=MatrixClientPeg)"
# Where Element looks for a stored session: renamed, a user's own login still works (it stores and
# reads the new name), but the session the harness's Given injects is never found.
SESSION_KEY = 'HOMESERVER_URL_KEY="mx_hs_url"'
G5_SCENARIO = "Other sessions lists every other session of the account, verified or not"


@pytest.fixture(scope="module")
def erring_mutants(tmp_path_factory) -> dict[str, dict]:
    """Two mutants run by bench/mutants.py (no baseline): one renames where Element looks for a
    stored session, which only the harness's signed-in Given depends on (G5's one scenario); one
    breaks the syntax."""
    tmp = tmp_path_factory.mktemp("mutants")
    catalog = tmp / "mutants.yaml"
    catalog.write_text(__import__("yaml").safe_dump({"mutants": [
        {"name": "given-breaker", "statements": ["G5"], "try_first": G5_SCENARIO, "file": "bundle.js",
         "anchor": SESSION_KEY, "replacement": SESSION_KEY.replace("mx_hs_url", "mx_hs_url_moved"),
         "description": "Element stores its session under another key (only the harness's Given injects one)."},
        {"name": "unbalanced", "statements": ["G5"], "file": "bundle.js",
         "anchor": CLIENT_ON_WINDOW, "replacement": CLIENT_ON_WINDOW.removesuffix(")"),
         "description": "A parenthesis short."}]}))
    run = subprocess.run([sys.executable, "bench/mutants.py", "--mutants", str(catalog), "--skip-baseline",
                          "--jobs", "1", "--timeout", "600", "--reports", str(tmp / "reports"),
                          "--artifacts", str(tmp / "artifacts")], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert run.returncode == 1, run.stdout + run.stderr  # not every mutant killed
    report = json.loads((tmp / "reports" / "mutants.json").read_text())
    return {m["name"]: {**m, "artifacts_dir": tmp / "artifacts" / m["name"]} for m in report["mutants"]}


@pytest.mark.skipif(not (STOCK / "bundle.js").exists(), reason="no Element build: make element")
def test_a_mutant_that_breaks_a_given_and_not_the_behaviour_is_an_error(erring_mutants):
    given = erring_mutants["given-breaker"]
    assert given["status"] == "error" and given["killing_step"] is None
    assert given["error"].startswith(f"{G5_SCENARIO!r} failed in its Given 'Given a user whose browser session "
                                     "is verified"), given["error"]
    assert "Locator expected to be visible" in given["error"]  # the signed-in page never came
    assert given["scenarios_run"] == [{"name": G5_SCENARIO, "outcome": "failed"}]


@pytest.mark.skipif(not (STOCK / "bundle.js").exists(), reason="no Element build: make element")
def test_a_mutant_that_breaks_the_syntax_is_an_error_without_a_run(erring_mutants):
    unbalanced = erring_mutants["unbalanced"]
    assert unbalanced["status"] == "error" and unbalanced["scenarios_run"] == []
    assert unbalanced["error"].startswith("bundle.js does not parse as a script: bundle.js:"), unbalanced["error"]
    assert not (unbalanced["artifacts_dir"] / "pytest.log").exists()  # no pytest, no browser


# -- a job: one pytest process and one stack for many mutants -------------------------------
@pytest.mark.skipif(not (STOCK / "bundle.js").exists(), reason="no Element build: make element")
def test_a_job_serves_each_run_its_own_build_and_nothing_carries_over(tmp_path):
    """One job runs a mutant, the stock build, then the mutant again: killed, passed, killed by the
    same step. So the build is swapped both ways, the browser holds no copy of another build, and
    no item keeps evidence of its last run. Its assertions wait the runner's patience: the stock
    build passes within it, and a mutant's count that never comes right fails when it runs out."""
    catalog = {m.name: m for m in load(CATALOG)}
    square, ticks = catalog["avatar-square"], catalog["cancel-keeps-ticks"]
    builds = {"mutant": make_mutant_build(STOCK, square, tmp_path / "build"), "stock": None,
              "ticks": make_mutant_build(STOCK, ticks, tmp_path / "ticks-build")}
    jobs = JobPool(600, tmp_path / "jobs", patience=4)  # bench/mutants.py's default
    said = {}
    try:
        for label, m, dist in (("mutant", square, builds["mutant"]), ("stock", square, None),
                               ("again", square, builds["mutant"]), ("ticks", ticks, builds["ticks"])):
            spec = RunSpec(label, tmp_path / label, m.marker_expression, dist, try_first=m.try_first)
            code, _, log = jobs.run(spec)
            said[label] = read_outcome(code, spec.facts, log)
    finally:
        jobs.close_all()
    assert said["ticks"].kill is not None and said["ticks"].kill.step_type == "then", said["ticks"]
    assert "with timeout 4000ms" in (tmp_path / "ticks" / "pytest.log").read_text()
    mutant, stock, again = said["mutant"], said["stock"], said["again"]
    assert mutant.verdict == again.verdict == "failed", (mutant, again)
    assert mutant.kill.step == again.kill.step and mutant.kill.step_type == "then"
    assert mutant.scenarios == again.scenarios == [{"name": square.try_first, "outcome": "failed"}]
    assert stock.verdict == "passed" and stock.errors == [], stock
    assert len(stock.scenarios) > 1 and all(s["outcome"] == "passed" for s in stock.scenarios)
    assert [p.name for p in (tmp_path / "jobs").iterdir()] == ["job-1"]  # one process for all three
