"""Dialogs the Sessions settings open: sign-out question, password prompt, verification."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.vocabulary import Vocabulary


class SignOutQuestion:
    """"Are you sure you want to sign out of N sessions?" with Sign out / Cancel.

    Element asks this before signing out other sessions; the password prompt comes after.
    """

    def __init__(self, page: Page, words: Vocabulary):
        self.words = words
        self.root = page.get_by_role("dialog").filter(
            has=page.get_by_role("heading", name=words.sign_out_question_title, exact=True))
        self.title = self.root.get_by_role("heading", name=words.sign_out_question_title, exact=True)
        self.confirm_button = self.root.get_by_role("button", name=words.sign_out_question_title, exact=True)
        self.cancel_button = self.root.get_by_role("button", name=words.cancel, exact=True)

    def expect_asking(self, n: int) -> None:
        """Open, and asking about exactly n sessions."""
        expect(self.root).to_contain_text(self.words.sign_out_question_text(n))

    def confirm(self) -> None:
        self.confirm_button.click()
        expect(self.title).to_be_hidden()

    def cancel(self) -> None:
        self.cancel_button.click()
        expect(self.title).to_be_hidden()


class PasswordPrompt:
    """User-interactive auth: the "Authentication" dialog asking for the account password."""

    def __init__(self, page: Page, words: Vocabulary):
        self.root = page.get_by_role("dialog").filter(has=page.get_by_label(words.password_field))
        self.title = self.root.get_by_role("heading", name=words.password_dialog_title)
        self.password = self.root.get_by_label(words.password_field)
        self.continue_button = self.root.get_by_role("button", name=words.continue_button)
        self.error = self.root.get_by_role("alert")
        self.close_button = self.root.get_by_role("button", name=words.close_dialog)

    def expect_open(self) -> None:
        expect(self.title).to_be_visible()
        expect(self.password).to_be_visible()

    def submit(self, password: str) -> None:
        self.expect_open()
        self.password.fill(password)
        self.continue_button.click()

    def expect_closed(self) -> None:
        expect(self.password).to_be_hidden()

    def expect_error(self) -> str:
        """The prompt stays open and says why the password was refused; returns what it says."""
        expect(self.error).to_be_visible()
        self.expect_open()
        return self.error.inner_text().strip()

    def dismiss(self) -> None:
        self.close_button.click()
        self.expect_closed()
