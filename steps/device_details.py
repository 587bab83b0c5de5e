"""Steps: what each session's device is (type, model, operating system, browser), as the server
reported it and as the page shows it (features/device_details.feature); and what the details'
Sign out and Rename buttons do, against what their words mean.

The expectation is derived here from the user agent read back from the server's GET /devices
(fixtures/matrix/element_user_agent.py), never from what the seed asked for or what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from pytest_bdd import parsers, then

from fixtures.matrix.element_user_agent import DeviceInfo, element_reading
from guide import GUIDE
from pages.device_details import RENAME_EDITOR, SIGN_OUT_DIALOG, ButtonEffect, ShownDevice


def expected_on_page(reading: DeviceInfo, words) -> ShownDevice:
    return ShownDevice(words.device_type_label(reading.device_type), reading.model, reading.operating_system,
                       reading.browser)


def expect_device_shown(app, words, device_id: str, user_agent: str | None, what: str) -> ShownDevice:
    assert user_agent, f"the server has seen no user agent for {what} ({device_id})"
    reading = element_reading(user_agent)
    shown = app.device_on_page(device_id).shown()
    assert shown == expected_on_page(reading, words), (
        f"{what}: the page shows {shown}, but the server's user agent {user_agent!r} reads as {reading}")
    return shown


# -- the current session (G9) -----------------------------------------------------------------
@then("the server reports the browser's own user agent for its session")
def server_reports_browser_agent(app, user):
    reported, sent = user.server.user_agents()[user.session.device_id], app.user_agent()
    assert reported == sent, f"the server reports {reported!r} for the browser's session; the browser sends {sent!r}"


@then("the current session shows the device type, operating system and browser of that user agent")
def current_session_device_shown(app, user, sessions_tab, words):
    device_id = sessions_tab.current.device_id()
    assert device_id == user.session.device_id
    shown = expect_device_shown(app, words, device_id, user.server.user_agents()[device_id], "the current session")
    # Chromium is a browser: Element must not fall back to an unknown device.
    assert shown.type_label == words.device_type_label("Web") and shown.browser, shown


# -- other sessions (G14) ---------------------------------------------------------------------
@then("each other session shows the device type, model, operating system and browser of the user agent "
      "the server reports for it")
def other_sessions_devices_shown(app, user, sessions_tab, words):
    reported = user.server.user_agents()
    others = set(reported) - {user.session.device_id}
    sessions_tab.others.expect_device_ids(others)
    types = set()
    for s in user.seeded.sessions:
        sessions_tab.others.tile(s.device_id).open_details()
        types.add(expect_device_shown(app, words, s.device_id, reported[s.device_id], f'"{s.display_name}"').type_label)
    # Phones, desktops and browsers among them, and none unknown: the user agents were read.
    assert types == {words.device_type_label(t) for t in ("Mobile", "Desktop", "Web")}, types


# -- one machine, two applications (G10) ------------------------------------------------------
@then(parsers.parse('"{first}" and "{second}" are two sessions the server saw from one IP address'))
def two_sessions_one_ip(user, first, second):
    devices = user.server.devices()
    a, b = devices[user.device_id(first)], devices[user.device_id(second)]
    assert a["device_id"] != b["device_id"]
    assert a.get("last_seen_ip") and a.get("last_seen_ip") == b.get("last_seen_ip"), (a, b)


@then(parsers.parse('"{first}" and "{second}" show one operating system and each its own application '
                    'and browser, as the server\'s user agents give them'))
def one_os_two_applications(app, user, sessions_tab, words, first, second):
    reported = user.server.user_agents()
    shown = {}
    for name in (first, second):
        device_id = user.device_id(name)
        sessions_tab.others.tile(device_id).open_details()
        shown[name] = expect_device_shown(app, words, device_id, reported[device_id], f'"{name}"')
    a, b = shown[first], shown[second]
    assert a.operating_system and a.operating_system == b.operating_system, (a, b)
    assert a.browser != b.browser and a.type_label != b.type_label, (a, b)


# -- what the details' buttons do, and what their words mean (G13, G18) ------------------------
@dataclass(frozen=True)
class DetailsTried:
    """A session whose details' buttons were each clicked, and what they opened closed unused."""

    device_id: str
    name_before: str


def expect_reads_as(effects: list[ButtonEffect], opens: str, key: str) -> None:
    """The one button that opens `opens` must say what the guide means by it (the meaning of the
    guide model's word `key`)."""
    which = [e for e in effects if e.opens == opens]
    assert len(which) == 1, f"{len(which)} of the details' buttons open {opens}: {effects}"
    word = GUIDE.word(key)
    assert word.meaning.read_in(which[0].label), (
        f"the button that opens {opens} reads {which[0].label!r}, which does not say it {word.meaning.guide} "
        f"(the guide calls it {word.guide!r}); the details' buttons: {effects}")


@then(parsers.re(r'the details of (?:the current session|"(?P<name>[^"]+)"): the button that opens the sign-out '
                 r'dialog reads as signing out, and the one that opens the rename editor as renaming'),
      target_fixture="details_tried")
def detail_buttons_mean_what_they_do(app, user, name) -> DetailsTried:
    device_id = user.session.device_id if name is None else user.device_id(name)
    buttons = app.detail_buttons(device_id)
    name_before = buttons.shown_name()
    effects = buttons.effects()
    expect_reads_as(effects, SIGN_OUT_DIALOG, "sign_out_this_session")
    expect_reads_as(effects, RENAME_EDITOR, "rename")
    return DetailsTried(device_id, name_before)


@then("closing what they opened signed nothing out and renamed nothing on the server")
def nothing_signed_out_or_renamed(details_tried: DetailsTried, user, app):
    """The page's side was checked as each was closed (a cancelled rename keeps the name)."""
    app.settle()
    refused = user.server.token_refusal()
    assert refused is None, f"closing the sign-out dialog unused signed the browser out: the server says {refused}"
    devices = user.server.devices()  # the browser's own token: still good
    assert details_tried.device_id in devices, f"{details_tried.device_id} is gone from the server"
    on_server = devices[details_tried.device_id].get("display_name") or details_tried.device_id
    assert on_server == details_tried.name_before, f"named {details_tried.name_before!r}; the server says {on_server!r}"
