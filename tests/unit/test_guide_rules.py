"""A whole run applies the guide's rules: a statement no scenario carries stops it before
anything starts (serially and under xdist), and one whose scenarios all did not run fails it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.harness_run import HarnessRun, run_pytest

REPO = Path(__file__).resolve().parents[2]
# What collecting features/ needs: the wiring, the steps and what they import.
COLLECTION_NEEDS = ("conftest.py", "pyproject.toml", "guide", "steps", "pages", "fixtures", "report", "features")


def _copy_of_the_repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    for name in COLLECTION_NEEDS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / name)
    return root


def _collect(root: Path, *args: str) -> HarnessRun:
    return run_pytest("--collect-only", "-q", *args, cwd=root, timeout=180)


@pytest.fixture(scope="module")
def without_g8(tmp_path_factory) -> Path:
    root = _copy_of_the_repository(tmp_path_factory.mktemp("without-g8"))
    removed = 0
    for feature in (root / "features").glob("*.feature"):
        text, count = re.subn(r"@G8\b", "", feature.read_text())
        feature.write_text(text)
        removed += count
    assert removed, "features/ has no @G8 tag to remove"
    return root


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["serial", "xdist"])
def test_a_statement_no_scenario_carries_stops_a_whole_run(without_g8, workers):
    run = _collect(without_g8, *workers)
    assert run.returncode == 1, run.stdout[-2000:] + run.stderr[-2000:]
    assert "G8: no scenario in features/ is tagged @G8" in run.stderr
    assert not re.search(r"\bG(?!8\b)\d+: no scenario", run.stderr)  # only G8 is missing


def test_a_narrowed_run_is_not_judged_whole(without_g8):
    run = _collect(without_g8, "-k", "filter")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]


def test_the_untouched_copy_collects(tmp_path):
    run = _collect(_copy_of_the_repository(tmp_path))
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert re.search(r"^\d+ tests collected", run.stdout, re.M)


# A tiny suite in which every statement has a scenario (tags on the Examples blocks count), and
# the one for G8 skips itself: run whole, G8 is untested.
TINY_FEATURE = "Feature: Every statement\n  Scenario Outline: A statement is proved\n    Given statement <id>\n" + "".join(
    f"\n    @G{n}\n    Examples:\n      | id  |\n      | G{n} |\n" for n in range(1, 19))
TINY_STEPS = '''
import pytest
from pytest_bdd import given, parsers, scenarios

scenarios(".")


@given(parsers.parse("statement {gid}"))
def statement(gid):
    if gid == "G8":
        pytest.skip("G8 does not run today")
'''
TINY_CONFTEST = '''
pytest_plugins = ["report.plugin_run_control", "report.plugin_collect", "report.plugin_gates"]


def pytest_configure(config):
    for n in range(1, 19):
        config.addinivalue_line("markers", f"G{n}: guide statement G{n}")
'''


def test_a_statement_whose_scenarios_all_did_not_run_fails_a_whole_run(tmp_path):
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "all.feature").write_text(TINY_FEATURE)
    (tmp_path / "features" / "test_all.py").write_text(TINY_STEPS)
    (tmp_path / "conftest.py").write_text(TINY_CONFTEST)
    # The harness's plugins, with no known failures to read (this project has no Element to ask).
    (tmp_path / "pytest.ini").write_text("[pytest]\nbdd_features_base_dir = features/\n"
                                         "addopts = -p no:cacheprovider --expectations=none\n")

    def run(*args):
        return run_pytest("features", "-p", "no:xdist", *args, cwd=tmp_path, timeout=120,
                          env={"PYTHONPATH": str(REPO)})

    whole = run()
    assert whole.returncode == 1, whole.output
    assert whole.outcomes == {"passed": 17, "skipped": 1}, whole.output
    assert "G8: none of its scenarios ran" in whole.stdout
    narrowed = run("-k", "not G8")
    assert narrowed.returncode == 0, narrowed.stdout[-3000:]
