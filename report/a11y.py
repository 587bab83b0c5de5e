"""Accessibility results: axe-core's violations per documented state, judged against the
`accessibility` entries of features/expectations.yaml (per Element version: rule, states, reason).
A violation no entry expects fails the run. The audit itself is report/a11y_audit.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

AXE_SCRIPT = Path(__file__).with_name("axe") / "node_modules" / "axe-core" / "axe.min.js"
# Element's own audit narrows axe only by leaving out floating-ui portals (tooltips); so does this.
EXCLUDE = [["[data-floating-ui-portal]"]]
A11Y_FILE = "a11y.json"


# -- known violations (features/expectations.yaml, key `accessibility`) -----------------------
@dataclass(frozen=True)
class KnownViolation:
    rule: str
    states: tuple[str, ...]   # empty: any state
    reason: str
    link: str | None = None

    def covers(self, rule: str, state: str) -> bool:
        return rule == self.rule and (not self.states or state in self.states)


def known_violations(path: Path | None, version: str) -> list[KnownViolation]:
    if path is None or not path.exists():
        return []
    data = yaml.safe_load(path.read_text()) or {}
    entries = (data.get("accessibility") or {}).get(version) or []
    known = []
    for index, raw in enumerate(entries):
        where = f"{path}: accessibility[{version!r}][{index}]"
        if not isinstance(raw, dict) or not isinstance(raw.get("rule"), str) or not isinstance(raw.get("reason"), str):
            raise ValueError(f"{where}: an entry needs 'rule' and 'reason' (and may have 'states', 'link')")
        if unknown := set(raw) - {"rule", "states", "reason", "link"}:
            raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
        states = raw.get("states") or []
        if not isinstance(states, list) or any(not isinstance(s, str) for s in states):
            raise ValueError(f"{where}: 'states' must be a list of state names")
        known.append(KnownViolation(raw["rule"], tuple(states), raw["reason"], raw.get("link")))
    return known


def accessibility_result(audits: list[dict], known: list[KnownViolation]) -> dict:
    """Per state, each violation marked expected (with its reason) or new; the run fails on a new one."""
    states = []
    for a in sorted(audits, key=lambda a: a["state"]):
        violations = []
        for v in a["violations"]:
            entry = next((k for k in known if k.covers(v["rule"], a["state"])), None)
            violations.append({**v, "expected": entry is not None,
                               "reason": entry.reason if entry else None, "link": entry.link if entry else None})
        states.append({**a, "violations": violations})
    new = [(s["state"], v["rule"]) for s in states for v in s["violations"] if not v["expected"]]
    return {"engine": f"axe-core {_axe_version()}", "excluded": [e[0] for e in EXCLUDE],
            "states_audited": len(states), "states": states,
            "new_violations": [{"state": st, "rule": rule} for st, rule in new]}


def _axe_version() -> str:
    package = AXE_SCRIPT.parent / "package.json"
    if package.exists():
        return yaml.safe_load(package.read_text()).get("version", "?")  # JSON is YAML
    return "?"




def accessibility_of_run(audits: list[dict], expectations: Path | None, version: str) -> dict | None:
    """The run's Accessibility result, or None when nothing was audited."""
    if not audits:
        return None
    return accessibility_result(audits, known_violations(expectations, version))
