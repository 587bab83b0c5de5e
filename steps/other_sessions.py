"""Steps: Other sessions (G5, G14, G15, G16, G18): the list, its menu, ticking, and each session's details."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pytest_bdd import parsers, then, when

from pages.session_tile import SessionDetails, record_detail_offers
from guide import documented_state


@dataclass
class OtherSession:
    """The other session a scenario is working on, once its details are open."""

    name: str
    device_id: str
    details: SessionDetails


def quoted_names(text: str) -> list[str]:
    """'"Work laptop", "Home desktop" and "Office PC"' -> the three names."""
    names = re.findall(r'"([^"]+)"', text)
    assert names, f"no quoted session names in {text!r}"
    return names


# -- the list --------------------------------------------------------------------------------
@then("Other sessions lists exactly the account's other sessions on the server")
@documented_state("other-sessions")
def lists_all_other_sessions(sessions_tab, user):
    on_server = user.server.other_device_ids()
    assert on_server == {s.device_id for s in user.seeded.sessions}, on_server
    sessions_tab.others.expect_device_ids(on_server)


@then("Other sessions shows whether each session is verified, as the server has it:")
def shows_verification(sessions_tab, user, datatable):
    header, *rows = datatable
    assert [h.strip() for h in header] == ["name", "shown as"], header
    view = user.server.sessions()
    for name, shown_as in ((r[0].strip(), r[1].strip()) for r in rows):
        device_id = user.device_id(name)
        assert shown_as in ("verified", "unverified"), shown_as
        sessions_tab.others.tile(device_id).expect_verified(shown_as == "verified")
        assert view.verified(view.others[device_id]) == (shown_as == "verified"), (name, view)


@then(parsers.re(r"the other sessions left, on the page and on the server, are (?P<names>.+)"))
def other_sessions_left(sessions_tab, user, names):
    expected = {user.device_id(n) for n in quoted_names(names)}
    # The page first: Element refreshes its list once the server has answered.
    sessions_tab.others.expect_device_ids(expected)
    assert user.server.other_device_ids() == expected


@then(parsers.re(r"once Element has settled, every session is still there, on the page and on the server"))
def nobody_signed_out(sessions_tab, user):
    # Settled first (no dialog, no tile signing out, no request in flight): a sign-out that
    # Element went on with after the user backed out would have reached the server by then.
    sessions_tab.expect_settled()
    expected = {s.device_id for s in user.seeded.sessions}
    sessions_tab.others.expect_device_ids(expected)
    assert user.server.other_device_ids() == expected
    for seeded in user.seeded.sessions:
        refused = user.server.via(seeded.session).token_refusal()
        assert refused is None, f"the server refuses {seeded.display_name!r}'s token: {refused}"


@then("no other session is left, on the page or on the server")
def no_other_session_left(sessions_tab, user):
    sessions_tab.others.expect_gone()
    sessions_tab.current.expect_shown()
    assert user.server.other_device_ids() == set()


@then("the browser's own session is still signed in")
def browser_session_still_signed_in(sessions_tab, user):
    assert sessions_tab.current.device_id() == user.session.device_id
    refused = user.server.token_refusal()
    assert refused is None, f"the server refuses the browser session's token: {refused}"
    for seeded in user.seeded.sessions:
        refused = user.server.via(seeded.session).token_refusal()
        assert refused == "M_UNKNOWN_TOKEN", f"the server answers {seeded.display_name!r}'s token with {refused}"


# -- ticking ---------------------------------------------------------------------------------
@when(parsers.re(r"the user ticks (?P<names>.+) in Other sessions"))
def tick_sessions(sessions_tab, user, names):
    sessions_tab.others.tick([user.device_id(n) for n in quoted_names(names)])


@then(parsers.parse("Other sessions shows {n:d} sessions selected and a Sign out button"))
@documented_state("sessions-ticked")
def shows_selection(sessions_tab, n):
    sessions_tab.others.expect_selection(n)


@when("the user signs out of the ticked sessions with the Sign out button")
def sign_out_ticked(sessions_tab, ui_words_seen):
    label = sessions_tab.others.sign_out_ticked()
    ui_words_seen("sign_out_selection", label)


@when("the user cancels the selection")
def cancel_selection(sessions_tab):
    sessions_tab.others.cancel_ticked()


@then("no session is ticked and the Sign out button is gone")
def nothing_ticked(sessions_tab):
    sessions_tab.others.expect_no_selection()


# -- the two-step sign-out: Element's question, then the password ----------------------------
@when(parsers.re(r"the user confirms signing out (?P<n>\d+) sessions?(?P<with_password> with the account password)?"))
def confirm_sign_out(app, user, n, with_password):
    question = app.sign_out_question
    question.expect_asking(int(n))
    question.confirm()
    if with_password:
        prompt = app.password_prompt
        prompt.submit(user.account.password)
        prompt.expect_closed()


@when("the user closes the password prompt")
def close_password_prompt(app):
    prompt = app.password_prompt
    prompt.expect_open()
    prompt.dismiss()


@when("the user answers the password prompt with a wrong password")
def wrong_password(app, user):
    app.password_prompt.submit(user.server.wrong_password())


@then("the password prompt says the password was refused, in the server's words")
@documented_state("password-prompt-refused")
def password_refused(app, user, ui_words_seen):
    said = app.password_prompt.expect_error()
    ui_words_seen("wrong_password_error", said)
    refusal = user.server.wrong_password_refusal()
    assert refusal.errcode == "M_FORBIDDEN", refusal
    assert said == refusal.body.get("error"), f"the prompt says {said!r}; the server refuses with {refusal.body}"


# -- details ---------------------------------------------------------------------------------
@when(parsers.parse('the user opens the details of "{name}" in Other sessions'), target_fixture="other_session")
def open_other_session_details(sessions_tab, user, name) -> OtherSession:
    device_id = user.device_id(name)
    return OtherSession(name, device_id, sessions_tab.others.tile(device_id).open_details())


@then("the details offer Sign out of this session, Rename and a Push notifications toggle")
@documented_state("other-session-details")
def details_offer_three(other_session: OtherSession, ui_words_seen):
    record_detail_offers(other_session.details.offered_labels(), ui_words_seen)


@then("the details are those of the session on the server, pusher included")
def details_match_server(other_session: OtherSession, user):
    details = other_session.details
    device = user.server.device(other_session.device_id)
    pusher = user.server.pusher(other_session.device_id)
    assert details.session_id() == device["device_id"]
    details.expect_name(device["display_name"])
    assert pusher is not None, f"no pusher for {other_session.device_id} on the server"
    details.expect_push(pusher.pushes)


@when(parsers.parse('the user renames the session to "{new_name}"'))
def rename_other_session(other_session: OtherSession, new_name):
    other_session.details.rename_to(new_name)


@then(parsers.parse('the session is called "{new_name}" on the page and on the server'))
def session_is_called(other_session: OtherSession, sessions_tab, user, new_name):
    other_session.details.expect_name(new_name)
    sessions_tab.others.tile(other_session.device_id).expect_name(new_name)
    assert user.server.device_name(other_session.device_id) == new_name


@when(parsers.re(r"the user turns the session's push notifications (?P<state>on|off)"))
def turn_push(other_session: OtherSession, state):
    details = other_session.details
    details.expect_push(state == "off")  # it was the other way round
    assert details.toggle_push() == (state == "on")


@then(parsers.re(r"the session's push notifications are (?P<state>on|off), on the page and on the server"))
def push_is(other_session: OtherSession, user, state):
    enabled = state == "on"
    other_session.details.expect_push(enabled)
    pusher = user.server.pusher(other_session.device_id)
    assert pusher is not None, f"no pusher for {other_session.device_id} on the server"
    assert pusher.enabled is enabled, pusher


@when("the user chooses Sign out of this session")
def sign_out_from_details(other_session: OtherSession, ui_words_seen):
    details = other_session.details
    ui_words_seen("sign_out_this_session", details.sign_out_label())
    details.sign_out()
