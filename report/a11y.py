"""Accessibility results: axe-core's violations per documented state, judged node by node against
the `accessibility` entries of features/expectations.yaml (per Element version: rule, the nodes it
concerns, optionally the states, and why). The audit itself is report/a11y_audit.py; each
scenario's audits are kept with it (scenarios.json too), so merged shards are judged as one run.

A violating node that no entry lists fails the run. An entry's node pattern that no audit of a
whole run meets is stale and fails that run too (a narrowed run reaches only some states: there it
is only reported as unmet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

AXE_SCRIPT = Path(__file__).with_name("axe") / "node_modules" / "axe-core" / "axe.min.js"
# Element's own audit narrows axe only by leaving out floating-ui portals (tooltips); so does this.
EXCLUDE = "[data-floating-ui-portal]"
A11Y_FILE = "a11y.json"
ENTRY_KEYS = {"rule", "nodes", "states", "reason", "link"}


# -- known violations (features/expectations.yaml, key `accessibility`) -----------------------
@dataclass(frozen=True)
class KnownViolation:
    rule: str
    nodes: tuple[str, ...]    # regexes, each searched in a node's axe target and in its html
    states: tuple[str, ...]   # empty: any state
    reason: str
    link: str | None = None

    def pattern_for(self, rule: str, state: str, node: dict) -> str | None:
        """The first of this entry's node patterns that names `node` of a `rule` violation at `state`."""
        if rule != self.rule or (self.states and state not in self.states):
            return None
        return next((p for p in self.nodes if re.search(p, node["target"]) or re.search(p, node["html"])), None)

    def describe(self) -> str:
        return f"{self.rule} at {', '.join(self.states) or 'any state'}"


def known_violations(path: Path | None, version: str) -> list[KnownViolation]:
    if path is None or not path.exists():
        return []
    data = yaml.safe_load(path.read_text()) or {}
    entries = (data.get("accessibility") or {}).get(version) or []
    return [_entry(raw, f"{path}: accessibility[{version!r}][{index}]") for index, raw in enumerate(entries)]


def _strings(raw: dict, key: str) -> tuple[str, ...]:
    value = raw.get(key) or []
    if not isinstance(value, list) or any(not isinstance(s, str) or not s for s in value):
        raise ValueError(f"'{key}' must be a list of non-empty strings")
    return tuple(value)


def _entry(raw: object, where: str) -> KnownViolation:
    if not isinstance(raw, dict) or not isinstance(raw.get("rule"), str) or not isinstance(raw.get("reason"), str):
        raise ValueError(f"{where}: an entry needs 'rule', 'nodes' and 'reason' (and may have 'states', 'link')")
    if unknown := set(raw) - ENTRY_KEYS:
        raise ValueError(f"{where}: unknown key(s) {sorted(unknown)}")
    try:
        nodes, states = _strings(raw, "nodes"), _strings(raw, "states")
        for pattern in nodes:
            re.compile(pattern)
    except (ValueError, re.error) as e:
        raise ValueError(f"{where}: {e}") from None
    if not nodes:
        raise ValueError(f"{where}: 'nodes' must list the nodes the violation concerns (a rule alone is too broad)")
    return KnownViolation(raw["rule"], nodes, states, raw["reason"], raw.get("link"))


# -- the audits of a run, folded by state ------------------------------------------------------
def union_audit(earlier: dict | None, audit: dict) -> dict:
    """Two audits of one state as one: the union of their violations by rule and node target."""
    if earlier is None:
        earlier = {**audit, "visits": 0, "violations": []}
    rules = {v["rule"]: v for v in earlier["violations"]}
    for v in audit["violations"]:
        if v["rule"] not in rules:
            rules[v["rule"]] = dict(v, nodes=[])
            earlier["violations"].append(rules[v["rule"]])
        kept = rules[v["rule"]]
        seen = {n["target"] for n in kept["nodes"]}
        kept["nodes"] += [n for n in v["nodes"] if n["target"] not in seen]
    earlier["visits"] += 1
    earlier["screenshot"] = earlier["screenshot"] or audit["screenshot"]
    return earlier


# -- judging ---------------------------------------------------------------------------------
def _judge_state(audit: dict, known: list[KnownViolation], met: set) -> dict:
    violations = []
    for v in sorted(audit["violations"], key=lambda v: v["rule"]):
        nodes = []
        for node in v["nodes"]:
            entry, pattern = next(((k, p) for k in known if (p := k.pattern_for(v["rule"], audit["state"], node))),
                                  (None, None))
            if entry:
                met.add((entry, pattern))
            nodes.append({**node, "expected": entry is not None, "pattern": pattern,
                          "reason": entry.reason if entry else None, "link": entry.link if entry else None})
        violations.append({**v, "nodes": nodes, "expected": all(n["expected"] for n in nodes)})
    return {**audit, "violations": violations}


def accessibility_result(audits: list[dict], known: list[KnownViolation], whole_run: bool = False) -> dict:
    """Per state, each violating node marked expected (with its entry's reason) or new; the node
    patterns of `known` that no node met (stale when the run was whole)."""
    met: set = set()
    states = [_judge_state(a, known, met) for a in sorted(audits, key=lambda a: a["state"])]
    new = [{"state": s["state"], "rule": v["rule"], "node": n["target"]}
           for s in states for v in s["violations"] for n in v["nodes"] if not n["expected"]]
    unmet = [{"rule": k.rule, "states": list(k.states), "node": p, "reason": k.reason}
             for k in known for p in k.nodes if (k, p) not in met]
    return {"engine": f"axe-core {_axe_version()}", "excluded": [EXCLUDE], "whole_run": whole_run,
            "states_audited": len(states), "states": states, "new_violations": new,
            "unmet_entries": unmet, "stale_entries": unmet if whole_run else []}


def _axe_version() -> str:
    package = AXE_SCRIPT.parent / "package.json"
    if package.exists():
        return yaml.safe_load(package.read_text()).get("version", "?")  # JSON is YAML
    return "?"


def audits_of(scenarios: list[dict]) -> list[dict]:
    """Per state, the union of the audits the scenarios recorded (from a run or merged shards)."""
    by_state: dict[str, dict] = {}
    for scenario in scenarios:
        for audit in scenario.get("audits") or []:
            by_state[audit["state"]] = union_audit(by_state.get(audit["state"]), audit)
    return list(by_state.values())


def accessibility_of_scenarios(scenarios: list[dict], known: list[KnownViolation],
                               whole_run: bool = False) -> dict | None:
    """The Accessibility result of a run (or of merged shards), or None when nothing was audited."""
    audits = audits_of(scenarios)
    if not audits:
        return None
    return accessibility_result(audits, known, whole_run)


def known_as_records(known: list[KnownViolation]) -> list[dict]:
    """The entries a run judged by, as scenarios.json keeps them (a merge judges by the same)."""
    return [{"rule": k.rule, "nodes": list(k.nodes), "states": list(k.states), "reason": k.reason, "link": k.link}
            for k in known]


def known_from_records(records: list[dict]) -> list[KnownViolation]:
    return [KnownViolation(r["rule"], tuple(r["nodes"]), tuple(r["states"]), r["reason"], r.get("link"))
            for r in records]


def summary_line(a11y: dict) -> tuple[str, bool]:
    """The terminal's accessibility line, and whether it tells of a failure."""
    new = ", ".join(f"{v['rule']} at {v['state']} ({v['node']})" for v in a11y["new_violations"]) or "none"
    line = (f"accessibility: {a11y['states_audited']} states audited with {a11y['engine']}; "
            f"violations not in features/expectations.yaml: {new}")
    if a11y["stale_entries"]:
        line += "; entries no violation met (stale: update features/expectations.yaml): " + ", ".join(
            f"{e['rule']} {e['node']!r}" for e in a11y["stale_entries"])
    elif a11y["unmet_entries"]:
        line += f"; {len(a11y['unmet_entries'])} entries not met (a narrowed run: not judged stale)"
    return line, bool(a11y["new_violations"] or a11y["stale_entries"])
