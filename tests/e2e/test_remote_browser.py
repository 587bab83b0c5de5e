"""--browser-ws-endpoint: the scenarios drive a remote Chromium through a Playwright browser
server (here one the test starts on loopback; in a farm, any such server). Our server gets
--unsafe so that it may launch Debian's Chromium, the only browser on this machine."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from fixtures.stack.browser import find_chromium
from fixtures.stack.homeserver import free_port
from tests.harness_run import run_pytest


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"playwright run-server exited: {proc.stdout.read()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)  # polling the server's own readiness
    raise AssertionError("playwright run-server did not listen")


@pytest.fixture
def browser_server():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "playwright", "run-server", "--port", str(port),
                             "--host", "127.0.0.1", "--unsafe"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        _wait_for_port(port, proc)
        yield f"ws://127.0.0.1:{port}/"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


def test_a_scenario_passes_on_a_remote_browser(browser_server, tmp_path):
    run = run_pytest("features", "-q", "-k", "fresh_accounts_profile_icon",
                     "--browser-ws-endpoint", browser_server, "--browser-path", find_chromium(),
                     "--artifacts", str(tmp_path), timeout=300)
    assert run.returncode == 0, run.output
    assert run.outcomes == {"passed": 1}, run.output


def test_a_bad_endpoint_is_refused_with_the_option_named():
    run = run_pytest("features", "--collect-only", "-q", "--browser-ws-endpoint", "http://127.0.0.1:1/",
                     timeout=120)
    assert run.returncode == 4
    assert "--browser-ws-endpoint: 'http://127.0.0.1:1/' is not a ws/wss URL" in run.stderr
