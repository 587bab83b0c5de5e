"""The settings dialog and its vertical tab list."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.vocabulary import Vocabulary


class SettingsDialog:
    def __init__(self, page: Page, words: Vocabulary):
        self.words = words
        self.root = page.get_by_role("dialog")
        self.tab_list = self.root.get_by_role("tablist")
        self.tabs = self.root.get_by_role("tab")
        self.selected_tab = self.root.get_by_role("tab", selected=True)
        self.close_button = self.root.get_by_role("button", name=words.close_dialog)

    def close(self) -> None:
        self.close_button.click()
        expect(self.tab_list).to_be_hidden()

    def expect_open(self) -> None:
        expect(self.tab_list).to_be_visible()

    def selected_tab_name(self) -> str:
        expect(self.selected_tab).to_have_count(1)
        return self.selected_tab.inner_text().strip()

    def expect_first_tab_selected(self) -> str:
        """The tab the dialog opened on is the first in the list, by position; returns its name."""
        expect(self.tabs.first).to_have_attribute("aria-selected", "true")
        expect(self.selected_tab).to_have_count(1)
        return self.tabs.first.inner_text().strip()

    def tab_names(self) -> list[str]:
        expect(self.tabs.first).to_be_visible()
        return [t.strip() for t in self.tabs.all_inner_texts()]

    def open_tab(self, name: str) -> None:
        self.root.get_by_role("tab", name=name, exact=True).click()
        expect(self.selected_tab).to_have_text(name)
