"""The Element app as a whole: open it, know when it is signed in or at the login page, and its
parts, as Element's own Playwright app object holds them: what a user goes through to the Sessions
settings (the user menu, the settings dialog, the tab), the dialogs those settings open, what the
page shows of one session's device, and Element's client crypto."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages import patience
from pages.device_details import DetailButtons, DeviceOnPage
from pages.dialogs import PasswordPrompt, SignOutQuestion
from pages.element_crypto import ElementCrypto
from pages.login_page import LoginPage
from pages.network import COUNTING_SCRIPT, wait_for_quiet_network
from pages.sessions_tab import SessionsTab
from pages.settings_dialog import SettingsDialog
from pages.sign_out import LogoutDialog
from pages.user_menu import UserMenu
from pages.verification import VerifyThisSession
from pages.vocabulary import Vocabulary

# Element's own navigation action to the session manager (Action.ViewUserDeviceSettings in
# matrix-react-sdk, 3.73 to 3.114), sent through the dispatcher Element puts on window.
SESSION_MANAGER_ACTION = "view_user_device_settings"
DISPATCH_SCRIPT = """(action) => {
    if (!window.mxDispatcher) return false;
    window.mxDispatcher.dispatch({action});
    return true;
}"""
# Element acts on what a click set off through its dispatcher, in order, a turn later: once an action
# sent after the click has come through (and one more turn has passed), whatever the click set off
# has begun, and its requests are counted (pages/network.py) until they answer.
SETTLE_SCRIPT = """() => new Promise(resolve => {
    const dispatcher = window.mxDispatcher;
    if (!dispatcher) return resolve(false);
    const id = dispatcher.register(payload => {
        if (payload.action !== "harness_settle") return;
        setTimeout(() => { dispatcher.unregister(id); resolve(true); }, 0);
    });
    dispatcher.dispatch({action: "harness_settle"});
})"""


class ElementApp:
    def __init__(self, page: Page, words: Vocabulary, url: str):
        self.page, self.words, self.url = page, words, url
        self.user_menu_button = page.get_by_role("button", name=words.user_menu_button)
        self.login_heading = page.get_by_role("heading", name=words.sign_in_button)
        self.user_menu = UserMenu(page, words)
        self.settings = SettingsDialog(page, words)
        self.sessions = SessionsTab(page, words)
        self.login_page = LoginPage(page, words)
        # The dialogs the Sessions settings open, and Element's client crypto.
        self.sign_out_question = SignOutQuestion(page, words)
        self.password_prompt = PasswordPrompt(page, words)
        self.logout_dialog = LogoutDialog(page, words)
        self.verify_this_session = VerifyThisSession(page, words)
        self.crypto = ElementCrypto(page)

    def device_on_page(self, device_id: str) -> DeviceOnPage:
        """What the page shows of one session's device (its tile's icon, its details' table)."""
        return DeviceOnPage(self.page, self.words, device_id)

    def detail_buttons(self, device_id: str) -> DetailButtons:
        """The sign-out and rename buttons of one session's details."""
        return DetailButtons(self.page, self.words, device_id)

    def open_sessions_settings(self) -> None:
        """The fastest way Element itself offers: the action its own "Manage sessions" links
        dispatch, for scenarios that are not about the way there. Where the page has no dispatcher
        to ask (a build that hides it), the guide's way."""
        if not self.page.evaluate(DISPATCH_SCRIPT, SESSION_MANAGER_ACTION):
            return self.open_sessions_settings_from_profile_menu()
        self.settings.expect_open()
        self.sessions.expect_loaded()

    def open_sessions_settings_from_profile_menu(self) -> None:
        """The guide's way in: profile icon, All settings, Sessions."""
        self.user_menu.open()
        self.user_menu.choose(self.words.all_settings)
        self.settings.expect_open()
        self.settings.open_tab(self.words.sessions_tab)
        self.sessions.expect_loaded()

    def verify_this_session_with_recovery_key(self, recovery_key: str) -> None:
        """The user's way to a verified session: the Sessions settings, the current session's
        verify prompt, the recovery key in Element's dialog; then the tile says Verified and the
        settings are closed again, as they were."""
        self.open_sessions_settings()
        current = self.sessions.current
        current.start_verification()
        self.verify_this_session.verify_with_recovery_key(recovery_key)
        current.expect_verified()
        self.settings.close()

    def settle(self) -> None:
        """Wait until Element has acted on what the user last did and the server has answered it
        (a sign-out set off by closing a dialog, say), before the server is asked what happened."""
        self.page.evaluate(SETTLE_SCRIPT)
        wait_for_quiet_network(self.page)

    def open(self) -> None:
        self.page.goto(self.url)

    def open_signed_in(self, session_script: str) -> None:
        """Open Element already signed in: `session_script` puts a session into its storage before
        it starts (fixtures/matrix/page_sign_in.py knows how Element stores one). The page also counts its
        requests in flight, for settle()."""
        self.page.add_init_script(session_script)
        self.page.add_init_script(COUNTING_SCRIPT)
        self.open()
        self.expect_signed_in()

    def open_at_login_page(self, settings_script: str) -> None:
        """Open Element's login page, with `settings_script`'s device settings in its storage."""
        self.page.add_init_script(settings_script)
        self.open_login_page()
        self.expect_login_page()

    def open_login_page(self) -> None:
        self.page.goto(self.url + "#/login")

    def user_agent(self) -> str:
        """The user agent the browser sends with Element's requests."""
        return self.page.evaluate("navigator.userAgent")

    def stored_device_id(self) -> str | None:
        """The device id Element keeps for its session (what it restores on the next start)."""
        return self.page.evaluate("() => window.localStorage.getItem('mx_device_id')")

    def expect_signed_in(self) -> None:
        expect(self.user_menu_button).to_be_visible(timeout=patience.ms(patience.APP_START_MS))

    def expect_login_page(self) -> None:
        expect(self.login_heading).to_be_visible(timeout=patience.ms(patience.APP_START_MS))
