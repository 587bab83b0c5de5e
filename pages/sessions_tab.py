"""The Sessions settings tab: security recommendations, current session, other sessions."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from pages.session_tile import SessionDetails, SessionTile, device_ids_in
from pages.vocabulary import Vocabulary


class SecurityRecommendations:
    def __init__(self, page: Page, words: Vocabulary):
        self.words = words
        self.root = page.get_by_test_id("security-recommendations-section")
        self.unverified_view_all = page.get_by_test_id("unverified-devices-cta")
        self.inactive_view_all = page.get_by_test_id("inactive-devices-cta")

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


class CurrentSession:
    def __init__(self, page: Page, words: Vocabulary):
        self.page, self.words = page, words
        self.root = page.get_by_test_id("current-session-section")
        self.menu_button = page.get_by_test_id("current-session-menu")
        self.details_toggle = page.get_by_test_id("current-session-toggle-details")
        self.tile = self.root.locator("[data-testid^='device-tile-']").first
        self.name = self.root.locator(".mx_DeviceTile_heading")
        self.verification = self.root.get_by_test_id("device-metadata-isVerified")
        self.status_heading = self.root.locator(".mx_DeviceSecurityCard_heading")
        self.verify_button = self.root.get_by_role("button", name=words.verify_session)

    def expect_shown(self) -> None:
        expect(self.tile).to_be_visible()

    def device_id(self) -> str:
        self.expect_shown()
        return self.tile.get_attribute("data-testid").removeprefix("device-tile-")

    def open_details(self) -> SessionDetails:
        device_id = self.device_id()
        self.details_toggle.click()
        details = SessionDetails(self.page, self.words, device_id)
        details.expect_open()
        return details

    def open_menu(self) -> list[str]:
        self.menu_button.click()
        items = self.page.get_by_role("menu").get_by_role("menuitem")
        expect(items.first).to_be_visible()
        return [t.strip() for t in items.all_inner_texts()]

    def choose_from_menu(self, label: str) -> None:
        self.page.get_by_role("menu").get_by_role("menuitem", name=label, exact=True).click()


class OtherSessions:
    def __init__(self, page: Page, words: Vocabulary):
        self.page, self.words = page, words
        self.root = page.get_by_test_id("other-sessions-section")
        self.menu_button = page.get_by_test_id("other-sessions-menu")
        self.list = self.root.locator(".mx_FilteredDeviceList_list")
        self.filter_button = self.root.get_by_role("button", name=words.filter_button)
        self.filter_header = self.root.locator(".mx_FilteredDeviceList_header")
        self.filter_menu = page.get_by_role("listbox")
        self.empty_message = self.root.locator(".mx_FilteredDeviceList_noResults")
        self.clear_filter = page.get_by_test_id("devices-clear-filter-btn")
        self.select_all = page.get_by_test_id("device-select-all-checkbox")
        self.sign_out_selection = page.get_by_test_id("sign-out-selection-cta")
        self.cancel_selection = page.get_by_test_id("cancel-selection-cta")
        self.security_card = self.root.locator(".mx_FilteredDeviceList_securityCard")

    def tile(self, device_id: str) -> SessionTile:
        return SessionTile(self.page, self.words, device_id)

    def device_ids(self) -> list[str]:
        return device_ids_in(self.list)

    def expect_device_ids(self, expected: set[str]) -> None:
        """Wait until the list shows exactly these sessions (any order)."""
        tiles = self.list.locator("[data-testid^='device-tile-']:not([data-testid^='device-tile-checkbox-'])")
        expect(tiles).to_have_count(len(expected))
        for device_id in expected:
            expect(self.list.get_by_test_id(f"device-tile-{device_id}")).to_be_visible()

    # -- filter ----------------------------------------------------------------------------
    def open_filter(self) -> list[str]:
        self.filter_button.click()
        options = self.filter_menu.get_by_role("option")
        expect(options.first).to_be_visible()
        return [t.strip() for t in options.all_inner_texts()]

    def filter_option(self, test_id_suffix: str):
        return self.page.get_by_test_id(f"filter-option-{test_id_suffix}")

    def choose_filter(self, test_id_suffix: str) -> None:
        if not self.filter_menu.is_visible():
            self.open_filter()
        self.filter_option(test_id_suffix).click()
        expect(self.filter_menu).to_be_hidden()

    def current_filter_label(self) -> str:
        return self.filter_button.inner_text().strip()

    # -- menu and selection ----------------------------------------------------------------
    def open_menu(self) -> list[str]:
        self.menu_button.click()
        items = self.page.get_by_role("menu").get_by_role("menuitem")
        expect(items.first).to_be_visible()
        return [t.strip() for t in items.all_inner_texts()]

    def choose_from_menu(self, label: str) -> None:
        self.page.get_by_role("menu").get_by_role("menuitem", name=label, exact=True).click()


class SessionsTab:
    def __init__(self, page: Page, words: Vocabulary):
        self.page = page
        self.recommendations = SecurityRecommendations(page, words)
        self.current = CurrentSession(page, words)
        self.others = OtherSessions(page, words)
        self.heading = page.get_by_role("heading", name=words.sessions_tab, exact=True)

    def expect_loaded(self) -> None:
        self.current.expect_shown()
