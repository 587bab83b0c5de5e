"""Push toggles' server states made for real: the seed makes a disabled pusher beside an enabled one,
and a session is silenced and unsilenced on the server."""

from __future__ import annotations

from fixtures.matrix.seed import PUSHER_DEVICE_ID, PUSHER_ENABLED, Seeder, SessionSpec, set_notifications_silenced


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
