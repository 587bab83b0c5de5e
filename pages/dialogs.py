"""Dialogs the Sessions settings open: sign-out question, password prompt, verification."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.vocabulary import Vocabulary


class SignOutQuestion:
    """"Are you sure you want to sign out of N sessions?" with Sign out / Cancel."""

    def __init__(self, page: Page, words: Vocabulary):
        self.root = page.get_by_role("dialog").filter(has_text=words.menu_sign_out).last
        self.confirm_button = self.root.get_by_role("button", name=words.menu_sign_out, exact=True)
        self.cancel_button = self.root.get_by_role("button", name=words.cancel, exact=True)

    def confirm(self) -> None:
        self.confirm_button.click()

    def cancel(self) -> None:
        self.cancel_button.click()
        expect(self.cancel_button).to_be_hidden()


class PasswordPrompt:
    """User-interactive auth: the "Authentication" dialog asking for the account password."""

    def __init__(self, page: Page, words: Vocabulary):
        self.root = page.get_by_role("dialog").filter(has=page.get_by_label(words.password_field))
        self.title = self.root.get_by_role("heading")
        self.password = self.root.get_by_label(words.password_field)
        self.continue_button = self.root.get_by_role("button", name=words.continue_button)
        self.error = self.root.locator(".error")
        self.close_button = self.root.get_by_role("button", name="Close dialog")

    def expect_open(self) -> None:
        expect(self.password).to_be_visible()

    def submit(self, password: str) -> None:
        self.expect_open()
        self.password.fill(password)
        self.continue_button.click()

    def expect_closed(self) -> None:
        expect(self.password).to_be_hidden()

    def dismiss(self) -> None:
        self.close_button.click()
        self.expect_closed()
