"""The server-side twin (fixtures/matrix/account_on_server.py) against a real homeserver: what it answers
is what the server has, asked with one session's token, and it can tell a signed-out session."""

from __future__ import annotations

import pytest

from fixtures.matrix.account_on_server import AccountOnServer
from fixtures.matrix.seed import Seeder, SessionSpec


@pytest.fixture
def seeded_twin(homeserver, account):
    """An account with a browser-like session and three others: verified, unverified with an
    enabled pusher, inactive with a disabled one; the twin asks with the first session's token."""
    browser = account.login(display_name="browser")
    seeded = Seeder(homeserver, account).seed(
        [SessionSpec(name="Verified", state="verified"),
         SessionSpec(name="Phone on", state="unverified", pusher=True),
         SessionSpec(name="Old", state="unverified", inactive_days=120, pusher=True, pusher_enabled=False)],
        helper=browser, cross_signing=True)
    return AccountOnServer(account, browser, seeded)


def test_the_twin_lists_the_account_s_devices_and_knows_its_own(seeded_twin):
    seeded = seeded_twin.seeded
    assert seeded_twin.own_device_id() == seeded_twin.device_id
    assert seeded_twin.other_device_ids() == seeded.device_ids()
    assert seeded_twin.device_name() == "browser"
    assert seeded_twin.device_name(seeded.by_name("Old").device_id) == seeded.by_name("Old").display_name
    agents = seeded_twin.user_agents()
    assert set(agents) == seeded.device_ids() | {seeded_twin.device_id}
    assert all(agents[s.device_id] == s.user_agent for s in seeded.sessions), agents


def test_the_twin_reads_pushers_as_the_server_has_them(seeded_twin):
    on, off = (seeded_twin.pusher(seeded_twin.seeded.by_name(n).device_id) for n in ("Phone on", "Old"))
    assert (on.enabled, on.pushes) == (True, True)
    assert (off.enabled, off.pushes) == (False, False)
    assert seeded_twin.pusher(seeded_twin.seeded.by_name("Verified").device_id) is None


def test_filters_follow_the_server_and_the_seed(seeded_twin):
    # The browser's own session is not signed here, so Element would trust no other signature.
    assert seeded_twin.signing().signed_by is None
    assert seeded_twin.signing().self_signing_key
    assert seeded_twin.signing(seeded_twin.seeded.by_name("Verified").device_id).signed_by is not None
    assert seeded_twin.filter_should_list("Verified") == set()
    assert seeded_twin.filter_should_list("Inactive") == {seeded_twin.seeded.by_name("Old").device_id}
    assert seeded_twin.filter_should_list("All") == seeded_twin.seeded.device_ids()


def test_a_signed_out_session_is_told_apart(seeded_twin):
    other = seeded_twin.via(seeded_twin.seeded.by_name("Phone on").session)
    assert seeded_twin.token_refusal() is None and other.token_refusal() is None
    with other.session.client() as api:
        api.logout()
    assert other.token_refusal() == "M_UNKNOWN_TOKEN"
    assert seeded_twin.seeded.by_name("Phone on").device_id not in seeded_twin.device_ids()


def test_notification_setting_and_client_information_are_the_session_s_own(seeded_twin):
    assert seeded_twin.notification_setting() is None
    assert seeded_twin.set_notifications_silenced(True) == {"is_silenced": True}
    assert seeded_twin.notification_setting() == {"is_silenced": True}
    assert seeded_twin.client_information() is None
