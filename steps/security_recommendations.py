"""Steps: Security recommendations (unverified and inactive sessions, View all)."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from guide import documented_state


@then("the server has every other session verified and active")
def server_all_verified_active(user):
    view = user.server.sessions()
    assert view.browser_cross_signed, "the browser's session is not cross-signed on the server"
    assert set(view.others) == user.seeded.device_ids(), (sorted(view.others), user.seeded.device_ids())
    assert view.matching("Unverified") == set() and view.matching("Inactive") == set(), view.others


@then("Other sessions shows every other session as verified")
def page_all_verified(sessions_tab, user):
    expected = set(user.server.sessions().others)
    sessions_tab.others.expect_device_ids(expected)
    for device_id in expected:
        sessions_tab.others.tile(device_id).expect_verified(True)


@then("no Security recommendations section is shown")
def no_recommendations(sessions_tab):
    sessions_tab.recommendations.expect_absent()


@then("the Security recommendations section is shown")
@documented_state("security-recommendations")
def recommendations_shown(sessions_tab):
    sessions_tab.recommendations.expect_shown()


@then(parsers.parse("the recommendations count {unverified:d} unverified and {inactive:d} inactive "
                    "sessions, as the server does"))
def recommendation_counts(sessions_tab, user, unverified, inactive, ui_words_seen):
    view = user.server.sessions()
    on_server = {"Unverified": len(view.matching("Unverified")), "Inactive": len(view.matching("Inactive"))}
    assert on_server == {"Unverified": unverified, "Inactive": inactive}, on_server
    recommendations = sessions_tab.recommendations
    for kind, n in on_server.items():
        recommendations.expect_count(kind, n)
        if n:
            ui_words_seen("view_all", recommendations.view_all_label(kind))


@when(parsers.parse("the user chooses View all on the {kind} recommendation"))
def choose_view_all(sessions_tab, kind, ui_words_seen):
    ui_words_seen("view_all", sessions_tab.recommendations.view_all_label(kind))
    sessions_tab.recommendations.view_all(kind)
