"""Documented states: a step says which one it leaves the page in, where it is defined, and the
report pictures and audits the page there (report/pictures.py, report/a11y_audit.py).

    @then("the settings open on their first tab")
    @documented_state("settings-first-tab")
    def settings_on_first_tab(...): ...

The statements a state illustrates come from the model (its `states:`). A state may take one of
the step's arguments: `filter-{name}` after "... that match {name} on the server".
"""

from __future__ import annotations

from inspect import signature
from string import Formatter
from typing import Callable, TypeVar

from guide import GUIDE, MODEL_FILE
from guide.model import GuideError

F = TypeVar("F", bound=Callable)
ATTRIBUTE = "documented_state"


def documented_state(state: str) -> Callable[[F], F]:
    """Mark a step function as showing `state`, one of the model's documented states."""
    if state not in GUIDE.states():
        raise GuideError(f"documented state {state!r} is no statement's: add it to a statement's "
                         f"states in {MODEL_FILE.name}, or correct the name")

    def mark(step_func: F) -> F:
        missing = [f for _, f, _, _ in Formatter().parse(state) if f and f not in signature(step_func).parameters]
        if missing:
            raise GuideError(f"{step_func.__qualname__}: documented state {state!r} takes {missing[0]!r}, "
                             f"which the step does not")
        setattr(step_func, ATTRIBUTE, state)
        return step_func
    return mark


def state_of(step_func: Callable, step_args: dict) -> tuple[str, tuple[str, ...]] | None:
    """The documented state a step function has left the page in, named with its arguments, and
    the statements it illustrates; None for a step that declares none."""
    state = getattr(step_func, ATTRIBUTE, None)
    if state is None:
        return None
    return state.format(**step_args).lower(), GUIDE.states()[state]
