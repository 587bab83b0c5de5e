"""pytest plugin: accessibility audit of every documented state, with axe-core (the engine Element's own
end-to-end tests use), in a --conformance run.

Where report/pictures.py pictures a documented state (the menu open, each filter, the details, the
sign-out and password dialogs, ticked sessions, ...), axe-core from npm (report/axe/) is injected
into the page and run; each state is audited once per process. Its violations are pictured with
the offending nodes outlined, listed in the report's Accessibility section and in a11y.json, and
judged in report/a11y.py.

Element's own audit narrows axe only by leaving out floating-ui portals (tooltips); so does this.
"""

from __future__ import annotations

import re

import pytest

from report.a11y import AXE_SCRIPT, EXCLUDE
from report.pictures import PICTURES, picture
from report.plugin import pictures_dir

_RUN_AXE = """async exclude => {
    const result = await window.axe.run({exclude}, {resultTypes: ['violations']});
    return result.violations.map(v => ({
        rule: v.id, impact: v.impact, help: v.help, help_url: v.helpUrl,
        nodes: v.nodes.map(n => ({target: n.target.flat().join(' '), html: n.html.slice(0, 300)})),
    }));
}"""

_OUTLINE = """targets => {
    for (const t of targets) for (const e of document.querySelectorAll(t)) {
        e.dataset.harnessA11yOutline = e.style.outline;
        e.style.outline = '3px solid #d400ff';
    }
}"""

_UNOUTLINE = """() => {
    for (const e of document.querySelectorAll('[data-harness-a11y-outline]')) {
        e.style.outline = e.dataset.harnessA11yOutline;
        delete e.dataset.harnessA11yOutline;
    }
}"""

_AUDITED = pytest.StashKey[set]()


class AxeMissing(RuntimeError):
    """axe-core is not installed (make setup installs it)."""


def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        raise AxeMissing(f"no axe-core at {AXE_SCRIPT}: run `make setup` (npm ci in report/axe)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def audit(page) -> list[dict]:
    """axe's violations on the page as it is now."""
    if not page.evaluate("() => !!window.axe"):
        page.evaluate(_axe_source())
    return page.evaluate(_RUN_AXE, EXCLUDE)


def _state_of(step_name: str) -> tuple[str, tuple[str, ...]] | None:
    for pattern, name, guide_ids in PICTURES:
        match = re.fullmatch(pattern, step_name)
        if match:
            return name.format(**match.groupdict()).lower(), guide_ids
    return None


@pytest.hookimpl(trylast=True)  # after report/pictures.py has pictured the state as the user sees it
def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args) -> None:
    if pictures_dir(request.config) is None:
        return
    state = _state_of(step.name)
    audited = request.config.stash.setdefault(_AUDITED, set())
    if state is None or state[0] in audited:
        return
    audited.add(state[0])
    name, guide_ids = state
    page = request.getfixturevalue("page")
    violations = audit(page)
    shot = None
    if violations:
        page.evaluate(_OUTLINE, [n["target"] for v in violations for n in v["nodes"]])
        try:
            picture(request, f"a11y-{name}", guide_ids, record=False)
            shot = f"screenshots/a11y-{name}.png"
        finally:
            page.evaluate(_UNOUTLINE)
    request.node.user_properties.append(("a11y", {"state": name, "guide_ids": list(guide_ids),
                                                  "violations": violations, "screenshot": shot}))


# -- the controller folds the audits together ------------------------------------------------
class AuditCollector:
    """Each state's first audit, from the reports (under xdist they come from the workers)."""

    def __init__(self) -> None:
        self.audits: dict[str, dict] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "teardown":
            return
        for key, value in report.user_properties:
            if key == "a11y":
                self.audits.setdefault(value["state"], value)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(AuditCollector(), "a11y-collector")


