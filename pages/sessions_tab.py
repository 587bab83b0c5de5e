"""The Sessions settings tab: security recommendations, current session, other sessions."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from pages.hit_test import expect_on_top
from pages.network import wait_for_quiet_network
from pages.session_filter import SessionFilter
from pages.session_tile import TILES, SessionDetails, SessionTile, device_ids_in
from pages.vocabulary import Vocabulary


# The texts of what the Sessions settings draw before the Current session section (its siblings),
# the "Link new device" section aside: it is there whenever the homeserver supports QR login.
_SECTIONS_ABOVE = """e => {
    const above = [];
    for (let s = e.previousElementSibling; s; s = s.previousElementSibling)
        if (s.getClientRects().length && !s.querySelector('.mx_LoginWithQRSection'))
            above.push((s.innerText || s.className).trim().slice(0, 80));
    return above;
}"""


class SecurityRecommendations:
    """The section on top: one card per recommendation (Unverified, Inactive), each with View all (N)."""

    KINDS = ("Unverified", "Inactive")

    def __init__(self, page: Page, words: Vocabulary):
        self.words = words
        self.root = page.get_by_test_id("security-recommendations-section")
        self.heading = self.root.get_by_role("heading", name=words.security_recommendations_heading)
        self.unverified_view_all = page.get_by_test_id("unverified-devices-cta")
        self.inactive_view_all = page.get_by_test_id("inactive-devices-cta")
        cards = self.root.locator(".mx_DeviceSecurityCard")
        self._view_all = {"Unverified": self.unverified_view_all, "Inactive": self.inactive_view_all}
        self._cards = {kind: cards.filter(has=button) for kind, button in self._view_all.items()}
        self._card_headings = {"Unverified": words.unverified_sessions, "Inactive": words.inactive_sessions}
        self.current_section = page.get_by_test_id("current-session-section")

    @staticmethod
    def count_on(button_text: str) -> int:
        """'View all (3)' -> 3."""
        match = re.search(r"\((\d+)\)", button_text)
        if not match:
            raise AssertionError(f"no count in {button_text!r}")
        return int(match.group(1))

    def unverified_count(self) -> int:
        return self.count_on(self.unverified_view_all.inner_text())

    def inactive_count(self) -> int:
        return self.count_on(self.inactive_view_all.inner_text())

    def _kind(self, kind: str) -> str:
        if kind not in self.KINDS:
            raise ValueError(f"no recommendation {kind!r}; Element has {', '.join(self.KINDS)}")
        return kind

    def expect_shown(self) -> None:
        expect(self.heading).to_be_visible()

    def expect_absent(self) -> None:
        """Anchored, so a renamed test id cannot make it pass: the Current session section is
        there, and nothing of the Sessions settings is drawn above it."""
        expect(self.current_section).to_be_visible()
        above = self.current_section.evaluate(_SECTIONS_ABOVE)
        assert above == [], f"shown above the Current session: {above}"
        expect(self.root).to_be_hidden()

    def expect_count(self, kind: str, n: int) -> None:
        """The recommendation's card counts n sessions ("View all (n)"); with none, no card."""
        card, button = self._cards[self._kind(kind)], self._view_all[kind]
        if n == 0:
            expect(button).to_be_hidden()
            return
        expect(card).to_contain_text(self._card_headings[kind])
        expect(button).to_have_text(re.compile(rf"\({n}\)\s*$"))

    def view_all_label(self, kind: str) -> str:
        """The View all button's words, without the count."""
        button = self._view_all[self._kind(kind)]
        expect(button).to_be_visible()
        return re.sub(r"\s*\(\d+\)$", "", button.inner_text().strip())

    def view_all(self, kind: str) -> None:
        self._view_all[self._kind(kind)].click()


class SectionMenu:
    """A section's 3-dot menu: open it with the mouse, read its items, pick one with the mouse
    (where the user can see and reach it: pages/hit_test.py) or with the keyboard."""

    def __init__(self, page: Page, button: Locator, what: str):
        self.page, self.button, self.what = page, button, what
        self.menu = page.get_by_role("menu")
        self.items = self.menu.get_by_role("menuitem")

    def open(self) -> list[str]:
        self.button.click()
        return self.labels()

    def labels(self) -> list[str]:
        expect(self.items.first).to_be_visible()
        return [t.strip() for t in self.items.all_inner_texts()]

    def item(self, label: str) -> Locator:
        return self.menu.get_by_role("menuitem", name=label, exact=True)

    def pick_with_mouse(self, label: str) -> None:
        """Fails, naming what covers the item and outlining it on screen, when the item is not
        what a pointer at its centre would hit (pages/hit_test.py says when Element does that)."""
        item = self.item(label)
        expect_on_top(item, f"the {self.what} menu item {label!r}")
        item.click()
        expect(self.menu).to_be_hidden()

    def pick_with_keyboard(self, label: str) -> None:
        """As the menu's ARIA pattern has it: Element focuses the first item on opening, the arrow
        keys move down the items, Enter picks one. Works whatever paints over the menu."""
        labels = self.labels()
        assert label in labels, (label, labels)
        expect(self.items.first).to_be_focused()
        for _ in range(labels.index(label)):
            self.page.keyboard.press("ArrowDown")
        expect(self.item(label)).to_be_focused()
        self.page.keyboard.press("Enter")
        expect(self.menu).to_be_hidden()

    def pick(self, label: str, way: str) -> None:
        ways = {"the mouse": self.pick_with_mouse, "the keyboard": self.pick_with_keyboard}
        if way not in ways:
            raise ValueError(f"no way to pick a menu item called {way!r}; known: {', '.join(ways)}")
        ways[way](label)


class CurrentSession:
    def __init__(self, page: Page, words: Vocabulary):
        self.page, self.words = page, words
        self.root = page.get_by_test_id("current-session-section")
        self.menu_button = page.get_by_test_id("current-session-menu")
        self.details_toggle = page.get_by_test_id("current-session-toggle-details")
        self.tile = self.root.locator(TILES).first
        self.name = self.tile.get_by_role("heading")
        self.verification = self.root.get_by_test_id("device-metadata-isVerified")
        self.status_heading = self.root.locator(".mx_DeviceSecurityCard_heading")
        self.status_description = self.root.locator(".mx_DeviceSecurityCard_description")
        # The status card's actions (its description's "Learn more" aside): the verify prompt,
        # found without its words.
        self.status_card = self.root.locator(".mx_DeviceSecurityCard")
        self.verify_button = self.status_card.locator(".mx_DeviceSecurityCard_actions").get_by_role("button")
        self.menu = SectionMenu(page, self.menu_button, "Current session")

    def expect_shown(self) -> None:
        expect(self.tile).to_be_visible()

    def expect_titled(self, heading: str) -> None:
        """The section says what it is (its heading's words, wherever Element puts them)."""
        expect(self.root).to_contain_text(heading)

    def device_id(self) -> str:
        self.expect_shown()
        return self.tile.get_attribute("data-testid").removeprefix("device-tile-")

    def open_details(self) -> SessionDetails:
        device_id = self.device_id()
        self.details_toggle.click()
        details = SessionDetails(self.page, self.words, device_id)
        details.expect_open()
        return details

    def details(self) -> SessionDetails:
        """The details already expanded under the current session."""
        return SessionDetails(self.page, self.words, self.device_id())

    def expect_status(self, verified: bool) -> None:
        """Tile and status card agree: Verified / "Verified session" or Unverified / "Unverified session"."""
        w = self.words
        expect(self.verification).to_have_text(w.verified if verified else w.unverified)
        expect(self.status_heading).to_have_text(w.verified_session if verified else w.unverified_session)
        expect(self.status_description).to_contain_text(
            w.verified_current_description if verified else w.unverified_current_description)

    def expect_verified(self) -> None:
        """The tile says Verified (what the user sees once verification is done)."""
        expect(self.verification).to_have_text(self.words.verified)

    def verification_offer(self) -> str:
        """The status card offers one button, the way to begin verification; returns its words."""
        expect(self.verify_button).to_have_count(1)
        expect(self.verify_button).to_be_visible()
        return self.verify_button.inner_text().strip()

    def expect_no_verification_offer(self) -> None:
        """Anchored: the status card is there and says what it says, and offers no action."""
        expect(self.status_card).to_be_visible()
        expect(self.status_heading).not_to_be_empty()
        expect(self.verify_button).to_have_count(0)

    def start_verification(self) -> None:
        self.verify_button.click()

    def expect_name(self, name: str) -> None:
        expect(self.name).to_have_text(name)

    def shown_name(self) -> str:
        self.expect_shown()
        return self.name.inner_text().strip()


class OtherSessions:
    def __init__(self, page: Page, words: Vocabulary):
        self.page, self.words = page, words
        self.root = page.get_by_test_id("other-sessions-section")
        self.menu_button = page.get_by_test_id("other-sessions-menu")
        self.list = self.root.locator(".mx_FilteredDeviceList_list")
        self.filter = SessionFilter(page, words, self.root)
        self.filter_header = self.root.locator(".mx_FilteredDeviceList_header")
        self.select_all = page.get_by_test_id("device-select-all-checkbox")
        self.sign_out_selection = page.get_by_test_id("sign-out-selection-cta")
        self.cancel_selection = page.get_by_test_id("cancel-selection-cta")
        self.header_label = self.root.locator(".mx_FilteredDeviceListHeader_label")
        self.menu = SectionMenu(page, self.menu_button, "Other sessions")
        self.ticked = self.list.locator("input[type='checkbox']:checked")
        self.security_card = self.root.locator(".mx_FilteredDeviceList_securityCard")

    def tile(self, device_id: str) -> SessionTile:
        return SessionTile(self.page, self.words, device_id)

    def device_ids(self) -> list[str]:
        return device_ids_in(self.list)

    def expect_device_ids(self, expected: set[str]) -> None:
        """Wait until the list shows exactly these sessions (any order)."""
        tiles = self.list.locator(TILES)
        expect(tiles).to_have_count(len(expected))
        for device_id in expected:
            expect(self.list.get_by_test_id(f"device-tile-{device_id}")).to_be_visible()

    def expect_gone(self) -> None:
        """No other session left: Element drops the whole Other sessions section."""
        expect(self.root).to_be_hidden()

    def tick(self, device_ids: list[str]) -> None:
        for device_id in device_ids:
            self.tile(device_id).tick()

    def expect_selection(self, n: int) -> None:
        """n sessions ticked: the header counts them and offers Sign out and Cancel."""
        expect(self.header_label).to_have_text(self.words.n_sessions_selected_label(n))
        expect(self.sign_out_selection).to_be_visible()
        expect(self.cancel_selection).to_be_visible()
        expect(self.ticked).to_have_count(n)

    def expect_no_selection(self) -> None:
        expect(self.ticked).to_have_count(0)
        expect(self.sign_out_selection).to_be_hidden()
        expect(self.cancel_selection).to_be_hidden()
        expect(self.header_label).to_have_text(self.words.sessions_list_header)

    def sign_out_ticked(self) -> str:
        """Click the revealed Sign out button; returns its label."""
        label = self.sign_out_selection.inner_text().strip()
        self.sign_out_selection.click()
        return label

    def cancel_ticked(self) -> None:
        self.cancel_selection.click()


class SessionsTab:
    def __init__(self, page: Page, words: Vocabulary):
        self.page = page
        self.recommendations = SecurityRecommendations(page, words)
        self.current = CurrentSession(page, words)
        self.others = OtherSessions(page, words)
        self.heading = page.get_by_role("heading", name=words.sessions_tab, exact=True)
        self.dialogs = page.get_by_role("dialog")
        self.spinners = page.get_by_role("tabpanel").locator(".mx_Spinner")

    def expect_loaded(self) -> None:
        self.current.expect_shown()

    def expect_settled(self) -> None:
        """Element is done with what the user last did: no dialog but Settings, no tile signing
        out, no request to the homeserver in flight (the long-polling sync aside). A sign-out
        Element went on with after a Cancel would have been sent by then."""
        expect(self.dialogs).to_have_count(1)
        expect(self.spinners).to_have_count(0)
        wait_for_quiet_network(self.page)
