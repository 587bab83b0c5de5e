"""Test-only pytest plugin: kills a part of the harness's stack for real in the middle of a run,
for tests/e2e/test_stack_faults.py. HARNESS_TEST_KILL="homeserver:2" (or "browser:2") kills it as the
2nd scenario begins its first When step: its page is open, Element running, its user seeded."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from report.items import scenario_of
from tests.processes import children_of

KILL_ENV = "HARNESS_TEST_KILL"
_state = {"scenarios": 0, "done": False}


def pytest_runtest_setup(item: pytest.Item) -> None:
    if scenario_of(item) is not None:
        _state["scenarios"] += 1


def pytest_bdd_before_step(request, feature, scenario, step, step_func) -> None:
    what, _, nth = os.environ.get(KILL_ENV, "").partition(":")
    if _state["done"] or not nth or _state["scenarios"] != int(nth) or step.type != "when":
        return
    _state["done"] = True
    if what == "homeserver":
        process = request.getfixturevalue("homeserver").process
        os.kill(process.proc.pid, signal.SIGKILL)
        process.proc.wait(timeout=30)
    elif what == "browser":
        _kill_browsers()


def _kill_browsers() -> None:
    """Every Chromium this process started (its descendants whose program is named chrom...)."""
    browsers = {pid for pid in children_of(os.getpid())
                if Path(_cmdline(pid).split(b"\0")[0].decode(errors="replace")).name.startswith("chrom")}
    assert browsers, "no Chromium found among this process's children"
    for pid in browsers:
        try:
            os.kill(pid, signal.SIGKILL)  # the scenario's next use of its page finds it gone
        except ProcessLookupError:
            pass


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
