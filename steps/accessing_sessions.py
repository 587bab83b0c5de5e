"""Steps of the way into the Sessions settings: avatar, user menu, settings dialog, tabs."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from guide import documented_state

# "Top left": the avatar lies wholly in this fraction of the window's width and of its height.
TOP_LEFT = 1 / 8


@when("the user opens the user menu from the profile icon")
def open_user_menu(app):
    app.user_menu.open()


@when("the user chooses All settings")
def choose_all_settings(app, words):
    app.user_menu.choose(words.all_settings)
    app.settings.expect_open()


@when("the user opens Sessions in the vertical navigation")
def open_sessions_tab(app, words, sessions_tab):
    app.settings.open_tab(words.sessions_tab)
    sessions_tab.expect_loaded()


# -- the profile icon (G1) ---------------------------------------------------------------------
def initial_of(name: str) -> str:
    """The letter Element draws for a name: a leading @, # or + is skipped."""
    return (name[1:] if name[:1] in "@#+" and len(name) > 1 else name)[:1].upper()


@then("the profile icon top left is a filled circle with one letter", target_fixture="avatar_letter")
def avatar_is_a_filled_circle(app, user) -> str:
    # Element first draws the Matrix ID's letter and redraws once the profile has loaded; the
    # menu's header naming the user as the server does says it has.
    server_name = user.server.display_name()
    app.user_menu.open()
    app.user_menu.expect_display_name(server_name or user.account.user_id)
    app.user_menu.close()
    look = app.user_menu.avatar_look()
    assert len(look.letter) == 1 and look.letter.isalpha(), f"the avatar shows {look.letter!r}, not one letter"
    assert not look.has_image, "the avatar shows a picture, though the user has none"
    assert look.round, f"the avatar is not a circle: {look}"
    assert look.filled, f"the avatar has no colour behind its letter: {look}"
    return look.letter


@then("the profile icon sits in the top-left corner of the window")
def avatar_in_top_left(app):
    place = app.user_menu.avatar_place()
    assert place.within_top_left(TOP_LEFT), (
        f"the profile icon is drawn at {place}: not within the window's top-left {TOP_LEFT:.1%} "
        f"({place.window_width * TOP_LEFT:.0f} x {place.window_height * TOP_LEFT:.0f} px)")


@then(parsers.re(r"that letter is the first letter of the user's (?P<whose>Matrix ID|Matrix ID or display name)"))
def avatar_letter_is_whose(avatar_letter, user, whose, ui_words_seen):
    display_name = user.server.display_name() or ""
    initials = {"Matrix ID": initial_of(user.account.user_id), "display name": initial_of(display_name)}
    owners = [owner for owner, letter in initials.items() if letter == avatar_letter.upper()]
    assert owners, f"the avatar shows {avatar_letter!r}: neither the Matrix ID's nor the display name's initial {initials}"
    if whose == "Matrix ID":
        assert "Matrix ID" in owners, f"the avatar shows {avatar_letter!r}, the Matrix ID's initial is {initials}"
    ui_words_seen("avatar_letter", avatar_letter)
    # Whose letter it is, when the two differ: what the report compares with the guide.
    ui_words_seen("avatar_initial_of", owners[0])


# -- the menu (G2) and the first tab (G3) ----------------------------------------------------
@then("the menu offers specific settings and All settings")
@documented_state("user-menu-open")
def menu_offers_settings(app, words, ui_words_seen):
    labels = app.user_menu.item_labels()
    ui_words_seen("user_menu_items", ", ".join(labels))
    for specific in words.quick_settings:
        assert specific in labels, (specific, labels)
    assert words.all_settings in labels, labels


@then("each specific setting in the menu opens the settings on its own tab")
def shortcuts_open_their_tabs(app, words, ui_words_seen):
    for shortcut in words.quick_settings:
        app.user_menu.choose_from_open_or_new_menu(shortcut)
        app.settings.expect_open()
        opened = app.settings.selected_tab_name()
        ui_words_seen(f"shortcut_{shortcut}", f"{shortcut} -> {opened}")
        assert opened == shortcut, f"the menu's {shortcut!r} opened the settings on {opened!r}"
        app.settings.close()


@then("the settings open on their first tab")
@documented_state("settings-first-tab")
def settings_on_first_tab(app, ui_words_seen):
    first = app.settings.expect_first_tab_selected()
    ui_words_seen("first_tab", first)


@then("the tabs are a vertical list on the left of the settings dialog")
def navigation_vertical_on_left(app):
    """G4's "vertical navigation on the left", from the boxes the page draws."""
    layout = app.settings.navigation_layout()
    assert layout.vertical(), f"the tabs are not a list one under the other: {layout.tabs}"
    assert layout.on_the_left(), (
        f"the tab list {layout.tab_list} is not in the left half of the dialog {layout.dialog}, "
        f"left of the open tab's panel {layout.panel}")


@then("the Sessions settings show the current session")
@documented_state("sessions-settings")
def sessions_show_current(sessions_tab, words):
    sessions_tab.current.expect_titled(words.current_session_heading)
    sessions_tab.current.expect_shown()


@then("the current session is the browser's own device, on the page and on the server")
def current_session_is_browser_device(sessions_tab, user):
    shown = sessions_tab.current.device_id()
    assert shown == user.session.device_id
    assert user.server.own_device_id() == shown
    assert shown in user.server.device_ids()


@when("the user signs in with their username and password")
def sign_in_through_form(app, user):
    app.login_page.sign_in_as(user.account.localpart, user.account.password)
    app.expect_signed_in()


@then("the current session is the one the login form created, on the page and on the server")
def current_session_is_form_login(sessions_tab, app, user):
    shown = sessions_tab.current.device_id()
    assert shown == app.stored_device_id()
    # The account was registered without a session, so the form's login made the only other one.
    checker = user.server.sign_in_anew("harness check")
    assert checker.device_ids() == {shown, checker.device_id}
