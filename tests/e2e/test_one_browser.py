"""The browser chain (fixtures/plugins/browser_chain.py) starts one Chromium per worker, and what a scenario
adds to its context goes with the scenario.

One pytest process (one worker) runs two feature scenarios and a throw-away pair of tests. A probe
plugin counts, while each test runs, the browser processes below the pytest process: those that
Playwright launched (they talk to it over --remote-debugging-pipe) and that are not one of
Chromium's helpers (renderer, GPU, zygote, utility: they carry --type=), nor the shell script
that Debian starts Chromium with. The scenarios ask for
everything a scenario does (the report's stack facts read the browser's version) and must find
exactly one, the same one in both. The pair: the first adds an init script and a listener
through its `context`, the second must see neither."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.harness_run import run_pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = '''
import json
import os
from pathlib import Path

import pytest


def _descendants(pid):
    children = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = children.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _browsers():
    browsers = []
    for pid in _descendants(os.getpid()):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\\0")
            binary = os.path.basename(os.readlink(f"/proc/{pid}/exe"))
        except OSError:
            continue
        # Debian's /usr/bin/chromium* are shell scripts that start the binary with the same arguments.
        if "chrom" not in binary:
            continue
        if "--remote-debugging-pipe" in args and not any(a.startswith("--type=") for a in args):
            browsers.append(pid)
    return browsers


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    with open(os.environ["BROWSER_PROBE_OUT"], "a") as out:
        out.write(json.dumps({"test": item.name, "browsers": _browsers()}) + "\\n")
    return (yield)
'''

PAIR = '''
from pathlib import Path

HEARD = Path(__file__).with_name("heard.txt")


def test_1_adds_to_its_context(page, context, element_server):
    context.add_init_script("window.__addedByTheFirst = true")
    context.on("request", lambda request: HEARD.open("a").write(request.url + "\\n"))
    page.goto(element_server.url + "welcome.html")
    assert page.evaluate("window.__addedByTheFirst") is True
    assert HEARD.read_text()


def test_2_finds_none_of_it(page, context, element_server):
    heard = HEARD.read_text()
    page.goto(element_server.url + "welcome.html")
    assert page.evaluate("window.__addedByTheFirst === undefined")
    assert HEARD.read_text() == heard  # the first test's listener is gone
'''


def test_one_chromium_per_worker_and_a_scenarios_additions_go_with_it(tmp_path):
    (tmp_path / "browser_probe.py").write_text(PROBE)
    seen = tmp_path / "browsers.jsonl"
    # Inside the repository, so the harness's conftest.py (its fixtures) applies to the pair.
    folder = REPO / "artifacts" / f"one-browser-{tmp_path.name}"
    folder.mkdir(parents=True)
    try:
        (folder / "test_pair.py").write_text(PAIR)
        run = run_pytest(
            "-q", "-p", "no:randomly", "-p", "no:xdist", "-p", "browser_probe",
            "features", "-k", "fresh_accounts_profile_icon or display_name_of_its_own_the_profile_icon or pair",
            str(folder / "test_pair.py"), "--artifacts", str(tmp_path / "artifacts"),
            env={"PYTHONPATH": str(tmp_path), "BROWSER_PROBE_OUT": str(seen)})
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert run.returncode == 0 and run.outcomes == {"passed": 4}, run.output
    probes = [json.loads(line) for line in seen.read_text().splitlines()]
    assert len(probes) == 4, probes
    assert all(len(p["browsers"]) == 1 for p in probes), probes
    # The scenarios share one, never relaunched. (The pair's tests are parametrized by
    # pytest-playwright with the browser's name, the scenarios are not: pytest closes the session's
    # browser fixtures at that change and starts them again, so the pair has its own.)
    scenarios = [p for p in probes if p["test"].startswith(("test_a_fresh", "test_with_a_display"))]
    assert len(scenarios) == 2 and scenarios[0]["browsers"] == scenarios[1]["browsers"], probes
