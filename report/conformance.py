"""Turn collected scenarios into the conformance result (per guide statement: its scenarios,
verdict, UI words, evidence of failures, picture), and the rules a run is judged by."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from report.feature_index import scenario_rows, scenarios_per_statement
from report.items import label
from report.statements import (PASSED, UNFINISHED, VERDICTS, Statement, normalise_label, verdict,
                               word_applies, wording_differs)

STALE = "expected to fail, but passed: update features/expectations.yaml"
FEATURES = Path(__file__).resolve().parent.parent / "features"


def _counts_for(scenario: dict, guide_id: str) -> bool:
    """An expected failure speaks only to the statements its entry names: for the scenario's
    other statements it proved nothing either way."""
    expected = scenario.get("expected_failure")
    return not (scenario["outcome"] == "xfailed" and expected and guide_id not in expected["statements"])


def _evidence(scenario: dict) -> dict:
    failure = scenario.get("failure") or {}
    expected = scenario.get("expected_failure") or {}
    return {"scenario": label(scenario), "outcome": scenario["outcome"],
            "step": failure.get("step"), "step_type": failure.get("step_type"), "message": failure.get("message"),
            "expected": scenario["outcome"] == "xfailed",
            "reason": expected.get("reason"), "link": expected.get("link"),
            "fault": scenario.get("fault") if scenario["outcome"] == "error" else None}


def _statement(st: Statement, scenarios: list[dict]) -> dict:
    proving = [s for s in scenarios if st.id in s["guide_ids"]]
    counted = [s for s in proving if _counts_for(s, st.id)]
    words = [dict(w, scenario=s["name"]) for s in counted if s["outcome"] in PASSED
             for w in s.get("ui_words", []) if word_applies(w["key"], st.id)]
    drift = _unique_by_reading([{"key": w["key"], "guide": w["guide"], "seen": w["seen"]}
                                for w in words if wording_differs(w["seen"], w.get("guide"))])
    pictures = [p for s in proving for p in s.get("pictures", []) if st.id in p.get("guide_ids", [])]
    judged = verdict([s["outcome"] for s in counted], drift)
    failures = [_evidence(s) for s in counted if s["outcome"] in ("failed", "xfailed", "error")]
    expected = None
    if judged == "fails" and failures and all(f["expected"] for f in failures) \
            and not any(s["outcome"] == "skipped" for s in counted):
        expected = {"reasons": _unique([f["reason"] for f in failures]),
                    "links": _unique([f["link"] for f in failures if f["link"]])}
    return {
        "id": st.id, "section": st.section, "statement": st.text,
        "verdict": judged,
        "expected": expected,  # set when every failure of this statement was expected
        "scenarios": [{"name": s["name"], "example": s.get("example"), "label": label(s),
                       "feature": s["feature"], "outcome": s["outcome"], "nodeid": s["nodeid"],
                       "counted": s in counted} for s in proving],
        "failures": failures,
        "expected_but_passed": [label(s) for s in counted if s["outcome"] == "xpassed"],
        "ui_words": _unique([{"key": w["key"], "seen": w["seen"], "guide": w.get("guide")} for w in words]),
        "drift": drift,
        "screenshot": _picture_for(judged, pictures),
    }


def _picture_for(judged: str, pictures: list[dict]) -> str | None:
    """A failing statement shows its failure as the user saw it (report/pictures.py), if pictured."""
    if judged == "fails":
        pictures = sorted(pictures, key=lambda p: not p["name"].startswith("failed-"))
    return pictures[0]["path"] if pictures else None


def _partial(scope: dict | None, statements: list[dict], features_dir: Path) -> dict | None:
    """None for a whole run; else what narrowed it, the shards a merge lacks, and per statement
    how many of the scenarios features/ holds for it were run."""
    narrowed = list((scope or {}).get("narrowed_by", []))
    missing = list((scope or {}).get("missing_shards", []))
    if not narrowed and not missing:
        return None
    held = scenarios_per_statement(scenario_rows(features_dir))
    return {"narrowed_by": narrowed, "missing_shards": missing,
            "statements": {s["id"]: {"ran": sum(1 for sc in s["scenarios"] if sc["outcome"] != "not run"),
                                     "of": held.get(s["id"], 0)} for s in statements}}


def build_conformance(statements: list[Statement], scenarios: list[dict], stack: dict,
                      started: dt.datetime, interruption: dict | None = None, *,
                      scope: dict | None = None, features_dir: Path = FEATURES) -> dict:
    """interruption: {"reason": ..., "at": ISO time or None} when the run knows it was stopped;
    scenarios that did not finish make the result interrupted in any case (e.g. merged shards).
    scope: {"narrowed_by": [...], "missing_shards": ["3/4", ...]} for a partial run (either
    empty or scope None: a whole run); the result's "partial" comes first so a reader sees it."""
    out = [_statement(st, scenarios) for st in statements]
    unfinished = [label(s) for s in scenarios if s["outcome"] in UNFINISHED]
    if unfinished and interruption is None:
        interruption = {"reason": "some scenarios did not finish", "at": None}
    partial = _partial(scope, out, features_dir)
    return {
        "partial": partial,
        "element": stack.get("element", {}),
        "homeserver": stack.get("homeserver", {}),
        "browser": stack.get("browser", {}),  # e.g. the slowdowns asked for (fixtures/stack/throttling.py)
        "run": {"started": started.isoformat(timespec="seconds"),
                "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "scenarios": len(scenarios),
                "passed": sum(1 for s in scenarios if s["outcome"] in PASSED),
                "expected_failures": sum(1 for s in scenarios if s["outcome"] == "xfailed"),
                "errors": sum(1 for s in scenarios if s["outcome"] == "error"),
                "partial": partial,
                "interrupted": None if interruption is None else {
                    **interruption,
                    "finished": [label(s) for s in scenarios if s["outcome"] not in UNFINISHED],
                    "unfinished": unfinished,
                }},
        "totals": {v: sum(1 for s in out if s["verdict"] == v) for v in VERDICTS},
        "stale_expectations": [{"scenario": label(s), **(s.get("expected_failure") or {})}
                               for s in scenarios if s["outcome"] == "xpassed"],
        "stack_faults": [{"scenario": label(s), **s["fault"]} for s in scenarios
                         if s["outcome"] == "error" and s.get("fault")],
        "statements": out,
    }


def run_fails(conformance: dict, strict_wording: bool = False, untested_fails: bool = True) -> bool:
    """The run fails on: a statement that fails unexpectedly, one in error (the stack broke), one
    untested, one interrupted, an expected failure that passed (the expectations file is out of
    date), and wording drift with --strict-wording. A shard proves only part of the guide: there,
    untested is for the merged report to judge; a merge that lacks shards fails."""
    if ((conformance.get("run") or {}).get("partial") or {}).get("missing_shards"):
        return True
    bad = {"interrupted", "error"} | ({"untested"} if untested_fails else set()) | ({"differs"} if strict_wording else set())
    for s in conformance["statements"]:
        if s["verdict"] in bad or (s["verdict"] == "fails" and not s.get("expected")):
            return True
    a11y = conformance.get("accessibility") or {}
    if a11y.get("new_violations") or a11y.get("stale_entries"):
        return True  # an accessibility violation features/expectations.yaml does not know, or a stale entry
    return bool(conformance.get("stale_expectations"))


def mostly_errors(conformance: dict) -> bool:
    """More scenarios stopped by the stack than not: such a run says little, and must not replace
    the last good report."""
    run = conformance["run"]
    return run.get("errors", 0) * 2 > run["scenarios"] > 0


def verdict_label(statement: dict) -> str:
    """`fails (expected: reason)` for an expected failure; the verdict itself otherwise."""
    if statement["verdict"] == "fails" and statement.get("expected"):
        return f"fails (expected: {'; '.join(statement['expected']['reasons'])})"
    return statement["verdict"]


def totals_line(conformance: dict) -> str:
    totals = conformance["totals"]
    expected = sum(1 for s in conformance["statements"] if s["verdict"] == "fails" and s.get("expected"))
    parts = []
    for v, n in totals.items():
        if v in ("interrupted", "error") and not n:
            continue
        parts.append(f"{n} {v}" + (f" ({expected} expected)" if v == "fails" and expected else ""))
    return ", ".join(parts)


def _unique_by_reading(drift: list[dict]) -> list[dict]:
    """One entry per difference: "(1)" and "(3)" after the same label are the same difference."""
    seen, kept = set(), []
    for d in drift:
        key = (d["key"], normalise_label(d["guide"]), normalise_label(d["seen"]))
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def _unique(items: list) -> list:
    seen, kept = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept
