"""Secrets the harness makes survive a command line: none begins with '-', and one that does (a
user's own) still reaches the harness when given as --registration-secret=VALUE."""

from __future__ import annotations


import fixtures.stack.homeserver as hs_module
from fixtures.stack.homeserver import free_port, harness_secret_value
from tests.harness_run import run_pytest



def test_a_generated_secret_never_begins_with_a_dash(monkeypatch):
    # token_urlsafe's alphabet has '-' and '_': force its worst draw, then sample the real one.
    monkeypatch.setattr(hs_module.secrets, "token_urlsafe", lambda n: "-" * 32)
    assert harness_secret_value()[0].isalpha()
    monkeypatch.undo()
    drawn = [harness_secret_value() for _ in range(2000)]
    assert all(s[0].isalpha() for s in drawn)
    assert len(set(drawn)) == len(drawn) and min(map(len, drawn)) >= 32


def test_a_secret_beginning_with_a_dash_is_passed_with_an_equals_sign():
    # The option parser takes "--registration-secret -abc" for two options; "=" keeps them one.
    closed = f"http://127.0.0.1:{free_port()}"
    run = run_pytest("features", "--collect-only", "-q", "-p", "no:randomly",
                     "--homeserver-url", closed, "--registration-secret=-starts-with-a-dash", timeout=120)
    output = run.stdout + run.stderr
    assert "expected one argument" not in output
    assert run.returncode == 0, output[-2000:]
    split = run_pytest("features", "--collect-only", "-q", "-p", "no:randomly",
                       "--homeserver-url", closed, "--registration-secret", "-starts-with-a-dash", timeout=120)
    # Split in two, the value is read as options of its own (the message depends on its letters).
    assert split.returncode == 4 and "error: argument" in split.stderr, split.stderr
