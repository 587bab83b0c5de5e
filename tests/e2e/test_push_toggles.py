"""Push toggles at both server states: an Element that draws every push toggle on fails the
scenarios that start from off. The spec: tests/unit/test_push_specs.py; the seed on a real Synapse:
tests/stack/test_push_seed.py."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.e2e.element_copy import DIST, build_with_bundle_patched
from tests.harness_run import run_pytest

# Element 3.114's DeviceDetails: the toggle is on when the pusher is enabled or, for a session
# without a pusher, when its local notification settings are not silenced.
TOGGLE_FROM_SERVER = ("return pusher2?!!pusher2[_matrix.PUSHER_ENABLED.name]:"
                      "localNotificationSettings?!localNotificationSettings.is_silenced:!0")
ALWAYS_ON = "return!0"
OFF_ROWS = {  # the scenario rows that start from off, and the step that must see it
    "The Push notifications toggle unsilences and silences the current session on the server":
        "Then the current session's Push notifications toggle shows that the server silences it",
    "Turn an other session's push notifications on and off again":
        "Then the session's push notifications are off, on the page and on the server",
}


# -- an Element that draws every toggle on -------------------------------------------------------
def failures_of_a_run(build: Path, report_dir: Path, artifacts: Path) -> list[dict]:
    """Run the two off rows against `build`; the failures the conformance report lists."""
    run = run_pytest("-p", "no:xdist", "features", "-q",
                     "-k", "push_notifications and turned_and_back and (unsilences-silences or on-off)",
                     "--artifacts", str(artifacts), f"--element-dist={build}", report_dir=report_dir)
    assert run.outcomes == {"failed": 2}, run.output
    statements = run.statements()
    return [f for gid in ("G13", "G18") for f in statements[gid]["failures"]]


def test_an_element_that_draws_the_toggle_on_while_the_server_says_off_fails(tmp_path):
    if not (DIST / "bundle.js").exists():
        pytest.fail("no Element build: run `make element`")
    stock_digest = hashlib.sha256((DIST / "bundle.js").read_bytes()).hexdigest()
    build = build_with_bundle_patched(tmp_path / "element-always-on", TOGGLE_FROM_SERVER, ALWAYS_ON)

    failures = failures_of_a_run(build, tmp_path / "report", tmp_path / "artifacts")

    assert {f["scenario"]: f["step"] for f in failures} == OFF_ROWS, failures
    for failure in failures:
        assert "checked" in failure["message"], failure
    assert hashlib.sha256((DIST / "bundle.js").read_bytes()).hexdigest() == stock_digest, \
        "the embedded build was changed"
