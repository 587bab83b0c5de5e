"""pages/element_crypto.py on a page that is not Element: a clear error, not a JavaScript one
about an undefined property."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error

from fixtures.matrix.crypto import CrossSigning
from pages.element_crypto import ElementCrypto


def test_an_element_without_the_crypto_api_is_named_as_such(page, element_server):
    page.goto(element_server.url + "welcome.html")  # served with Element, but not Element
    with pytest.raises(Error, match=r"no client on window\.mxMatrixClientPeg whose crypto API offers "
                                    r"importSecretsBundle and crossSignDevice"):
        ElementCrypto(page).sign_own_device_with(CrossSigning("@nobody:localhost").secrets_bundle())
