"""Element's LogoutDialog: what signing out of the current session asks before it signs out.

Element shows one of two forms. With no key backup on the account it warns "You'll lose access to
your encrypted messages" and the way on is "I don't want my encrypted messages"; with a working
backup (or no crypto) it asks "Are you sure you want to sign out?" with a Sign out button.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from pages.vocabulary import Vocabulary


class LogoutDialog:
    def __init__(self, page: Page, words: Vocabulary):
        self.words = words
        # Dialogs are found by their visible title: Element gives every dialog the same
        # aria-labelledby id, so with Settings open underneath, the accessible names collide.
        self.question = page.get_by_role("dialog").filter(
            has=page.get_by_role("heading", name=words.logout_confirm, exact=True)).filter(
            has_text=words.logout_question)
        self.question_confirm = self.question.get_by_role("button", name=words.logout_confirm, exact=True)
        self.lose_keys = page.get_by_role("dialog").filter(
            has=page.get_by_role("heading", name=words.logout_lose_keys_title, exact=True))
        self.skip_backup = self.lose_keys.get_by_role("button", name=words.logout_skip_backup, exact=True)

    def confirm(self) -> str:
        """Go on with signing out, in whichever form Element asks; returns that form's title."""
        way_on = self.question_confirm.or_(self.skip_backup)
        expect(way_on).to_be_visible()
        if self.skip_backup.is_visible():
            title = self.words.logout_lose_keys_title
            self.skip_backup.click()
        else:
            title = self.words.logout_question
            self.question_confirm.click()
        expect(way_on).to_be_hidden()
        return title
