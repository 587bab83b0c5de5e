"""Accessibility audit of every documented state, with axe-core (the engine Element's own
end-to-end tests use), in a --conformance run (report/plugin_collect.py calls it after each step).

Where report/pictures.py pictures a documented state (the menu open, each filter, the details, the
sign-out and password dialogs, ticked sessions, ...: each declared by its step, guide/states.py),
axe-core from npm (report/axe/) is injected into the page and run on what the state is about, once
the page has settled (no animation running, fonts loaded); when a transition or animation ran
during the audit (Element fades a tooltip in under the pointer after a delay), it is made again
once the page is still:

- a modal dialog is open: the topmost one and the menus portalled beside it (what the user can reach);
  what the dialogs cover is audited as a state of its own, `behind-<dialog>` (named after the
  dialog directly over the page), not as part of each dialog state;
- no dialog: the whole page, with its open menus.

Every time a state is reached it is audited again; each scenario's audits travel with its other
results (into scenarios.json too, so a merge of shards judges them), and the report keeps the
union of the violations by rule and node, so the result does not depend on which scenario got
there first. Violations are pictured with the offending nodes outlined (once per state and
process), listed in the report's Accessibility section and in a11y.json, and judged in
report/a11y.py.

Element's own audit narrows axe only by leaving out floating-ui portals (tooltips); so does this.
"""

from __future__ import annotations

import logging

import pytest

from guide import state_of
from pages.patience import ASSERTION_MS, ms
from report.a11y import AXE_SCRIPT, EXCLUDE
from report.pictures import picture, pictures_dir

# A modal dialog: aria-modal, or Element's Modal wrapper (its background covers the page; Element
# 3.114 sets no aria-modal). Menus: Element's context menus and compound's (Radix) are portalled to
# the body, outside the dialog that opened them; their background, too, covers the page.
WHERE = {"dialog": "[role=dialog][aria-modal=true], .mx_Dialog_wrapper [role=dialog]",
         "layer": ".mx_Dialog_wrapper",
         "menus": "#mx_ContextualMenu_Container > *, [data-radix-popper-content-wrapper]",
         "portals": "#mx_ContextualMenu_Container, [data-radix-popper-content-wrapper]",
         "exclude": EXCLUDE}

# Settled: fonts loaded and no animation or transition still to finish (an endless one, a
# spinner, never finishes and does not count).
_SETTLED = """() => document.fonts.status === 'loaded' && document.getAnimations().every(a =>
    a.effect?.getComputedTiming().iterations === Infinity || (!a.pending && a.playState !== 'running'))"""

# What the state is about, and what it covers (a state of its own, `behind-...`): the topmost
# dialog and its menus over the rest; else an open menu over the page; else the page.
_SCOPES = """
    const shown = e => e.getClientRects().length > 0;
    const all = selector => [...document.querySelectorAll(selector)].filter(shown);
    const onTop = e => { const r = e.getBoundingClientRect();
                         return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); };
    const dialogName = d => (String(d.className).match(/mx_(\\w+?)Dialog\\b/) || [, 'Modal'])[1]
        .replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() + '-dialog';
    const dialogs = all(where.dialog), menus = all(where.menus), floating = all(where.exclude);
    const page = [document.documentElement];
    const covering = [...dialogs.map(d => d.closest(where.layer) || d), ...all(where.portals), ...floating];
    const scopes = [];
    if (dialogs.length) {
        const top = dialogs.find(onTop) || dialogs[dialogs.length - 1];
        const under = dialogs.find(d => d !== top) || top;
        scopes.push({scope: 'dialog', include: [top, ...menus], exclude: floating},
                    {scope: 'behind', covered_by: dialogName(under), include: page, exclude: covering});
    } else if (menus.length) {
        scopes.push({scope: 'menu', include: menus, exclude: floating},
                    {scope: 'behind', covered_by: 'menu', include: page, exclude: covering});
    } else scopes.push({scope: 'page', include: page, exclude: floating});
"""

# `moved`: a transition or animation ran during the audit (a tooltip fading in under the pointer,
# say), so axe may have read colours half-way; such an audit is made again once the page is still.
_RUN_AXE = """async where => {""" + _SCOPES + """
    const settled = """ + _SETTLED + """;
    let moved = !settled();
    const onMove = () => { moved = true; };
    const kinds = ['transitionrun', 'transitionstart', 'animationstart'];
    kinds.forEach(kind => document.addEventListener(kind, onMove, true));
    const audits = [];
    try {
        for (const {include, exclude, ...scope} of scopes) {  // one at a time: axe runs once at a time
            const result = await window.axe.run({include, exclude}, {resultTypes: ['violations']});
            audits.push({...scope, violations: result.violations.map(v => ({
                rule: v.id, impact: v.impact, help: v.help, help_url: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.flat().join(' '), html: n.html.slice(0, 300),
                                          summary: (n.failureSummary || '').slice(0, 400)})),
            }))});
        }
    } finally {
        kinds.forEach(kind => document.removeEventListener(kind, onMove, true));
    }
    return {audits, moved: moved || !settled()};
}"""
# How many times an audit is made when the page keeps moving during it; the last one stands.
AUDIT_ATTEMPTS = 3

# Outline the violating nodes; for what the dialogs cover, also hide the dialogs (and their
# background) so the picture shows it. _UNOUTLINE puts both back, and the focus too: hiding a menu
# blurs its focused item, and the scenario's next step (a keyboard pick) starts from that focus.
_OUTLINE = """({targets, hide}) => {
    window.harnessA11yFocus = document.activeElement;
    for (const t of targets) for (const e of document.querySelectorAll(t)) {
        e.dataset.harnessA11yOutline = e.style.outline;
        e.style.outline = '3px solid #d400ff';
    }
    if (hide) for (const e of document.querySelectorAll(hide)) {
        e.dataset.harnessA11yVisibility = e.style.visibility;
        e.style.visibility = 'hidden';
    }
}"""

_UNOUTLINE = """() => {
    const focused = window.harnessA11yFocus;
    delete window.harnessA11yFocus;
    for (const e of document.querySelectorAll('[data-harness-a11y-outline]')) {
        e.style.outline = e.dataset.harnessA11yOutline;
        delete e.dataset.harnessA11yOutline;
    }
    for (const e of document.querySelectorAll('[data-harness-a11y-visibility]')) {
        e.style.visibility = e.dataset.harnessA11yVisibility;
        delete e.dataset.harnessA11yVisibility;
    }
    if (focused && focused.isConnected && document.activeElement !== focused) focused.focus({preventScroll: true});
}"""

_PICTURED = pytest.StashKey[set]()
log = logging.getLogger(__name__)


class AxeMissing(RuntimeError):
    """axe-core is not installed (make setup installs it)."""


def _axe_source() -> str:
    if not AXE_SCRIPT.exists():
        raise AxeMissing(f"no axe-core at {AXE_SCRIPT}: run `make setup` (npm ci in report/axe)")
    return AXE_SCRIPT.read_text(encoding="utf-8")


def audit(page) -> list[dict]:
    """axe's violations on what the page shows once settled: per scope (page, or the top dialog
    and what the dialogs cover), its violations."""
    for attempt in range(1, AUDIT_ATTEMPTS + 1):
        page.wait_for_function(_SETTLED, timeout=ms(ASSERTION_MS))
        if not page.evaluate("() => !!window.axe"):
            page.evaluate(_axe_source())
        said = page.evaluate(_RUN_AXE, WHERE)
        if not said["moved"]:
            break
        log.info("accessibility audit %d of %d: the page moved during it (a transition or animation "
                 "started); %s", attempt, AUDIT_ATTEMPTS,
                 "audited again once still" if attempt < AUDIT_ATTEMPTS else "this audit stands")
    return said["audits"]


def _state_name(documented: str, scope: dict) -> str:
    return f"behind-{scope['covered_by']}" if scope["scope"] == "behind" else documented


def _picture_once(request, page, name: str, scope: dict) -> str | None:
    """The state with its violating nodes outlined, the first time this process finds any there."""
    pictured = request.config.stash.setdefault(_PICTURED, set())
    if not scope["violations"] or name in pictured:
        return None
    pictured.add(name)
    page.evaluate(_OUTLINE, {"targets": [n["target"] for v in scope["violations"] for n in v["nodes"]],
                             "hide": f"{WHERE['layer']}, {WHERE['portals']}" if scope["scope"] == "behind" else None})
    try:
        picture(request, f"a11y-{name}", (), record=False)
    finally:
        page.evaluate(_UNOUTLINE)
    return f"screenshots/a11y-{name}.png"


def audit_documented_state(request: pytest.FixtureRequest, step_func, step_func_args: dict) -> None:
    """After a step that declares the documented state it leaves the page in (guide/states.py):
    axe-core's violations there, per scope, in the scenario's user_properties."""
    if pictures_dir(request.config) is None or (state := state_of(step_func, step_func_args)) is None:
        return
    documented, guide_ids = state
    page = request.getfixturevalue("page")
    for scope in audit(page):
        name = _state_name(documented, scope)
        shot = _picture_once(request, page, name, scope)
        request.node.user_properties.append(("a11y", {
            "state": name, "scope": scope["scope"], "guide_ids": list(guide_ids) if scope["scope"] != "behind" else [],
            "violations": scope["violations"], "screenshot": shot}))
