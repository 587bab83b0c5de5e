"""Steps: the 3-dot menus of the Current session (G12) and Other sessions (G15) sections: what
they offer, in the page's own words, and picking an item the way the guide says (the mouse) or
by keyboard. The mouse way checks the item is where a pointer can reach it (pages/hit_test.py).
"""

from __future__ import annotations

import re

from pytest_bdd import parsers, then, when

from guide import documented_state


def _count_in(label: str) -> int | None:
    """'Sign out of all other sessions (3)' -> 3; 'Sign out of 3 sessions' -> 3."""
    numbers = re.findall(r"\d+", label)
    return int(numbers[-1]) if numbers else None


@when("the user opens the current session's 3-dot menu", target_fixture="menu_items")
def open_current_menu(sessions_tab, ui_words_seen) -> list[str]:
    items = sessions_tab.current.menu.open()
    ui_words_seen("current_session_kebab", ", ".join(items))
    return items


@then("the menu offers Sign out, and Sign out of all other sessions counting the other sessions on the server")
@documented_state("current-session-menu")
def menu_offers_both(menu_items, words, user):
    others = len(user.server.other_device_ids())
    assert others > 0
    assert len(menu_items) == 2, f"the menu offers {menu_items}"
    sign_out, all_other = menu_items
    assert _count_in(sign_out) is None, f"the first item counts sessions: {sign_out!r}"
    assert _count_in(all_other) == others, f"{all_other!r}: the server has {others} other sessions"


@when(parsers.re(r"the user picks Sign out of all other sessions from that menu with (?P<way>the keyboard|the mouse)"))
def pick_sign_out_all_other(sessions_tab, words, menu_items, way):
    label = next(i for i in menu_items if words.pattern(words.sign_out_all_other).fullmatch(i))
    sessions_tab.current.menu.pick(label, way)


@when("the user opens the Other sessions menu", target_fixture="menu_items")
def open_other_sessions_menu(sessions_tab, ui_words_seen) -> list[str]:
    items = sessions_tab.others.menu.open()
    ui_words_seen("other_sessions_kebab", ", ".join(items))
    return items


@then(parsers.parse("the menu offers to sign out of all {n:d} other sessions, as many as the server has"))
@documented_state("other-sessions-menu")
def menu_offers_sign_out_all(menu_items, user, n):
    assert len(user.server.other_device_ids()) == n
    assert [_count_in(i) for i in menu_items] == [n], f"the menu offers {menu_items}; the server has {n} others"


@when(parsers.re(r"the user picks that menu item with (?P<way>the mouse|the keyboard)"))
def pick_sign_out_all(sessions_tab, menu_items, way):
    sessions_tab.others.menu.pick(menu_items[0], way)
