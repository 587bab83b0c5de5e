"""Loaded with `-p tests.e2e.secret_spy` by test_secrets.py: notes every secret the run makes (the
registration secret, passwords, access tokens, recovery keys) in the file $SECRET_SPY_FILE, so
the test can look for them in everything the run printed and left behind."""

from __future__ import annotations

import json
import os

import pytest


def _note(values) -> None:
    with open(os.environ["SECRET_SPY_FILE"], "a") as f:
        for value in values:
            if value:
                f.write(json.dumps(value) + "\n")


def pytest_bdd_after_scenario(request: pytest.FixtureRequest, feature, scenario) -> None:
    hs = request.getfixturevalue("homeserver")
    found = [hs.registration_secret, hs.harness_secret]
    user = request.getfixturevalue("user") if "user" in request.fixturenames else None
    if user is not None:
        found += [user.account.password, user.session.access_token if user.session else None]
        if user.seeded is not None:
            found += [user.seeded.recovery_key] + [s.session.access_token for s in user.seeded.sessions]
    _note(found)
