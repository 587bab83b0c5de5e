// Hash routing between the URL bar and MatrixChat, the way Element Web does it:
// "#/room/!id:server?via=x" <-> MatrixChat.showScreen("room/!id:server", {via: "x"}).

let matrixChat = null;
// The hash we last wrote ourselves; its hashchange event must not be routed back.
let lastHashWeSet = null;

/** Parse a query string ("a=1&b=2&b=3") into {a: "1", b: ["2", "3"]}. */
export function parseQueryString(qs) {
    const out = {};
    for (const [key, value] of new URLSearchParams(qs)) {
        if (key in out) {
            out[key] = Array.isArray(out[key]) ? [...out[key], value] : [out[key], value];
        } else {
            out[key] = value;
        }
    }
    return out;
}

/** {screen, params} for a location: screen is the hash path without the leading "#/". */
export function screenFromLocation(location) {
    let fragment = location.hash.replace(/^#/, "");
    let query = "";
    const q = fragment.indexOf("?");
    if (q >= 0) {
        query = fragment.slice(q + 1);
        fragment = fragment.slice(0, q);
    }
    let screen = fragment.replace(/^\//, "");
    try {
        screen = decodeURIComponent(screen);
    } catch {
        // leave undecodable input as it is
    }
    return { screen, params: parseQueryString(query) };
}

/** The screen to go to once logged in, from the URL the page was opened with. */
export function initialScreenAfterLogin(location) {
    const s = screenFromLocation(location);
    return s.screen ? s : undefined;
}

/** MatrixChat's onNewScreen: the app moved to `screen`, reflect it in the URL. */
export function onNewScreen(screen, replaceLast = false) {
    const hash = "#/" + screen;
    lastHashWeSet = hash;
    // Dropping parameters of the same room link (e.g. "via") replaces the history entry.
    if (
        screen.startsWith("room/") &&
        window.location.hash.includes("/$") === hash.includes("/$") &&
        window.location.hash.startsWith(hash)
    ) {
        replaceLast = true;
    }
    if (replaceLast) {
        window.location.replace(hash);
    } else {
        window.location.assign(hash);
    }
}

function onHashChange() {
    let current = window.location.hash;
    try {
        current = decodeURIComponent(current);
    } catch {
        // compare raw
    }
    if (current === lastHashWeSet) return;
    if (!matrixChat) return;
    const { screen, params } = screenFromLocation(window.location);
    matrixChat.showScreen(screen, params);
}

/** Start routing hash changes to the given MatrixChat instance (null detaches). */
export function attach(instance) {
    matrixChat = instance;
}

export function init() {
    window.addEventListener("hashchange", onHashChange);
}
