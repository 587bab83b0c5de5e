"""How long the harness waits for the page to show something.

The waits are on what the user would see; these are only how long they may take. They are set
for this kind of machine under load; a run that emulates a device N times slower (--cpu-throttle N)
waits up to N times as long, since such a device shows the same things up to N times later: the
slowdown and Playwright's own two default waits are kept with the device's emulation
(fixtures/stack/throttling.py), which the browser chain sets from the options.
"""

from __future__ import annotations

from fixtures.stack.throttling import ACTION_MS, ASSERTION_MS, ms, set_slowdown

__all__ = ["ACTION_MS", "APP_START_MS", "ASSERTION_MS", "QUIET_MS", "ms", "set_slowdown"]

APP_START_MS = 30_000   # Element's boot, from the page load to the user menu or the login form
QUIET_MS = 15_000       # until Element has no Matrix request in flight

