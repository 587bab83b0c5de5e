"""Requests the page has in flight to the homeserver, counted in the page itself.

A script added before Element loads wraps fetch (matrix-js-sdk's transport) and counts the
requests under /_matrix/ that have not answered yet, the long-polling /sync aside. It changes
nothing that is sent or answered; it only lets a step wait until Element has finished talking
to the server before the server is asked what happened.
"""

from __future__ import annotations

from playwright.sync_api import Page

from pages import patience

COUNTING_SCRIPT = """(() => {
    if (window.__harnessPendingMatrix !== undefined) return;
    window.__harnessPendingMatrix = 0;
    const original = window.fetch.bind(window);
    window.fetch = (input, init) => {
        const url = typeof input === 'string' ? input : (input && input.url) || '';
        const counted = url.includes('/_matrix/') && !url.includes('/sync');
        if (!counted) return original(input, init);
        window.__harnessPendingMatrix += 1;
        return original(input, init).finally(() => { window.__harnessPendingMatrix -= 1; });
    };
})();"""



def wait_for_quiet_network(page: Page) -> None:
    page.wait_for_function("() => (window.__harnessPendingMatrix ?? 0) === 0", timeout=patience.ms(patience.QUIET_MS))
