"""What element/build.mjs does for start-up speed, checked on the build the suite runs: the crypto
WebAssembly is a file of its own, served so that Chromium can compile it while it streams in and
keep it compiled, and the bundle carries V8's compile hint."""

from __future__ import annotations

import base64

import httpx

from fixtures.stack.element_server import DIST, EmbeddedElement, client_config

CRYPTO_WASM = DIST / "vendor" / "@matrix-org" / "matrix-sdk-crypto-wasm" / "crypto.wasm"
WASM_MAGIC = b"\0asm"


def test_the_crypto_webassembly_is_a_file_and_not_text_in_the_bundle():
    module = CRYPTO_WASM.read_bytes()
    assert module[:4] == WASM_MAGIC
    bundle = (DIST / "bundle.js").read_text(encoding="utf-8")
    # its first bytes as base64 text: the library's own way of shipping them, in the bundle
    assert base64.b64encode(module[:48]).decode() not in bundle
    assert "__harnessWasmResponse(" in bundle  # the loader build.mjs puts in its place


def test_the_bundle_opens_with_the_compile_hint():
    with open(DIST / "bundle.js", encoding="utf-8") as bundle:
        assert bundle.readline().strip() == "//# allFunctionsCalledOnLoad"


def test_the_embedded_server_sends_the_webassembly_as_such():
    web = EmbeddedElement(client_config("http://127.0.0.1:9", None))
    app = web.start()
    try:
        answer = httpx.get(app.url + CRYPTO_WASM.relative_to(DIST).as_posix())
    finally:
        web.stop()
    assert answer.status_code == 200
    # instantiateStreaming refuses any other type (the page would fall back to the slower path)
    assert answer.headers["content-type"] == "application/wasm"
    assert answer.content == CRYPTO_WASM.read_bytes()


def test_a_stopped_element_server_is_revived_on_its_own_port():
    web = EmbeddedElement(client_config("http://127.0.0.1:9", None))
    app = web.start()
    try:
        assert app.answers()
        web.stop()  # what a crashed server thread leaves: nothing answers on the port
        assert not app.answers()
        web.revive()
        assert app.answers()  # the same URL, so the browser's pages and the report stay right
    finally:
        web.stop()
