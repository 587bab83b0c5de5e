"""Push toggles at both server states: the seed makes a disabled pusher and a silenced session for
real, and an Element that draws every push toggle on fails the scenarios that start from off."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fixtures.seed import PUSHER_DEVICE_ID, PUSHER_ENABLED, Seeder, SessionSpec, SpecError, parse_specs, \
    set_notifications_silenced
from steps.common import specs_from_table
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


# -- the spec ---------------------------------------------------------------------------------
def test_a_spec_may_ask_for_a_disabled_pusher():
    (spec,) = parse_specs([{"pusher": True, "pusher_enabled": False}])
    assert (spec.pusher, spec.pusher_enabled) == (True, False)
    assert parse_specs([{"pusher": True}])[0].pusher_enabled is True


@pytest.mark.parametrize("raw, message", [
    ({"pusher_enabled": False}, "sessions[0].pusher_enabled: false needs pusher: true"),
    ({"pusher": True, "pusher_enabled": "no"}, "sessions[0].pusher_enabled: 'no' is not true or false"),
])
def test_a_bad_pusher_spec_is_refused_by_name(raw, message):
    with pytest.raises(SpecError) as refused:
        parse_specs([raw])
    assert str(refused.value) == message


def test_the_pusher_column_says_on_off_or_none():
    header = ["name", "pusher"]
    specs = specs_from_table([header, ["A", "on"], ["B", "off"], ["C", ""], ["D", "yes"]])
    assert [(s.pusher, s.pusher_enabled) for s in specs] == [(True, True), (True, False), (False, True), (True, True)]
    with pytest.raises(ValueError, match="pusher: 'maybe' is not one of"):
        specs_from_table([header, ["E", "maybe"]])


# -- on the server ----------------------------------------------------------------------------
def test_the_seed_makes_a_disabled_pusher_beside_an_enabled_one(homeserver, account):
    helper = account.login(display_name="helper")
    seeded = Seeder(homeserver, account).seed(
        [SessionSpec(name="Phone on", pusher=True), SessionSpec(name="Phone off", pusher=True, pusher_enabled=False)],
        helper=helper)
    with helper.client() as api:
        enabled = {p[PUSHER_DEVICE_ID]: p[PUSHER_ENABLED] for p in api.pushers()}
    assert enabled == {seeded.by_name("Phone on").device_id: True, seeded.by_name("Phone off").device_id: False}
    assert seeded.by_name("Phone off").summary()["pusher_enabled"] is False


def test_a_session_is_silenced_and_unsilenced_on_the_server(account):
    session = account.login(display_name="browser")
    assert set_notifications_silenced(session, True) == {"is_silenced": True}
    assert set_notifications_silenced(session, False) == {"is_silenced": False}


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
