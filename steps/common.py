"""Shared Givens and the per-scenario wiring of page objects: who is signed in, in which browser."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers, when

from fixtures.matrix.account_on_server import AccountOnServer
from fixtures.matrix.accounts import Account, display_name_not_starting_like
from fixtures.matrix.matrix_client import Session, login
from fixtures.matrix.page_sign_in import injection_script, quiet_settings_script
from fixtures.matrix.seed import SeededAccount, Seeder
from fixtures.plugins.spans import span
from pages import patience
from pages.element_app import ElementApp
from pages.sessions_tab import SessionsTab
from pages.vocabulary import Vocabulary
from steps.session_tables import specs_from_table

BROWSER_SESSION_NAME = "Harness browser"


@dataclass
class BrowserUser:
    """The scenario's user, the session its browser is signed in with, and what was seeded."""

    account: Account
    session: Session | None
    seeded: SeededAccount | None = None

    @property
    def server(self) -> AccountOnServer:
        """The account on the server, asked with the browser session's token (its device is
        active anyway): the twin of the page objects, for a step's server-side checks."""
        return AccountOnServer(self.account, self.session, self.seeded)

    def device_id(self, name: str) -> str:
        if name == BROWSER_SESSION_NAME:
            return self.session.device_id
        return self.seeded.by_name(name).device_id


# -- page objects, one set per scenario ------------------------------------------------------
@pytest.fixture
def app(page: Page, words: Vocabulary, element_server) -> ElementApp:
    return ElementApp(page, words, element_server.url)


# The Sessions tab, which most steps are about (the app's other parts: app.user_menu, ...).
@pytest.fixture
def sessions_tab(app: ElementApp) -> SessionsTab:
    return app.sessions


# -- who is signed in ------------------------------------------------------------------------
@pytest.fixture
def browser_session(account: Account, app: ElementApp) -> Session:
    """The device the browser will use, made by /login with no keys: Element uploads its own.
    The harness's own requests for it send the browser's user agent, so the server records
    Chromium's for it whichever request it sees first (it keeps one per token and IP a while)."""
    return login(account.base_url, account.user_id, account.password, display_name=BROWSER_SESSION_NAME,
                 user_agent=app.user_agent())


def _open_signed_in(app: ElementApp, session: Session) -> None:
    with span("boot"):  # from goto to Element's user menu
        app.open_signed_in(injection_script(app.url, session))


@given("a user signed in to Element in the browser", target_fixture="user")
def signed_in_user(account: Account, browser_session: Session, app: ElementApp) -> BrowserUser:
    _open_signed_in(app, browser_session)
    return BrowserUser(account, browser_session)


@given(parsers.re(r"a user signed in to Element in the browser, whose notifications the server "
                  r"(?P<verb>silences|unsilences)"), target_fixture="user")
def signed_in_silenced_or_not(account: Account, browser_session: Session, app: ElementApp,
                              verb: str) -> BrowserUser:
    """The browser session's local notification settings (MSC3890), set before Element starts:
    Element writes its own only where the server has none."""
    user, silenced = BrowserUser(account, browser_session), verb == "silences"
    on_server = user.server.set_notifications_silenced(silenced)
    assert on_server == {"is_silenced": silenced}, on_server
    _open_signed_in(app, browser_session)
    return user


@given("a user with cross-signing set up, signed in to Element in the browser", target_fixture="user")
def signed_in_with_cross_signing(account: Account, browser_session: Session, app: ElementApp,
                                 homeserver, faker) -> BrowserUser:
    # The account's cross-signing keys, no other session: whether the browser's session is
    # signed is then something the server can answer either way.
    with span("seeding"):
        seeded = Seeder(homeserver, account, faker).seed([], helper=browser_session, cross_signing=True)
    _open_signed_in(app, browser_session)
    return BrowserUser(account, browser_session, seeded)


@given("the user has let Element record its client information")
def opted_in_to_client_information(user: BrowserUser) -> None:
    """Element's account setting "Record the client name, version, and url to recognise sessions
    more easily in session manager" (Security & Privacy, where the deployment has analytics; the
    embedded Element has none, so it is set on the account, as an opt-in from another device is).
    Element then records its own session's application on the server."""
    # Element writes it when the opt-in reaches it by sync; its session manager shows what was
    # there when it opened, as a user who opens it a moment too soon sees: so the Given waits.
    user.server.let_element_record_client_information(timeout_s=patience.ms(patience.APP_START_MS) / 1000)


@given("a user with a display name of their own, signed in to Element in the browser", target_fixture="user")
def signed_in_with_display_name(account: Account, browser_session: Session, app: ElementApp,
                                faker) -> BrowserUser:
    # Its first letter is not the localpart's, so the avatar's letter says whose it is.
    user = BrowserUser(account, browser_session)
    user.server.set_display_name(display_name_not_starting_like(account.localpart, faker))
    _open_signed_in(app, browser_session)
    return user


@given("a user signed in to Element in the browser, with these other sessions:", target_fixture="user")
def signed_in_with_sessions(account: Account, browser_session: Session, app: ElementApp,
                            homeserver, faker, datatable) -> BrowserUser:
    # Seed first, then open: Element lists sessions made while the tab is open only on reopening.
    with span("seeding"):
        seeded = Seeder(homeserver, account, faker).seed(specs_from_table(datatable), helper=browser_session)
    _open_signed_in(app, browser_session)
    return BrowserUser(account, browser_session, seeded)


@given("a user whose browser session is verified, with these other sessions:", target_fixture="user")
def verified_with_sessions(account: Account, browser_session: Session, app: ElementApp,
                           homeserver, faker, datatable) -> BrowserUser:
    # Cross-signing always, even if no other session is verified: the browser verifies against it.
    with span("seeding"):
        seeded = Seeder(homeserver, account, faker).seed(specs_from_table(datatable), helper=browser_session,
                                                         cross_signing=True)
    # Verification is not what these scenarios test, so it skips Element's dialog (G11 keeps it)
    # where Element's client can take the keys; where it cannot, the user's way: the recovery key.
    crypto = app.crypto
    with crypto.device_keys_upload() as wait_for_device_keys:
        _open_signed_in(app, browser_session)
        with span("verification"):
            wait_for_device_keys()
            if crypto.offers_own_device_signing():
                crypto.sign_own_device_with(seeded.crypto.cross_signing.secrets_bundle())
            else:
                app.verify_this_session_with_recovery_key(seeded.recovery_key)
    user = BrowserUser(account, browser_session, seeded)
    assert user.server.sessions().browser_cross_signed, \
        "Element counts its session as verified, but the server has no self-signing signature on it"
    return user


# Two ways in. Scenarios about the way there (G1-G4), or whose outcome may depend on it (the
# menus drawn under the dialog the guide's way leads to), say "from the profile menu" and walk it;
# the others take Element's own shortcut. --sessions-route makes every scenario take one of them.
@given("the user has opened the Sessions settings")
@when("the user opens the Sessions settings")
def user_opens_sessions(app: ElementApp, sessions_route: str) -> None:
    if sessions_route == "profile-menu":
        app.open_sessions_settings_from_profile_menu()
    else:
        app.open_sessions_settings()


@given("the user has opened the Sessions settings from the profile menu")
@when("the user opens the Sessions settings from the profile menu")
def user_walks_to_sessions(app: ElementApp, sessions_route: str) -> None:
    if sessions_route == "shortcut":
        app.open_sessions_settings()
    else:
        app.open_sessions_settings_from_profile_menu()


@given("a user at Element's login page", target_fixture="user")
def user_at_login_page(account: Account, app: ElementApp) -> BrowserUser:
    with span("boot"):
        app.open_at_login_page(quiet_settings_script())
    return BrowserUser(account, session=None)
