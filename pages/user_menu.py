"""The avatar top left and the menu it opens."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from pages.vocabulary import Vocabulary


class UserMenu:
    def __init__(self, page: Page, words: Vocabulary):
        self.words = words
        self.button = page.get_by_role("button", name=words.user_menu_button)
        self.avatar = self.button.get_by_test_id("avatar-img")
        self.menu = page.get_by_role("menu")
        self.items = self.menu.get_by_role("menuitem")

    def expect_avatar_letter(self, letter: str) -> str:
        """Wait until the avatar shows this letter, in any case (Element re-renders it once the
        profile loads; CSS may upper-case it)."""
        expect(self.avatar).to_have_text(re.compile(rf"^\s*{re.escape(letter)}\s*$", re.IGNORECASE))
        return self.avatar.inner_text().strip()

    def open(self) -> None:
        self.button.click()
        expect(self.menu).to_be_visible()

    def item(self, label: str) -> Locator:
        return self.menu.get_by_role("menuitem", name=label)

    def item_labels(self) -> list[str]:
        expect(self.items.first).to_be_visible()
        return [label.strip() for label in self.items.all_inner_texts()]

    def choose(self, label: str) -> None:
        self.item(label).click()
