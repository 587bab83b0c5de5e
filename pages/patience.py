"""How long the harness waits for the page to show something.

The waits are on what the user would see; these are only how long they may take. They are set
for this kind of machine under load; a run that emulates a device N times slower (--cpu-throttle N)
waits up to N times as long, since such a device shows the same things up to N times later.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

ASSERTION_MS = 15_000   # web-first assertions (Playwright's 5 s is short for a loaded 2-core machine)
ACTION_MS = 30_000      # clicks, typing, navigation: Playwright's own default
APP_START_MS = 30_000   # Element's boot, from the page load to the user menu or the login form
QUIET_MS = 15_000       # until Element has no Matrix request in flight

_slowdown = 1.0


def set_slowdown(factor: float) -> None:
    """Every wait from now on allows `factor` times as long (1: this machine's own speed)."""
    global _slowdown
    _slowdown = factor
    expect.set_options(timeout=ms(ASSERTION_MS))


def ms(base_ms: int) -> float:
    return base_ms * _slowdown


def apply_to(page: Page) -> None:
    page.set_default_timeout(ms(ACTION_MS))


set_slowdown(1.0)
