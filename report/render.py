"""Write the conformance result as JSON, Markdown and HTML, and the raw scenario results."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from report.a11y import A11Y_FILE
from report.guide_edits import DIFF_FILE, write_guide_edits
from report.conformance import STALE, totals_line, verdict_label

RAW = "scenarios.json"
WHOLE_SCOPE = {"shard": None, "narrowed_by": []}


def write_raw(report_dir: Path, scenarios: list[dict], stack: dict, started: dt.datetime,
              scope: dict | None = None, a11y_known: list[dict] | None = None) -> None:
    """scope: {"shard": {"index": I, "of": N} or None, "narrowed_by": ["-m G8", ...]}, so a
    merge can tell which share of how many this is and what else narrowed it. a11y_known: the
    accessibility entries the run judged its audits by (each scenario carries its "audits")."""
    report_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / RAW).write_text(json.dumps(
        {"started": started.isoformat(), "stack": stack, "scope": scope or WHOLE_SCOPE,
         "a11y_known": a11y_known or [], "scenarios": scenarios}, indent=1) + "\n")


def write_reports(conformance: dict, report_dir: Path) -> None:
    report_dir.mkdir(parents=True, exist_ok=True)
    write_guide_edits(conformance, report_dir)
    if conformance.get("accessibility"):
        (report_dir / A11Y_FILE).write_text(json.dumps(conformance["accessibility"], indent=2) + "\n")
    (report_dir / "conformance.json").write_text(json.dumps(conformance, indent=2) + "\n")
    (report_dir / "conformance.md").write_text(to_markdown(conformance))
    (report_dir / "conformance.html").write_text(to_html(conformance))


def _by_section(conformance: dict) -> dict[str, list[dict]]:
    sections: dict[str, list[dict]] = {}
    for s in conformance["statements"]:
        sections.setdefault(s["section"], []).append(s)
    return sections


def _header_facts(c: dict) -> list[tuple[str, str]]:
    run = c["run"]
    expected = f", {run.get('expected_failures', 0)} failed as expected" if run.get("expected_failures") else ""
    expected += f", {run['errors']} stopped by the stack (error)" if run.get("errors") else ""
    return [
        ("Element", f"{c['element'].get('url', '?')} ({c['element'].get('version', 'unknown')})"),
        ("Homeserver", f"{c['homeserver'].get('version', 'unknown')} ({c['homeserver'].get('mode', '?')})"),
        ("Browser", _browser(c.get("browser", {}))),
        ("Run", f"{run['started']} to {run['finished']}, {run['passed']}/{run['scenarios']} scenarios passed{expected}"),
        ("Verdicts", totals_line(c)),
    ]


def _browser(browser: dict) -> str:
    which = " ".join(p for p in (browser.get("executable"), browser.get("version")) if p)
    slowed = _slowed(browser.get("throttling") or {})
    return f"{which}, {slowed}" if which else slowed


def _slowed(throttling: dict) -> str:
    parts = [f"CPU {throttling['cpu_throttle']:g}x slower" if "cpu_throttle" in throttling else "",
             f"+{throttling['network_latency_ms']} ms per request" if "network_latency_ms" in throttling else "",
             f"{throttling['network_kbps']} kbit/s" if "network_kbps" in throttling else ""]
    return ", ".join(p for p in parts if p) or "not slowed"


def _partial_why(partial: dict) -> str:
    why = [f"shards missing: {', '.join(partial['missing_shards'])}"] if partial["missing_shards"] else []
    why += [f"narrowed by {', '.join(partial['narrowed_by'])}"] if partial["narrowed_by"] else []
    return "; ".join(why)


def _partial_counts(partial: dict) -> str:
    """The statements that ran some scenarios with their share; the others named together."""
    counts = partial["statements"]
    touched = [f"{n['ran']} of {n['of']} scenarios of {gid}" for gid, n in counts.items() if n["ran"]]
    untouched = [gid for gid, n in counts.items() if not n["ran"]]
    said = f"ran {', '.join(touched)}" if touched else "ran no scenario"
    return said + (f"; no scenario of {', '.join(untouched)}" if untouched else "")


def partial_banner(c: dict) -> str | None:
    """One line that says the run covered only part of features/, why, and how much of each statement."""
    partial = c["run"].get("partial")
    if not partial:
        return None
    return (f"PARTIAL run ({_partial_why(partial)}): {_partial_counts(partial)}. A statement whose "
            f"scenarios did not run here is untested here, which says nothing about Element.")


def scenario_share(c: dict, statement: dict) -> str | None:
    """"ran X of Y" for a statement of a partial run (Y: the scenarios features/ holds for it)."""
    partial = c["run"].get("partial")
    if not partial:
        return None
    n = partial["statements"][statement["id"]]
    return f"ran {n['ran']} of {n['of']}"


def _title(c: dict) -> str:
    marks = [m for m, on in (("INTERRUPTED", c["run"].get("interrupted")), ("PARTIAL", c["run"].get("partial"))) if on]
    return "Sessions guide conformance" + (f" ({', '.join(marks)})" if marks else "")


def interrupted_banner(c: dict) -> str | None:
    stop = c["run"].get("interrupted")
    if not stop:
        return None
    at = f" at {stop['at']}" if stop.get("at") else ""
    total = len(stop["finished"]) + len(stop["unfinished"])
    return (f"INTERRUPTED ({stop['reason']}{at}): {len(stop['finished'])} of {total} scenarios "
            f"finished. This report is incomplete; a statement whose scenarios did not all finish "
            f"is 'interrupted'.")


def _verdict_notes(s: dict) -> list[tuple[str, str | None]]:
    """(text, link) lines shown under a statement's verdict."""
    notes = [(f"link: {link}", link) for link in (s.get("expected") or {}).get("links", [])]
    notes += [(f"{STALE} ({name})", None) for name in s.get("expected_but_passed", [])]
    return notes


def _failure_line(f: dict) -> str:
    if f.get("outcome") == "error":
        fault = f.get("fault") or {}
        return (f"error, not Element's failure: {f['scenario']}: "
                f"{fault.get('what', 'the stack')}: {fault.get('detail', 'stopped by the harness')}")
    kind = "failed as expected" if f["expected"] else "failed"
    if f.get("reason") and not f["expected"]:
        kind += " (not as expected: the message does not match the expectation's)"
    step = f" at step \"{f['step']}\"" if f.get("step") else ""
    return f"{kind}: {f['scenario']}{step}"


def to_markdown(c: dict) -> str:
    lines = [f"# {_title(c)}", ""]
    for banner in (partial_banner(c), interrupted_banner(c)):
        if banner:
            lines += [f"**{banner}**", ""]
    lines += [f"- **{k}**: {v}" for k, v in _header_facts(c)]
    lines += _interrupted_markdown(c["run"].get("interrupted"))
    lines += _faults_markdown(c.get("stack_faults"))
    if c.get("stale_expectations"):
        lines += ["", f"## {STALE}", ""]
        lines += [f"- {e['scenario']} ({', '.join(e.get('statements', []))}: {e.get('reason')})"
                  for e in c["stale_expectations"]]
    for section, statements in _by_section(c).items():
        lines += _section_markdown(section, statements, c)
    lines += _a11y_markdown(c.get("accessibility"))
    lines += _guide_edits_markdown(c.get("guide_edits"))
    return "\n".join(lines) + "\n"


FAULTS_INTRO = ("Scenarios stopped by the harness or its stack, not by Element: their statements "
                "read `error` unless another scenario genuinely failed.")


def _fault_text(fault: dict) -> str:
    status = f" (exit status {fault['exit_status']})" if fault.get("exit_status") is not None else ""
    log = f"; log: {fault['log']}" if fault.get("log") else ""
    return f"{fault['scenario']}: {fault['what']}{status}: {fault['detail']}{log}"


def _faults_markdown(faults: list[dict] | None) -> list[str]:
    if not faults:
        return []
    lines = ["", "## Stack faults", "", FAULTS_INTRO, ""]
    for fault in faults:
        lines.append(f"- {_fault_text(fault)}")
        if fault.get("log_tail"):
            lines += ["", "  ```", *[f"  {line}" for line in fault["log_tail"].splitlines()], "  ```", ""]
    return lines


def _faults_html(faults: list[dict] | None) -> list[str]:
    if not faults:
        return []
    e = html.escape
    parts = [f"<h2>Stack faults</h2><p>{e(FAULTS_INTRO)}</p><ul>"]
    for fault in faults:
        tail = f"<pre>{e(fault['log_tail'])}</pre>" if fault.get("log_tail") else ""
        parts.append(f"<li>{e(_fault_text(fault))}{tail}</li>")
    return parts + ["</ul>"]


def _interrupted_markdown(stop: dict | None) -> list[str]:
    if not stop:
        return []
    lines = ["", "## Interrupted", "", "Finished:", ""]
    lines += [f"- {name}" for name in stop["finished"]] or ["- none"]
    lines += ["", "Did not finish:", ""]
    return lines + ([f"- {name}" for name in stop["unfinished"]] or ["- none"])


def _section_markdown(section: str, statements: list[dict], c: dict) -> list[str]:
    lines = ["", f"## {section}", "", "| id | verdict | statement | scenarios | guide says | UI says |",
             "|----|---------|-----------|-----------|------------|---------|"]
    for s in statements:
        ran = scenario_share(c, s)
        share = [f"**{ran}**"] if ran else []
        scen = "<br>".join(share + [f"{sc['outcome']}: {sc.get('label', sc['name'])}" for sc in s["scenarios"]]) or "none"
        guide = "<br>".join(d["guide"] for d in s["drift"])
        seen = "<br>".join(d["seen"] for d in s["drift"])
        notes = "".join(f"<br>{f'[{text}]({link})' if link else text}" for text, link in _verdict_notes(s))
        lines.append(f"| {s['id']} | **{verdict_label(s)}**{notes} | {s['statement']} | {scen} | {guide} | {seen} |")
    failures = [(s["id"], f) for s in statements for f in s.get("failures", [])]
    if failures:
        lines += ["", "Failures observed:", ""]
        for gid, f in failures:
            lines.append(f"- {gid}, {_failure_line(f)}")
            if f.get("message"):
                lines += ["", "  ```", *[f"  {line}" for line in f["message"].splitlines()], "  ```", ""]
    pictures = [s for s in statements if s["screenshot"]]
    if pictures:
        lines.append("")
        lines += [f"- {s['id']}: ![{s['id']}]({s['screenshot']})" for s in pictures]
    return lines


def _guide_edits_markdown(edits: list[dict] | None) -> list[str]:
    if not edits:
        return []
    lines = ["", "## Guide edits", "", f"The guide's sentences in the UI's words ({DIFF_FILE} applies them):", ""]
    for edit in edits:
        lines += [f"- **{edit['statement']}**", f"  - guide: {' '.join(edit['before'].split())}",
                  f"  - edited: {' '.join(edit['after'].split())}"]
        lines += [f"  - not applied: {note}" for note in edit["unapplied"]]
    return lines


PAGE_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#1b1d22}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #ccd;padding:.4em;vertical-align:top;text-align:left}
.conforms{background:#e3f6e8}.differs{background:#fff4d6}.fails{background:#fde2e1}.untested{background:#eee}
.interrupted{background:#e6e9f5}.error{background:#efe3f7}.banner{border:3px solid #b3261e;padding:.6em;font-weight:bold}
img{max-width:160px;border:1px solid #ccd}table.grid{width:auto}table.grid td,table.grid th{text-align:center}
code{background:#f2f3f5;padding:0 .2em}pre{white-space:pre-wrap;font-size:85%;margin:.3em 0}
"""


def to_html(c: dict) -> str:
    e = html.escape
    interrupted = c["run"].get("interrupted")
    title = _title(c)
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>{e(title)}</title><style>{PAGE_STYLE}</style>",
             f"<main><h1>{e(title)}</h1>"]
    for banner in (partial_banner(c), interrupted_banner(c)):
        if banner:
            parts.append(f"<p class='banner'>{e(banner)}</p>")
    parts.append("<ul>")
    parts += [f"<li><b>{e(k)}</b>: {e(v)}</li>" for k, v in _header_facts(c)]
    parts.append("</ul>")
    parts += _grid_html(c)
    parts += _interrupted_html(interrupted)
    parts += _faults_html(c.get("stack_faults"))
    if c.get("stale_expectations"):
        parts.append(f"<h2>{e(STALE)}</h2><ul>")
        parts += [f"<li>{e(x['scenario'])} ({e(', '.join(x.get('statements', [])))}: {e(str(x.get('reason')))})</li>"
                  for x in c["stale_expectations"]]
        parts.append("</ul>")
    for section, statements in _by_section(c).items():
        parts += _section_html(section, statements, c)
    parts += _a11y_html(c.get("accessibility"))
    parts += _guide_edits_html(c.get("guide_edits"))
    return "\n".join(parts) + "\n</main></html>\n"


def _grid_html(c: dict) -> list[str]:
    """The statements at a glance: one coloured cell each, linked to its row below."""
    e = html.escape
    cells = "".join(f"<td class='{e(s['verdict'])}'><a href='#{e(s['id'])}' title='{e(s['statement'])}'>"
                    f"<b>{e(s['id'])}</b><br>{e(s['verdict'])}{'*' if s.get('expected') else ''}</a></td>"
                    for s in c["statements"])
    return ["<table class='grid' aria-label='verdict per guide statement'><tr>" + cells + "</tr></table>"]


def _interrupted_html(stop: dict | None) -> list[str]:
    if not stop:
        return []
    e = html.escape
    parts = ["<h2>Interrupted</h2><p>Finished:</p><ul>"]
    parts += [f"<li>{e(name)}</li>" for name in stop["finished"]] or ["<li>none</li>"]
    parts.append("</ul><p>Did not finish:</p><ul>")
    parts += [f"<li>{e(name)}</li>" for name in stop["unfinished"]] or ["<li>none</li>"]
    return parts + ["</ul>"]


def _section_html(section: str, statements: list[dict], c: dict) -> list[str]:
    e = html.escape
    parts = [f"<h2>{e(section)}</h2><table><tr><th>id</th><th>verdict</th><th>statement</th>"
             "<th>scenarios</th><th>guide says</th><th>UI says</th><th>failures observed</th>"
             "<th>screenshot</th></tr>"]
    for s in statements:
        ran = scenario_share(c, s)
        share = [f"<b>{e(ran)}</b>"] if ran else []
        scen = "<br>".join(share + [f"{e(sc['outcome'])}: {e(sc.get('label', sc['name']))}"
                                    for sc in s["scenarios"]]) or "none"
        guide = "<br>".join(e(d["guide"]) for d in s["drift"])
        seen = "<br>".join(e(d["seen"]) for d in s["drift"])
        notes = "".join(f"<br><a href='{e(link)}'>{e(text)}</a>" if link else f"<br>{e(text)}"
                        for text, link in _verdict_notes(s))
        observed = "".join(f"<p>{e(_failure_line(f))}</p>" + (f"<pre>{e(f['message'])}</pre>" if f.get("message") else "")
                           for f in s.get("failures", []))
        shot = f"<a href='{e(s['screenshot'])}'><img src='{e(s['screenshot'])}' alt='{e(s['id'])}'></a>" \
            if s["screenshot"] else ""
        parts.append(f"<tr class='{e(s['verdict'])}' id='{e(s['id'])}'><td>{e(s['id'])}</td><td><b>{e(verdict_label(s))}</b>{notes}</td>"
                     f"<td>{e(s['statement'])}</td><td>{scen}</td><td>{guide}</td><td>{seen}</td>"
                     f"<td>{observed}</td><td>{shot}</td></tr>")
    return parts + ["</table>"]


def _guide_edits_html(edits: list[dict] | None) -> list[str]:
    if not edits:
        return []
    e = html.escape
    parts = [f"<h2>Guide edits</h2><p>The guide's sentences in the UI's words "
             f"(<a href='{DIFF_FILE}'>{DIFF_FILE}</a> applies them):</p>"
             "<table><tr><th>id</th><th>the guide says</th><th>in the UI's words</th></tr>"]
    for edit in edits:
        notes = "".join(f"<br><i>not applied: {e(n)}</i>" for n in edit["unapplied"])
        parts.append(f"<tr><td>{e(edit['statement'])}</td><td>{e(' '.join(edit['before'].split()))}</td>"
                     f"<td>{e(' '.join(edit['after'].split()))}{notes}</td></tr>")
    return parts + ["</table>"]


def _a11y_intro(a: dict) -> str:
    new, stale = len(a["new_violations"]), len(a["stale_entries"])
    unjudged = len(a["unmet_entries"]) - stale
    return (f"{a['engine']} at {a['states_audited']} states, each audited every time a scenario reaches "
            "it, once the page has settled (violations kept by rule and node): with a modal dialog open, "
            "the topmost dialog and its menus, and what the dialogs cover as a state of its own "
            "(behind-...); otherwise the whole page. Floating-ui portals are left out, as Element's own "
            f"audit does. {new} violating node{'s' if new != 1 else ''} not known to "
            f"features/expectations.yaml; {stale} stale entr{'ies' if stale != 1 else 'y'}"
            + (f" ({unjudged} not met, not judged: a narrowed run)" if unjudged else "")
            + f". Machine-readable: {A11Y_FILE}.")


def _node_verdict(node: dict) -> str:
    return f"expected: {node['reason']}" if node["expected"] else "new"


def _a11y_markdown(a: dict | None) -> list[str]:
    if not a:
        return []
    lines = ["", "## Accessibility", "", _a11y_intro(a), ""]
    for state in a["states"]:
        head = f"- **{state['state']}** ({state['scope']}, {state['visits']} audits)"
        if not state["violations"]:
            lines.append(f"{head}: no violation")
            continue
        lines.append(head + (f" ![{state['state']}]({state['screenshot']})" if state["screenshot"] else ""))
        for v in state["violations"]:
            lines.append(f"  - {v['rule']} [{v['impact']}]: {v['help']}")
            lines += [f"    - `{n['target']}` " + ("(" + _node_verdict(n) + ")" if n["expected"] else "**(new)**")
                      for n in v["nodes"]]
    if a["stale_entries"]:
        lines += ["", "Stale entries (no violation of this whole run met them: update features/expectations.yaml):", ""]
        lines += [f"- {e['rule']} `{e['node']}` ({e['reason']})" for e in a["stale_entries"]]
    return lines


def _a11y_state_rows(state: dict) -> list[str]:
    e = html.escape
    shot = (f"<a href='{e(state['screenshot'])}'><img src='{e(state['screenshot'])}' alt='{e(state['state'])}'></a>"
            if state["screenshot"] else "")
    where = f"{e(state['state'])}<br><small>{e(state['scope'])}, {state['visits']} audits</small>"
    if not state["violations"]:
        return [f"<tr class='conforms'><td>{where}</td><td colspan=6>no violation</td></tr>"]
    rows = []
    for v in state["violations"]:
        for n in v["nodes"]:
            rows.append(f"<tr class='{'differs' if n['expected'] else 'fails'}'><td>{where}</td>"
                        f"<td><a href='{e(v['help_url'])}'>{e(v['rule'])}</a></td><td>{e(str(v['impact']))}</td>"
                        f"<td>{e(v['help'])}</td><td><code>{e(n['target'])}</code></td>"
                        f"<td>{e(_node_verdict(n)) if n['expected'] else '<b>new</b>'}</td><td>{shot}</td></tr>")
    return rows


def _a11y_html(a: dict | None) -> list[str]:
    if not a:
        return []
    e = html.escape
    parts = [f"<h2 id='accessibility'>Accessibility</h2><p>{e(_a11y_intro(a))}</p><table><tr><th>state</th><th>rule</th>"
             "<th>impact</th><th>help</th><th>node</th><th>known?</th><th>screenshot</th></tr>"]
    for state in a["states"]:
        parts += _a11y_state_rows(state)
    parts.append("</table>")
    if a["stale_entries"]:
        parts.append("<p class='fails'>Stale entries (no violation of this whole run met them: update "
                     "features/expectations.yaml):</p><ul>")
        parts += [f"<li>{e(x['rule'])} <code>{e(x['node'])}</code> ({e(x['reason'])})</li>" for x in a["stale_entries"]]
        parts.append("</ul>")
    return parts
