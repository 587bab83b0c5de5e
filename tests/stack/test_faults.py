"""Faults reported clearly and nothing left behind: a taken port, no Chromium, an Element URL that
is dead or not Element. Ctrl-C in the middle of a run: tests/e2e/test_interrupt_cleanup.py."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import fixtures.stack.homeserver as hs_module
from fixtures.stack.browser import BrowserError, find_chromium
from fixtures.stack.element_server import ElementError, external_element
from fixtures.stack.homeserver import ProcessHomeserver, free_port



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
    monkeypatch.setattr("fixtures.stack.browser.CANDIDATES", ("/nonexistent/chromium",))
    monkeypatch.setattr("fixtures.stack.browser.HEADLESS_SHELL", "/nonexistent/chromium-headless-shell")
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
    monkeypatch.setattr("fixtures.stack.browser.CANDIDATES", (str(full),))
    monkeypatch.setattr("fixtures.stack.browser.HEADLESS_SHELL", str(shell))
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
