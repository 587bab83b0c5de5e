"""Steps about how the 3-dot menus sit on screen for a mouse user."""

from __future__ import annotations

from pytest_bdd import parsers, then, when


def _section(sessions_tab, section: str):
    return {"Current session": sessions_tab.current, "Other sessions": sessions_tab.others}[section]


@when(parsers.parse("the user clicks the {section} 3-dot menu with the mouse"), target_fixture="menu_section")
def click_section_menu(sessions_tab, section):
    part = _section(sessions_tab, section)
    part.open_menu()
    return part


@then("the menu opens under the Settings dialog, out of the mouse's reach")
def menu_is_covered(menu_section, ui_words_seen):
    covered_by = menu_section.menu_covered_by()
    assert covered_by is not None, "the menu is on top now: Element fixed it; update menu_layering.feature"
    assert menu_section.menu_under_a_dialog(), f"covered, but not by the Settings dialog: {covered_by}"
    ui_words_seen("menu_layer_for_mouse", "menu drawn under the Settings dialog; reachable by keyboard only",
                  guide="a 3-dot menu the user clicks to sign out")


@then("every session is still signed in on the server")
def nobody_signed_out(user):
    expected = {user.session.device_id} | {s.device_id for s in user.seeded.sessions}
    assert user.server_device_ids() == expected
