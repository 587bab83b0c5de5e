"""Turn collected scenarios into the conformance result, and write it as JSON, Markdown, HTML."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from report.statements import VERDICTS, Statement, normalise_label, verdict, word_applies, wording_differs


def build_conformance(statements: list[Statement], scenarios: list[dict], stack: dict,
                      started: dt.datetime) -> dict:
    out = []
    for st in statements:
        proving = [s for s in scenarios if st.id in s["guide_ids"]]
        words = [dict(w, scenario=s["name"]) for s in proving if s["outcome"] == "passed"
                 for w in s["ui_words"] if word_applies(w["key"], st.id)]
        drift = _unique_by_reading([{"key": w["key"], "guide": w["guide"], "seen": w["seen"]}
                                    for w in words if wording_differs(w["seen"], w.get("guide"))])
        pictures = [p for s in proving for p in s["pictures"] if st.id in p.get("guide_ids", [])]
        out.append({
            "id": st.id, "section": st.section, "statement": st.text,
            "verdict": verdict([s["outcome"] for s in proving], drift),
            "scenarios": [{"name": s["name"], "feature": s["feature"], "outcome": s["outcome"],
                           "nodeid": s["nodeid"]} for s in proving],
            "ui_words": _unique([{"key": w["key"], "seen": w["seen"], "guide": w.get("guide")} for w in words]),
            "drift": drift,
            "screenshot": pictures[0]["path"] if pictures else None,
        })
    totals = {v: sum(1 for s in out if s["verdict"] == v) for v in VERDICTS}
    return {
        "element": stack.get("element", {}),
        "homeserver": stack.get("homeserver", {}),
        "run": {"started": started.isoformat(timespec="seconds"),
                "finished": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                "scenarios": len(scenarios),
                "passed": sum(1 for s in scenarios if s["outcome"] == "passed")},
        "totals": totals,
        "statements": out,
    }


def run_fails(conformance: dict, strict_wording: bool = False, untested_fails: bool = True) -> bool:
    """A statement untested or failing fails the run; wording drift only with --strict-wording.
    A shard proves only part of the guide: there, untested is for the merged report to judge."""
    bad = {"fails"} | ({"untested"} if untested_fails else set()) | ({"differs"} if strict_wording else set())
    return any(s["verdict"] in bad for s in conformance["statements"])


def _unique_by_reading(drift: list[dict]) -> list[dict]:
    """One entry per difference: "(1)" and "(3)" after the same label are the same difference."""
    seen, kept = set(), []
    for d in drift:
        key = (d["key"], normalise_label(d["guide"]), normalise_label(d["seen"]))
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept


def _unique(items: list[dict]) -> list[dict]:
    seen, kept = set(), []
    for item in items:
        key = json.dumps(item, sort_keys=True)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


RAW = "scenarios.json"


def write_raw(report_dir: Path, scenarios: list[dict], stack: dict, started: dt.datetime) -> None:
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / RAW).write_text(json.dumps(
        {"started": started.isoformat(), "stack": stack, "scenarios": scenarios}, indent=1) + "\n")


def write_reports(conformance: dict, report_dir: Path) -> None:
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "conformance.json").write_text(json.dumps(conformance, indent=2) + "\n")
    (report_dir / "conformance.md").write_text(to_markdown(conformance))
    (report_dir / "conformance.html").write_text(to_html(conformance))


def _by_section(conformance: dict) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for s in conformance["statements"]:
        sections.setdefault(s["section"], []).append(s)
    return sections


def _header_facts(c: dict) -> list[tuple[str, str]]:
    return [
        ("Element", f"{c['element'].get('url', '?')} ({c['element'].get('version', 'unknown')})"),
        ("Homeserver", f"{c['homeserver'].get('version', 'unknown')} ({c['homeserver'].get('mode', '?')})"),
        ("Run", f"{c['run']['started']} to {c['run']['finished']}, "
                f"{c['run']['passed']}/{c['run']['scenarios']} scenarios passed"),
        ("Verdicts", ", ".join(f"{n} {v}" for v, n in c["totals"].items())),
    ]


def to_markdown(c: dict) -> str:
    lines = ["# Sessions guide conformance", ""]
    lines += [f"- **{k}**: {v}" for k, v in _header_facts(c)]
    for section, statements in _by_section(c).items():
        lines += ["", f"## {section}", "", "| id | verdict | statement | scenarios | guide says | UI says |",
                  "|----|---------|-----------|-----------|------------|---------|"]
        for s in statements:
            scen = "<br>".join(f"{sc['outcome']}: {sc['name']}" for sc in s["scenarios"]) or "none"
            guide = "<br>".join(d["guide"] for d in s["drift"])
            seen = "<br>".join(d["seen"] for d in s["drift"])
            lines.append(f"| {s['id']} | **{s['verdict']}** | {s['statement']} | {scen} | {guide} | {seen} |")
        pictures = [s for s in statements if s["screenshot"]]
        if pictures:
            lines.append("")
            lines += [f"- {s['id']}: ![{s['id']}]({s['screenshot']})" for s in pictures]
    return "\n".join(lines) + "\n"


_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#1b1d22}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #ccd;padding:.4em;vertical-align:top;text-align:left}
.conforms{background:#e3f6e8}.differs{background:#fff4d6}.fails{background:#fde2e1}.untested{background:#eee}
img{max-width:380px;border:1px solid #ccd}code{background:#f2f3f5;padding:0 .2em}
"""


def to_html(c: dict) -> str:
    e = html.escape
    parts = [f"<!doctype html><meta charset=utf-8><title>Sessions guide conformance</title><style>{_STYLE}</style>",
             "<h1>Sessions guide conformance</h1><ul>"]
    parts += [f"<li><b>{e(k)}</b>: {e(v)}</li>" for k, v in _header_facts(c)]
    parts.append("</ul>")
    for section, statements in _by_section(c).items():
        parts.append(f"<h2>{e(section)}</h2><table><tr><th>id</th><th>verdict</th><th>statement</th>"
                     "<th>scenarios</th><th>guide says</th><th>UI says</th><th>screenshot</th></tr>")
        for s in statements:
            scen = "<br>".join(f"{e(sc['outcome'])}: {e(sc['name'])}" for sc in s["scenarios"]) or "none"
            guide = "<br>".join(e(d["guide"]) for d in s["drift"])
            seen = "<br>".join(e(d["seen"]) for d in s["drift"])
            shot = f"<a href='{e(s['screenshot'])}'><img src='{e(s['screenshot'])}' alt='{e(s['id'])}'></a>" \
                if s["screenshot"] else ""
            parts.append(f"<tr class='{e(s['verdict'])}'><td>{e(s['id'])}</td><td><b>{e(s['verdict'])}</b></td>"
                         f"<td>{e(s['statement'])}</td><td>{scen}</td><td>{guide}</td><td>{seen}</td>"
                         f"<td>{shot}</td></tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n"
