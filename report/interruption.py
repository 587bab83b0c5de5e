"""SIGINT and SIGTERM stop a run the same way, and the moment is remembered (the hooks that call
this are in report/plugin_run_control.py).

pytest ends on KeyboardInterrupt with fixture teardown, so SIGTERM is turned into one too: a
killed run still stops its Synapse and browser. The time the signal arrived lets the report
tell a scenario cut short from one that failed: Chromium and the xdist workers get the signal
too, so a scenario may fail ("Target closed") just after it; a failure that ends after the
signal is an interruption, not a finding about Element.
"""

from __future__ import annotations

import signal
import time

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_state: dict = {"at": None, "signal": None, "finishing": False, "late": None}
_previous: dict = {}


def interrupted_at() -> float | None:
    """time.time() when this process first got SIGINT or SIGTERM, or None."""
    return _state["at"]


def signal_name() -> str | None:
    return _state["signal"]


def _on_signal(signum, frame):
    name = signal.Signals(signum).name
    if _state["finishing"] and _state["at"] is None and _state["late"] is None:
        # Every scenario had ended: let the run tear down and write its report (a second
        # signal still stops it).
        _state["late"] = name
        return
    if _state["at"] is None:
        _state.update(at=time.time(), signal=name)
    raise KeyboardInterrupt(f"signal {name}")


def install() -> None:
    """Catch SIGINT and SIGTERM (report/plugin_run_control.py calls this at configure time)."""
    _state.update(at=None, signal=None, finishing=False, late=None)
    for sig in SIGNALS:
        # Only where nobody else (a parent harness, pytester) has put a handler of its own.
        if signal.getsignal(sig) in (signal.SIG_DFL, signal.default_int_handler):
            _previous[sig] = signal.signal(sig, _on_signal)


def restore() -> None:
    for sig, handler in _previous.items():
        signal.signal(sig, handler)
    _previous.clear()


def every_scenario_has_ended() -> None:
    _state["finishing"] = True


def refuse_after_signal() -> None:
    # A KeyboardInterrupt raised inside Playwright's event loop can be swallowed there, and the
    # scenario then fails on a dead browser instead; do not start another one after a signal.
    if _state["at"] is not None:
        raise KeyboardInterrupt(f"signal {_state['signal']} received earlier")
