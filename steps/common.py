"""Shared Givens and the per-scenario wiring of page objects: who is signed in, in which browser."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page
from pytest_bdd import given

from fixtures.accounts import Account
from fixtures.browser import injection_script
from fixtures.matrix_client import Session
from pages.element_app import ElementApp
from pages.login_page import LoginPage
from pages.sessions_tab import SessionsTab
from pages.settings_dialog import SettingsDialog
from pages.user_menu import UserMenu
from pages.vocabulary import Vocabulary

BROWSER_SESSION_NAME = "Harness browser"


@dataclass
class BrowserUser:
    """The scenario's user and the session its browser is signed in with."""

    account: Account
    session: Session


# -- page objects, one set per scenario ------------------------------------------------------
@pytest.fixture
def app(page: Page, words: Vocabulary, element_app) -> ElementApp:
    return ElementApp(page, words, element_app.url)


@pytest.fixture
def user_menu(page: Page, words: Vocabulary) -> UserMenu:
    return UserMenu(page, words)


@pytest.fixture
def settings(page: Page, words: Vocabulary) -> SettingsDialog:
    return SettingsDialog(page, words)


@pytest.fixture
def sessions_tab(page: Page, words: Vocabulary) -> SessionsTab:
    return SessionsTab(page, words)


@pytest.fixture
def login_page(page: Page, words: Vocabulary) -> LoginPage:
    return LoginPage(page, words)


# -- who is signed in ------------------------------------------------------------------------
@pytest.fixture
def browser_session(account: Account) -> Session:
    """The device the browser will use, made by /login with no keys: Element uploads its own."""
    return account.login(display_name=BROWSER_SESSION_NAME)


@given("a user signed in to Element in the browser", target_fixture="user")
def signed_in_user(account: Account, browser_session: Session, page: Page, app: ElementApp,
                   element_app) -> BrowserUser:
    page.context.add_init_script(injection_script(element_app.url, browser_session))
    app.open()
    app.expect_signed_in()
    return BrowserUser(account, browser_session)


@given("a user at Element's login page", target_fixture="user")
def user_at_login_page(account: Account, app: ElementApp) -> BrowserUser:
    app.page.goto(app.url + "#/login")
    app.expect_login_page()
    return BrowserUser(account, session=None)
