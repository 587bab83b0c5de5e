"""Faults reported clearly and nothing left behind: a taken port, no Chromium, an Element URL that
is dead or not Element, and Ctrl-C in the middle of a run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import fixtures.homeserver as hs_module
from fixtures.browser import BrowserError, find_chromium
from fixtures.element import ElementError, external_element
from fixtures.homeserver import ProcessHomeserver, free_port
from tests.processes import alive, children_of, processes_mentioning

REPO = Path(__file__).resolve().parents[2]


def test_a_taken_port_makes_the_homeserver_use_another(tmp_path, monkeypatch):
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    ports = iter([taken.getsockname()[1]])
    monkeypatch.setattr(hs_module, "free_port", lambda: next(ports, None) or free_port())
    runner = ProcessHomeserver(tmp_path / "hs")
    try:
        server = runner.start()
        assert server.base_url != f"http://127.0.0.1:{taken.getsockname()[1]}"
        server.check_alive()
    finally:
        runner.stop()
        taken.close()


def test_no_chromium_says_how_to_get_one(monkeypatch):
    monkeypatch.delenv("HARNESS_CHROMIUM", raising=False)
    monkeypatch.setattr("fixtures.browser.CANDIDATES", ("/nonexistent/chromium",))
    monkeypatch.setattr("fixtures.browser.HEADLESS_SHELL", "/nonexistent/chromium-headless-shell")
    with pytest.raises(BrowserError, match="apt-get install -y chromium"):
        find_chromium()
    with pytest.raises(BrowserError, match="--browser-path: '/nowhere/chrome' is not an executable"):
        find_chromium("/nowhere/chrome")


def test_headless_runs_prefer_the_headless_shell_and_a_window_gets_the_full_chromium(tmp_path, monkeypatch):
    monkeypatch.delenv("HARNESS_CHROMIUM", raising=False)
    shell, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    for binary in (shell, full):
        binary.write_text("#!/bin/sh\n")
        binary.chmod(0o755)
    monkeypatch.setattr("fixtures.browser.CANDIDATES", (str(full),))
    monkeypatch.setattr("fixtures.browser.HEADLESS_SHELL", str(shell))
    assert find_chromium() == str(shell)
    assert find_chromium(headed=True) == str(full)
    assert find_chromium(str(full)) == str(full)  # an explicit choice always wins
    shell.unlink()
    assert find_chromium() == str(full)  # without the shell, headless runs use Chromium


class _NotElement(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        body = b"<html><body>Welcome to nginx!</body></html>"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_an_element_url_that_is_dead_or_not_element_is_refused():
    with pytest.raises(ElementError, match="unreachable"):
        external_element(f"http://127.0.0.1:{free_port()}/")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotElement)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(ElementError, match="not with Element Web"):
            external_element(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    with pytest.raises(ElementError, match="is not an http"):
        external_element("element.example")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_a_run_leaves_no_process_or_temporary_file_behind(tmp_path, sig):
    # The run's TMPDIR, short enough for the run to make its own folder in it (Chromium's socket
    # paths are limited): Chromium's profile, Playwright's folders.
    temporary = Path(tempfile.mkdtemp(prefix="out-", dir="/tmp"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "features", "-q", "-k", "first_letter or first_tab or login_form",
         "--artifacts", str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "TMPDIR": str(temporary)})
    deadline = time.monotonic() + 120
    browser_seen = False
    while time.monotonic() < deadline and proc.poll() is None:
        # Wait until the run is in the middle of things: Synapse up and a browser running.
        descendants = children_of(proc.pid)
        names = {Path(f"/proc/{p}/comm").read_text().strip() for p in descendants
                 if Path(f"/proc/{p}/comm").exists()}
        if processes_mentioning(str(tmp_path)) and any("chrom" in n for n in names):
            browser_seen = True
            break
        time.sleep(0.2)  # polling the run's own progress
    if not browser_seen:
        proc.kill()
        pytest.fail("the run never got to a running Synapse and browser:\n" + proc.communicate()[0].decode()[-3000:])
    tracked = children_of(proc.pid)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    left = alive(tracked)
    grace = time.monotonic() + 10  # processes signalled by the teardown may take a moment to go
    while left and time.monotonic() < grace:
        time.sleep(0.1)
        left = alive(tracked)
    assert left == [], f"left running after {sig.name}: " + ", ".join(
        Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")[:80] for p in left)
    assert processes_mentioning(str(tmp_path)) == []
    assert list(temporary.iterdir()) == []
    temporary.rmdir()

