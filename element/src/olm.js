// Olm, the legacy crypto library, for releases whose matrix-js-sdk still encrypts with it
// (versions/<v>/package.json "harness": {"olm": true}). Started the way Element Web's own start-up
// did (src/vector/init.tsx, loadOlm): the global `Olm`, initialised with its WebAssembly, before
// the client starts. Without it matrix-js-sdk 26-31 starts with encryption disabled.
import Olm from "@matrix-org/olm";
import olmWasmPath from "@matrix-org/olm/olm.wasm";

export async function loadOlm() {
    // olm.js sets window.Olm itself when it is evaluated in a page; say so explicitly.
    window.Olm = Olm;
    try {
        await Olm.init({ locateFile: () => new URL(olmWasmPath, document.baseURI).href });
        console.log("Using WebAssembly Olm");
    } catch (e) {
        // As Element Web: log, and go on (encryption is then unavailable).
        console.error("Failed to load Olm", e);
    }
}
