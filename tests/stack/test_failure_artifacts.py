"""A failed scenario leaves a trace and a screenshot; a passing one leaves nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.harness_run import run_pytest

REPO = Path(__file__).resolve().parents[2]

SAMPLE = '''
def test_sees_the_wrong_heading(page):
    page.set_content("<h1>Sessions</h1>")
    page.evaluate("console.log('the page logged this')")
    assert page.locator("h1").inner_text() == "Devices"

def test_sees_the_right_heading(page):
    page.set_content("<h1>Sessions</h1>")
    assert page.locator("h1").inner_text() == "Sessions"
'''

CONFTEST = '''
import pytest
from fixtures.stack.browser import find_chromium, launch_args

pytest_plugins = ["fixtures.plugins.failure_artifacts"]  # as the harness's conftest.py loads it

def pytest_addoption(parser):
    parser.addoption("--artifacts")  # the harness's option, which conftest.py defines

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_args(find_chromium())}
'''


def test_only_a_failed_scenario_leaves_its_trace_and_screenshot(tmp_path):
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    (tmp_path / "conftest.py").write_text(CONFTEST)
    out = tmp_path / "artifacts"
    run = run_pytest("-q", "-p", "no:cacheprovider", "--artifacts", str(out), "test_sample.py",
                     cwd=tmp_path, env={"PYTHONPATH": str(REPO)}, timeout=120)
    assert run.returncode == 1, run.output
    assert run.outcomes == {"failed": 1, "passed": 1}, run.output
    failed = out / "playwright" / "test_sees_the_wrong_heading-chromium"
    assert sorted(p.name for p in failed.iterdir()) == ["screenshot-1.png", "trace.zip"]
    assert (failed / "screenshot-1.png").read_bytes().startswith(b"\x89PNG")
    with zipfile.ZipFile(failed / "trace.zip") as trace:
        recorded = b"".join(trace.read(name) for name in trace.namelist() if name.endswith(".trace"))
    assert b"the page logged this" in recorded  # the console is in the light trace
    assert f"trace: {failed / 'trace.zip'}" in run.stdout  # named at the end of the run
    assert [p.name for p in (out / "playwright").iterdir()] == [failed.name]  # the passing one left nothing
