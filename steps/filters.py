"""Steps: the filter of Other sessions (All, Verified, Unverified, Inactive), each checked against
what the server says it should list.
"""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from steps.session_tables import idle_minutes
from fixtures.matrix.server_view import FILTERS
from guide import GUIDE, documented_state


# -- steps -----------------------------------------------------------------------------------
@when("the user opens the filter of Other sessions", target_fixture="filter_options")
def open_filter(sessions_tab):
    return sessions_tab.others.filter.open()


@then("the filter offers these options, in this order:")
@documented_state("filter-menu-open")
def filter_offers(filter_options, datatable, ui_words_seen):
    """The table holds the guide's words (the guide model's, tested here). Each option is known by
    Element's id for it; its words, read from the page, are recorded for the report to compare."""
    header, *rows = datatable
    assert [h.strip() for h in header] == ["option", "description"], header
    table = [(r[0].strip(), r[1].strip() or None) for r in rows]
    assert table == guide_filters(), f"the table says {table}; the guide model says {guide_filters()}"
    offered = [option.guide_name for option in filter_options]
    assert offered == list(FILTERS), f"the filter offers {[(o.element_id, o.label) for o in filter_options]}"
    for (name, description), seen in zip(table, filter_options):
        key = f"filter_{name.lower()}"
        ui_words_seen(key, seen.label)
        if seen.description or description:
            ui_words_seen(f"{key}_description", seen.description or "(no description)")
        assert seen.label, f"the {name} option has no words"
        assert bool(seen.description) == bool(description), f"{name}: described as {seen.description!r}"
    # Whatever the words, three filters that list different sessions are not described alike.
    described = [(o.label, o.description) for o in filter_options if o.description]
    assert len({d for _, d in described}) == len(described), f"two filters share a description: {described}"


def guide_filters() -> list[tuple[str, str | None]]:
    """The filters the server knows, each with the guide's name and description for it."""
    return [(GUIDE.word(f"filter_{name.lower()}").guide, GUIDE.word(f"filter_{name.lower()}_description").guide)
            for name in FILTERS]


@when(parsers.parse("the user filters Other sessions by {name}"))
def filter_by(sessions_tab, name):
    sessions_tab.others.filter.choose(name)


@then(parsers.parse("the filter shows {name} as chosen"))
@documented_state("view-all-{name}")
def filter_chosen(sessions_tab, name):
    sessions_tab.others.filter.expect_chosen(name)


@then(parsers.parse("Other sessions lists exactly the sessions that match {name} on the server"))
@documented_state("filter-{name}")
def lists_matching(sessions_tab, user, name):
    expected = user.server.filter_should_list(name)
    sessions_tab.others.expect_device_ids(expected)
    assert set(sessions_tab.others.device_ids()) == expected


@then(parsers.parse("the chosen option's description says what the guide means by {name}"))
def chosen_option_means(sessions_tab, name):
    """The chosen option has just listed exactly the server's {name} sessions (the step before), so
    its description, read from the page, must mean what the guide says those sessions are: the
    option listing the verified ones says ready, the unverified one not ready. Words may drift
    (the report shows it); a description that says the opposite fails here."""
    chosen = sessions_tab.others.filter.chosen_option()
    meaning = GUIDE.word(f"filter_{name.lower()}_description").meaning
    if meaning is None:  # All: the guide describes it by its name alone
        assert chosen.description is None, f"the {name} option ({chosen.label!r}): {chosen.description!r}"
        return
    assert meaning.read_in(chosen.description), (
        f"the option that lists exactly the {name.lower()} sessions ({chosen.label!r}) is described as "
        f"{chosen.description!r}, which does not say {meaning.guide!r}")


@then(parsers.parse('Other sessions lists only "{session_name}"'))
def lists_only(sessions_tab, user, session_name):
    sessions_tab.others.expect_device_ids({user.device_id(session_name)})


@then(parsers.parse('the server last saw "{session_name}" {idle} ago'))
def server_last_saw(user, session_name, idle):
    """To the minute: the seconds since seeding may add up to a few minutes on a slow machine."""
    seen = user.server.sessions().others[user.device_id(session_name)]
    assert seen.idle_days is not None, (session_name, seen)
    late_by = seen.idle_days * 1440 - idle_minutes(idle)
    assert 0 <= late_by < 5, f"{session_name}: last seen {seen.idle_days * 1440:.1f} minutes ago, not {idle}"


@then(parsers.parse("Other sessions says no {name} sessions were found and lists none"))
@documented_state("filter-{name}-empty")
def says_none_found(sessions_tab, user, name):
    assert user.server.filter_should_list(name) == set(), f"the server has {name} sessions"
    sessions_tab.others.filter.expect_no_results(name)
    sessions_tab.others.expect_device_ids(set())


@when("the user chooses Show all")
def choose_show_all(sessions_tab, ui_words_seen):
    ui_words_seen("show_all", sessions_tab.others.filter.show_all())
