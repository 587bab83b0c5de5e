"""Shared by the stack tests that check the harness's page code on a page of their own."""

from __future__ import annotations

import pytest

from fixtures.stack.browser import find_chromium


@pytest.fixture(scope="module")
def chromium_browser(playwright):
    """Debian's Chromium, headless, for a module's hand-made pages."""
    chromium = playwright.chromium.launch(executable_path=find_chromium(), headless=True)
    yield chromium
    chromium.close()
