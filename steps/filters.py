"""Steps: the filter of Other sessions (All, Verified, Unverified, Inactive), each checked against
what the server says it should list.
"""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from pages.session_filter import FILTERS
from fixtures.server_view import GUIDE_INACTIVE_DAYS, expected_for, server_view


# -- steps -----------------------------------------------------------------------------------
@when("the user opens the filter of Other sessions", target_fixture="filter_options")
def open_filter(sessions_tab):
    return sessions_tab.others.filter.open()


@then("the filter offers these options, in this order:")
def filter_offers(filter_options, datatable, sessions_tab, words, ui_words_seen):
    """The table holds the guide's words; the page must show the vocabulary's, and both are recorded."""
    header, *rows = datatable
    assert [h.strip() for h in header] == ["option", "description"], header
    guide = {r[0].strip(): r[1].strip() or None for r in rows}
    assert list(guide) == list(FILTERS), f"the table names {list(guide)}; the guide's filters are {FILTERS}"
    for name, seen in zip(FILTERS, filter_options):
        key = f"filter_{name.lower()}"
        ui_words_seen(key, seen.label, guide=name)
        if seen.description or guide[name]:
            ui_words_seen(f"{key}_description", seen.description or "", guide=guide[name])
    page_filter = sessions_tab.others.filter
    expected = [(page_filter.label("All"), None),
                (page_filter.label("Verified"), words.filter_verified_description),
                (page_filter.label("Unverified"), words.filter_unverified_description),
                (page_filter.label("Inactive"), words.filter_inactive_description.format(days=GUIDE_INACTIVE_DAYS))]
    assert [(o.label, o.description) for o in filter_options] == expected, filter_options


@when(parsers.parse("the user filters Other sessions by {name}"))
def filter_by(sessions_tab, name):
    sessions_tab.others.filter.choose(name)


@then(parsers.parse("the filter shows {name} as chosen"))
def filter_chosen(sessions_tab, name):
    sessions_tab.others.filter.expect_chosen(name)


@then(parsers.parse("Other sessions lists exactly the sessions that match {name} on the server"))
def lists_matching(sessions_tab, user, name):
    expected = expected_for(user, name)
    sessions_tab.others.expect_device_ids(expected)
    assert set(sessions_tab.others.device_ids()) == expected


@then(parsers.parse('Other sessions lists only "{session_name}"'))
def lists_only(sessions_tab, user, session_name):
    sessions_tab.others.expect_device_ids({user.device_id(session_name)})


@then(parsers.parse('the server last saw "{session_name}" {days:d} days ago'))
def server_last_saw(user, session_name, days):
    seen = server_view(user).others[user.device_id(session_name)]
    assert seen.idle_days is not None and int(seen.idle_days) == days, (session_name, seen)


@then(parsers.parse("Other sessions says no {name} sessions were found and lists none"))
def says_none_found(sessions_tab, user, name):
    assert expected_for(user, name) == set(), f"the server has {name} sessions"
    sessions_tab.others.filter.expect_no_results(name)
    sessions_tab.others.expect_device_ids(set())


@when("the user chooses Show all")
def choose_show_all(sessions_tab, ui_words_seen):
    ui_words_seen("show_all", sessions_tab.others.filter.show_all())
