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
    const owner = hit && hit.closest('[id]');
    return (hit ? hit.tagName.toLowerCase() + '.' + [...hit.classList].join('.') : 'nothing')
        + (owner ? ' in #' + owner.id : '');
}"""


_COVERING_DIALOG = """e => {
    const r = e.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const dialog = hit && hit.closest('[role=dialog]');
    return !!dialog && !dialog.contains(e);
}"""


def covering(target: Locator) -> str | None:
    """What a pointer at the target's centre would hit instead of it; None when it is on top."""
    expect(target).to_be_visible()
    return target.evaluate(_TOPMOST)


def covered_by_a_dialog(target: Locator) -> bool:
    """True when a dialog that does not hold the target is what a pointer at its centre hits."""
    expect(target).to_be_visible()
    return target.evaluate(_COVERING_DIALOG)


def expect_on_top(target: Locator, what: str) -> None:
    """Fail, naming what covers it, unless `target` is what a pointer at its centre would hit."""
    expect(target).to_be_visible()
    covered_by = target.evaluate(_TOPMOST)
    assert covered_by is None, (f"{what} is open but painted under {covered_by}: "
                                f"the user cannot see or click it")
