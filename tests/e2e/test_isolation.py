"""Scenarios share the worker's browser context (fixtures/plugins/browser_chain.py), never its contents: a
scenario sees nothing of the previous scenario's user, storage, init scripts or sessions.

Two throw-away tests run in order in one pytest process (one worker): the first signs a user in
and checks that Element stored that user in the browser; the second, before anything signs it in,
looks at the same origin's storage and at what Element shows."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.harness_run import run_pytest

REPO = Path(__file__).resolve().parents[2]

PAIR = '''
import json
from pathlib import Path

from playwright.sync_api import expect

from fixtures.matrix.page_sign_in import injection_script

SEEN = Path(__file__).with_name("first-user.json")
STORAGE = """async () => ({
    local: Object.keys(window.localStorage),
    session: Object.keys(window.sessionStorage),
    cookies: document.cookie,
    databases: (await indexedDB.databases()).map(d => d.name),
    caches: await caches.keys(),
    workers: (await navigator.serviceWorker.getRegistrations()).length,
})"""


def test_1_a_user_signs_in(page, context, account, element_server):
    session = account.login()
    context.add_init_script(injection_script(element_server.url, session))
    page.goto(element_server.url)
    expect(page.get_by_role("button", name="User menu")).to_be_visible(timeout=60_000)
    page.evaluate("document.cookie = 'harness_marker=1; max-age=3600'")
    page.evaluate("caches.open('harness-marker')")
    stored = page.evaluate(STORAGE)
    # What the next scenario must not find: Element's session and crypto stores, and the markers.
    assert "mx_user_id" in stored["local"] and stored["databases"], stored
    assert "harness_marker" in stored["cookies"] and "harness-marker" in stored["caches"], stored
    SEEN.write_text(json.dumps({"user_id": account.user_id, "storage": stored}))


def test_2_the_next_one_finds_nothing_of_it(page, account, element_server):
    first = json.loads(SEEN.read_text())
    assert first["user_id"] != account.user_id
    page.goto(element_server.url + "welcome.html")  # Element's origin, without Element booting
    assert page.evaluate(STORAGE) == {"local": [], "session": [], "cookies": "", "databases": [],
                                      "caches": [], "workers": 0}
    # The first test's injected session is gone with its init script: Element asks to sign in
    # (with a session restored, it would leave its login page for the user's home).
    page.goto(element_server.url + "#/login")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button", name="User menu")).to_have_count(0)
    assert page.evaluate("window.localStorage.getItem('mx_user_id')") is None
    assert page.context.pages == [page]  # the first test's pages are closed
'''


def test_a_scenario_sees_nothing_of_the_previous_scenarios_user(tmp_path):
    # Inside the repository, so the harness's conftest.py (its fixtures) applies to the pair.
    folder = REPO / "artifacts" / f"isolation-{tmp_path.name}"
    folder.mkdir(parents=True)
    try:
        (folder / "test_pair.py").write_text(PAIR)
        run = run_pytest("-q", "-p", "no:randomly", str(folder / "test_pair.py"),
                         "--artifacts", str(tmp_path / "artifacts"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    assert run.returncode == 0 and run.outcomes == {"passed": 2}, run.output
