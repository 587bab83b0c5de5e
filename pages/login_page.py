"""Element's login form: username (the localpart) and password."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.vocabulary import Vocabulary


class LoginPage:
    def __init__(self, page: Page, words: Vocabulary):
        self.page = page
        self.username = page.get_by_label(words.username_field, exact=True)
        self.password = page.get_by_label(words.password_field, exact=True)
        self.sign_in = page.get_by_role("button", name=words.sign_in_button, exact=True)

    def sign_in_as(self, localpart: str, password: str) -> None:
        # The localpart, not the full user id: a full id makes Element look the server name up
        # (well-known discovery of "localhost"), which fails on a loopback homeserver.
        self.username.fill(localpart)
        self.password.fill(password)
        self.sign_in.click()
