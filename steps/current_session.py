"""Steps: the Current session section (G9, G10, G11, G12, G13).

Every step that acts in the page checks the server too, with the browser session's token (or, once
that one is signed out, with a seeded session's).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from pytest_bdd import parsers, then, when

from pages.session_tile import SessionDetails, record_detail_offers
from guide import documented_state

DESKTOP_CLIENT = "Element Desktop"


@dataclass(frozen=True)
class PushToggle:
    """The current session's push toggle: where it started, where it is now."""

    at_start: bool
    now: bool


@pytest.fixture
def push_toggle() -> PushToggle | None:
    """None until the user flips the toggle; each flip passes on a new one (target_fixture)."""
    return None


# -- what the section shows (G9, G11) --------------------------------------------------------
@when("the user expands the current session's details")
def expand_current_details(sessions_tab):
    sessions_tab.current.open_details()


@then("the current session's name and Session ID are what the server has for the browser's device")
def current_details_match_server(sessions_tab, words, user):
    current = sessions_tab.current
    details = current.details()
    device_id = user.server.own_device_id()
    name_on_server = user.server.device_name(device_id)
    assert device_id == user.session.device_id
    assert current.device_id() == device_id
    assert details.metadata_value(words.session_id) == device_id
    current.expect_name(name_on_server)
    assert details.shown_name() == name_on_server


@then("the current session says it is unverified, and the server has no cross-signing signature on it")
def current_unverified_everywhere(sessions_tab, user):
    sessions_tab.current.expect_status(verified=False)
    signing = user.server.signing()
    # The account has cross-signing, so "no signature" is a finding, not a given.
    assert signing.self_signing_key, f"the account has no self-signing key on the server: {signing}"
    assert signing.device_keys, "Element uploaded no device keys for its session"
    assert signing.signed_by is None, f"the server has the browser's device signed by {signing.signed_by}: {signing}"


@then("the current session says it is unverified and offers to verify it")
def current_unverified_offers(sessions_tab, ui_words_seen):
    sessions_tab.current.expect_status(verified=False)
    # The guide describes "a prompt to begin verification" without naming its button.
    ui_words_seen("current_session_verify", sessions_tab.current.verification_offer())


@then("the current session says it is a verified session, ready for secure messaging")
def current_verified(sessions_tab):
    sessions_tab.current.expect_status(verified=True)


@then("the current session offers no verification")
def current_offers_no_verification(sessions_tab):
    sessions_tab.current.expect_no_verification_offer()


@when("the user clicks Verify session on the current session")
def click_verify_current(sessions_tab):
    sessions_tab.current.start_verification()


@then("Element asks the user to verify this session")
@documented_state("verify-this-session")
def asks_to_verify(app):
    app.verify_this_session.expect_offered()


@when("the user verifies this session with the recovery key")
def verify_with_recovery_key(app, user):
    app.verify_this_session.verify_with_recovery_key(user.seeded.recovery_key)


@then("on the server the browser's device is signed by the user's self-signing key")
def browser_device_cross_signed(user):
    signing = user.server.signing()
    assert signing.self_signing_key, f"no self-signing key on the server: {signing}"
    assert signing.signed_by is not None, \
        f"the browser's device keys carry no valid self-signing signature: {signing.signatures}"
    assert signing.signed_by in signing.signatures[user.account.user_id], signing.signatures


# -- one device, several sessions (G10) ------------------------------------------------------
@then(parsers.parse('the server has the browser\'s session and "{name}" as two devices seen from one IP address'))
def two_devices_one_ip(user, name):
    other_id = user.device_id(name)
    devices = user.server.devices()
    assert user.session.device_id != other_id
    assert {user.session.device_id, other_id} <= set(devices), devices
    ips = {devices[user.session.device_id].get("last_seen_ip"), devices[other_id].get("last_seen_ip")}
    assert len(ips) == 1 and None not in ips, ips


@then(parsers.parse('the current session is the browser\'s and "{name}" is listed under Other sessions'))
def current_and_other_listed(sessions_tab, user, name):
    assert sessions_tab.current.device_id() == user.session.device_id
    sessions_tab.others.expect_device_ids(user.server.other_device_ids())
    assert user.device_id(name) in sessions_tab.others.device_ids()


@then(parsers.parse('the details of the current session and of "{name}" each show their own Session ID, '
                    'from that IP address'), target_fixture="both_details")
def both_details_own_ids(sessions_tab, words, user, name) -> dict[str, SessionDetails]:
    other_id = user.device_id(name)
    ip = user.server.device(user.session.device_id)["last_seen_ip"]
    current = sessions_tab.current.open_details()
    other = sessions_tab.others.tile(other_id).open_details()
    assert current.metadata_value(words.session_id) == user.session.device_id
    assert other.metadata_value(words.session_id) == other_id
    assert current.metadata_value(words.details_ip_address) == ip
    assert other.metadata_value(words.details_ip_address) == ip
    return {"current": current, "other": other}


@then(parsers.parse('"{name}" shows the application "{client}" and the current session its own, '
                    'as each recorded it on the server'))
def applications_shown(user, name, client, both_details, ui_words_seen):
    current, other = both_details["current"], both_details["other"]
    other_info = user.server.client_information(user.device_id(name))
    browser_info = user.server.client_information()
    assert (other_info or {}).get("name") == client, other_info
    assert browser_info and browser_info.get("name"), f"Element recorded no application for its session: {browser_info}"
    shown_for_other, shown_for_browser = other.expect_application_name(), current.expect_application_name()
    ui_words_seen("current_session_application", f"{shown_for_browser} and {shown_for_other}")
    assert shown_for_other == client
    assert shown_for_browser == browser_info["name"]
    assert shown_for_browser != shown_for_other, "one machine, two applications, shown as one"


# -- signing out of the current session (G12, G13) -------------------------------------------
@when(parsers.re(r"the user signs out of the current session with Sign out in the 3-dot menu, "
                 r"with (?P<way>the keyboard|the mouse)"))
def sign_out_current_by_menu(app, sessions_tab, words, ui_words_seen, way):
    menu = sessions_tab.current.menu
    items = menu.open()
    ui_words_seen("current_session_kebab", ", ".join(items))
    menu.pick(words.menu_sign_out, way)
    ui_words_seen("current_session_logout_dialog", app.logout_dialog.confirm())


@when("the user signs out of the current session with Sign out of this session in its details")
def sign_out_current_by_details(app, sessions_tab, ui_words_seen):
    details = sessions_tab.current.open_details()
    ui_words_seen("sign_out_this_session", details.sign_out_label())
    details.sign_out()
    ui_words_seen("current_session_logout_dialog", app.logout_dialog.confirm())


@then("Element shows its login page")
@documented_state("signed-out-login-page")
def login_page_shown(app):
    app.expect_login_page()


@then("the server rejects the browser session's access token as unknown")
def browser_token_rejected(user):
    refused = user.server.token_refusal()
    assert refused == "M_UNKNOWN_TOKEN", f"the server answers the browser session's token with {refused}"


@then(parsers.parse('"{name}" is still signed in on the server'))
def other_still_signed_in(user, name):
    seen_by_other = user.server.via(user.seeded.by_name(name).session)
    refused = seen_by_other.token_refusal()
    assert refused is None, f'the server refuses "{name}"\'s token: {refused}'
    assert user.session.device_id not in seen_by_other.device_ids()


@then("reopening Element shows the login page again")
def reopen_shows_login(app):
    app.open()
    app.expect_login_page()


# -- the expanded details (G13) --------------------------------------------------------------
@then("the current session's details offer Sign out of this session, Rename and a Push notifications toggle")
@documented_state("current-session-details")
def details_offer_three(sessions_tab, ui_words_seen):
    details = sessions_tab.current.details()
    details.expect_open()
    record_detail_offers(details.offered_labels(), ui_words_seen)


@then("the Push notifications toggle shows the notification setting the server has for the browser's device")
def push_toggle_matches_server(sessions_tab, user):
    enabled = sessions_tab.current.details().push_enabled()
    setting = user.server.notification_setting()
    assert setting is not None, "Element wrote no local notification setting for its own session"
    assert setting["is_silenced"] is (not enabled), (setting, enabled)


@then(parsers.re(r"the current session's Push notifications toggle shows that the server "
                 r"(?P<verb>silences|unsilences) it"))
def push_toggle_shows_server_state(sessions_tab, user, verb):
    silenced = verb == "silences"
    # The page first: it has loaded the setting once the toggle shows it.
    sessions_tab.current.details().expect_push(not silenced)
    setting = user.server.notification_setting()
    # Still the Given's: Element must not have rewritten it on start.
    assert setting == {"is_silenced": silenced}, setting


@when(parsers.parse('the user types "{new_name}" as the current session\'s new name'))
@documented_state("rename-in-progress")
def type_new_name(sessions_tab, new_name):
    sessions_tab.current.details().type_new_name(new_name)


@when("the user saves the new name")
def save_new_name(sessions_tab):
    sessions_tab.current.details().save_name()


@then(parsers.parse('the current session is called "{new_name}" on the page'))
def current_called(sessions_tab, new_name):
    sessions_tab.current.expect_name(new_name)


@then(parsers.parse('the server has the browser\'s device named "{new_name}"'))
def server_device_named(user, new_name):
    assert user.server.device_name() == new_name


@when("the user flips the current session's Push notifications toggle", target_fixture="push_toggle")
def flip_push(sessions_tab, push_toggle) -> PushToggle:
    details = sessions_tab.current.details()
    at_start = push_toggle.at_start if push_toggle else details.push_enabled()
    return PushToggle(at_start, details.toggle_push())


@then("the server's notification setting for the browser's device follows the toggle")
def server_push_follows(user, push_toggle):
    setting = user.server.notification_setting()
    assert setting is not None
    assert setting["is_silenced"] is (not push_toggle.now), (setting, push_toggle)


@then("the toggle is back where it started")
def push_back_to_start(sessions_tab, push_toggle):
    assert push_toggle.now == push_toggle.at_start
    sessions_tab.current.details().expect_push(push_toggle.at_start)
