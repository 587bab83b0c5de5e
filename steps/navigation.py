"""Steps of the way into the Sessions settings: avatar, user menu, settings dialog, tabs."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from fixtures.matrix_client import Api
from pages.vocabulary import GUIDE_WORDS


@when("the user opens the user menu from the profile icon")
def open_user_menu(user_menu):
    user_menu.open()


@when("the user chooses All settings")
def choose_all_settings(user_menu, words, settings):
    user_menu.choose(words.all_settings)
    settings.expect_open()


@when("the user opens Sessions in the vertical navigation")
def open_sessions_tab(settings, words, sessions_tab):
    settings.open_tab(words.sessions_tab)
    sessions_tab.expect_loaded()


@then("the profile icon top left shows the first letter of the user's Matrix ID")
def avatar_shows_initial(user_menu, user, ui_words_seen):
    # The Matrix ID's first letter after the "@" (Element upper-cases it).
    expected = user.account.user_id.lstrip("@")[0].upper()
    ui_words_seen("avatar_letter", user_menu.expect_avatar_letter(expected))


@then("the menu offers specific settings and All settings")
def menu_offers_settings(user_menu, words, ui_words_seen):
    labels = user_menu.item_labels()
    ui_words_seen("user_menu_items", ", ".join(labels))
    for specific in words.quick_settings:
        assert specific in labels, (specific, labels)
    assert words.all_settings in labels, labels


@then("the settings open on their first tab")
def settings_on_first_tab(settings, words, ui_words_seen):
    first = settings.tab_names()[0]
    ui_words_seen("first_tab", first, guide=GUIDE_WORDS["first_tab"])
    assert settings.selected_tab_name() == first == words.first_tab


@then("the Sessions settings show the current session")
def sessions_show_current(sessions_tab, words):
    expect(sessions_tab.current.root).to_contain_text(words.current_session_heading)
    sessions_tab.current.expect_shown()


@then("the current session is the browser's own device, on the page and on the server")
def current_session_is_browser_device(sessions_tab, user):
    shown = sessions_tab.current.device_id()
    assert shown == user.session.device_id
    with Api(user.session.base_url, user.session.access_token) as api:
        assert api.whoami()["device_id"] == shown
        assert shown in {d["device_id"] for d in api.devices()}


@when("the user signs in with their username and password")
def sign_in_through_form(login_page, app, user):
    login_page.sign_in_as(user.account.localpart, user.account.password)
    app.expect_signed_in()


@then("the current session is the one the login form created, on the page and on the server")
def current_session_is_form_login(sessions_tab, app, user):
    shown = sessions_tab.current.device_id()
    assert shown == app.stored_device_id()
    # The account was registered without a session, so the form's login made the only other one.
    checker = user.account.login(display_name="harness check")
    with checker.client() as api:
        assert {d["device_id"] for d in api.devices()} == {shown, checker.device_id}
