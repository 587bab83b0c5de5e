"""Is what the user should click really the topmost thing at its place on screen?

Playwright's visibility means "has a box and is not hidden"; a menu painted UNDER a dialog is
still "visible" to it. Element 3.114 does that: context menus live in their own container whose
stacking order is the order the containers were first made, so a menu opened inside the settings
dialog is painted beneath it when another menu (the profile menu, the guide's way in) was opened
before any dialog on that page load. This check says so instead of letting a click time out.
"""

from __future__ import annotations

from playwright.sync_api import Locator, expect

_TOPMOST = """e => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (hit && (hit === e || e.contains(hit))) return null;
    // Evidence for the failure's screenshot: what covers the item, outlined in red.
    if (hit) hit.style.outline = '4px solid #e00';
    const owner = hit && hit.closest('[id]');
    const dialog = hit && hit.closest('[role=dialog]');
    return (hit ? hit.tagName.toLowerCase() + '.' + [...hit.classList].join('.') : 'nothing')
        + (owner ? ' in #' + owner.id : '')
        + (dialog && !dialog.contains(e) ? ', part of a dialog (' + (dialog.getAttribute('aria-label')
            || document.getElementById(dialog.getAttribute('aria-labelledby'))?.innerText || 'untitled') + ')' : '');
}"""


def expect_on_top(target: Locator, what: str) -> None:
    """Fail, naming what covers it, unless `target` is what a pointer at its centre would hit."""
    expect(target).to_be_visible()
    covered_by = target.evaluate(_TOPMOST)
    assert covered_by is None, (f"{what} is open but painted under {covered_by}: "
                                f"the user cannot see or click it")
