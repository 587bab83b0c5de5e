"""Element's own crypto, reached through its client's public CryptoApi, for Givens where
verification is not what the scenario tests.

Element is handed the account's private cross-signing keys (what a new session receives when it
signs in by QR code from a verified one) and signs its own device with them, publishing the
signature as it does after the user types the recovery key. The client is the one Element
exposes as `window.mxMatrixClientPeg`, which Element's own end-to-end tests use; the server's
answers are never touched. The UI route keeps its own scenario (features/current_session.feature,
G11).

Not every release's client offers this (3.92's Rust crypto can cross-sign a device but not take
the keys; 3.73's legacy Olm crypto neither): `offers_own_device_signing` asks the page, and where
it says no the caller takes the user's way, the recovery key in Element's dialog.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Callable, Iterator

from playwright.sync_api import Page, Response

from pages import patience

KEYS_UPLOAD = re.compile(r"/_matrix/client/(?:v3|r0)/keys/upload$")

_CLIENT = """const client = window.mxMatrixClientPeg && window.mxMatrixClientPeg.get();
    const crypto = client && client.getCrypto();
    if (!crypto || !crypto.importSecretsBundle || !crypto.crossSignDevice) {
        throw new Error("this Element has no client on window.mxMatrixClientPeg whose crypto API " +
                        "offers importSecretsBundle and crossSignDevice (the Rust crypto's)");
    }"""

# What the page's client offers, asked without failing: the route follows the page, not a version.
_OFFERS_SIGNING = """() => {
    const client = window.mxMatrixClientPeg && window.mxMatrixClientPeg.get();
    const crypto = client && client.getCrypto && client.getCrypto();
    return Boolean(crypto && typeof crypto.importSecretsBundle === "function"
                   && typeof crypto.crossSignDevice === "function");
}"""

_TAKE_KEYS_AND_SIGN_SELF = f"""async (bundle) => {{
    {_CLIENT}
    await crypto.importSecretsBundle(bundle);
    await crypto.crossSignDevice(client.getDeviceId());
}}"""

# True once Element's device list holds the signature it published on its own device.
_OWN_SESSION_VERIFIED = f"""async () => {{
    {_CLIENT}
    const status = await crypto.getDeviceVerificationStatus(client.getUserId(), client.getDeviceId());
    return Boolean(status && status.crossSigningVerified);
}}"""


class ElementCrypto:
    def __init__(self, page: Page):
        self.page = page

    @contextmanager
    def device_keys_upload(self) -> Iterator[Callable[[], None]]:
        """Armed around Element's boot; yields a wait for Element's first upload of its device
        keys. A signature on a device the server does not know yet would be dropped."""
        def uploads_device_keys(response: Response) -> bool:
            return bool(KEYS_UPLOAD.search(response.url)) and "device_keys" in (response.request.post_data or "")

        timeout = patience.ms(patience.APP_START_MS + patience.ASSERTION_MS)
        with self.page.expect_response(uploads_device_keys, timeout=timeout) as upload:
            def wait() -> None:
                assert upload.value.ok, f"Element's upload of its device keys failed: HTTP {upload.value.status}"
            yield wait

    def offers_own_device_signing(self) -> bool:
        """Whether Element's client can take the cross-signing keys and sign its own device
        (importSecretsBundle and crossSignDevice on its CryptoApi)."""
        return bool(self.page.evaluate(_OFFERS_SIGNING))

    def sign_own_device_with(self, cross_signing_bundle: dict) -> None:
        """Hand Element the cross-signing keys, let it sign its own device, and wait until it
        counts its own session as verified."""
        self.page.evaluate(_TAKE_KEYS_AND_SIGN_SELF, cross_signing_bundle)
        self.page.wait_for_function(_OWN_SESSION_VERIFIED, timeout=patience.ms(patience.ASSERTION_MS))
