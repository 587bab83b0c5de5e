"""The browser reaches the homeserver and Element it was given, and nothing else."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from fixtures.matrix.page_sign_in import injection_script


def test_a_session_manager_visit_only_talks_to_the_given_servers(page, context, homeserver, element_server, account):
    session = account.login()
    origins, refused = set(), set()
    context.on("request", lambda r: origins.add(_origin(r.url)))
    context.on("requestfailed", lambda r: refused.add(_origin(r.url)))
    context.add_init_script(injection_script(element_server.url, session))
    page.goto(element_server.url)
    page.get_by_role("button", name="User menu").click()
    page.get_by_role("menuitem", name="All settings").click()
    page.get_by_role("tab", name="Sessions").click()
    expect(page.get_by_test_id(f"device-tile-{session.device_id}")).to_be_visible()
    allowed = {_origin(homeserver.base_url), _origin(element_server.url)}
    reached = {o for o in origins - refused if not o.startswith(("data:", "blob:"))}
    assert reached <= allowed, reached - allowed
    # Element does try elsewhere (a well-known lookup for the server name); that never resolves.
    assert origins - allowed - {"data:", "blob:"} <= refused


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else f"{parts.scheme}:"
