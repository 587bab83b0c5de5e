// setImmediate and clearImmediate, Node globals that matrix-react-sdk up to 3.92 calls without a
// guard (Modal's rendering of a dialog over another, RoomListStore's dispatches, Lifecycle's
// logout, context menus). Element Web's own webpack build supplied them; a browser has neither, and
// without them a release's second dialog (e.g. "Verify this session" over the Settings) never
// renders ("ReferenceError: setImmediate is not defined"). esbuild "inject"s this file into a
// release's build (build.mjs), so every free reference binds to these; the default build does not
// use them.
export function setImmediate(callback, ...args) {
    return setTimeout(callback, 0, ...args);
}

export function clearImmediate(handle) {
    clearTimeout(handle);
}
