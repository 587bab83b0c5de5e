"""Write the matrix (report/matrix.py) as JSON, Markdown and an HTML dashboard: statements down,
releases across, each cell coloured by its verdict and linked to that release's evidence."""

from __future__ import annotations

import html
import json
from pathlib import Path

from report.matrix import holds_text
from report.render import PAGE_STYLE

e = html.escape


def write_matrix(matrix: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "matrix.json").write_text(json.dumps(matrix, indent=2) + "\n")
    (out / "matrix.md").write_text(matrix_markdown(matrix))
    (out / "matrix.html").write_text(matrix_html(matrix))


def _releases(matrix: dict) -> list[str]:
    return [r["release"] for r in matrix["releases"]]


def _cell_text(cell: dict) -> str:
    words = "; ".join(f"{d['guide']!r} -> {d['seen']!r}" for d in cell["drift"])
    mark = "*" if cell["expected"] else ""
    return cell["verdict"] + mark + (f" ({words})" if words else "")


def _a11y_text(a: dict) -> str:
    if not a["audited"]:
        return "not audited"
    return f"{a['new']} new, {a['violating_nodes']} violating nodes, {a['states']} states"


def matrix_markdown(m: dict) -> str:
    releases = _releases(m)
    lines = ["# Sessions guide conformance across Element releases", ""]
    lines += [f"- **{r['release']}**: {r['element']}, {r['homeserver']}, "
              f"{r['run']['passed']}/{r['run']['scenarios']} scenarios passed"
              + (f" — INCOMPLETE ({r['incomplete']})" if r["incomplete"] else "") + f" ([report]({r['report']}))"
              for r in m["releases"]]
    lines += [f"- **{x['release']}**: NO COLUMN: {x['problem']}" for x in m.get("missing", [])]
    lines += ["", "`*`: a known failure of that release (features/expectations.yaml).", "",
              "| id | statement | " + " | ".join(releases) + " | holds |",
              "|----|-----------|" + "|".join("---" for _ in releases) + "|-------|"]
    for s in m["statements"]:
        cells = " | ".join(f"[{_cell_text(s['cells'][r])}]({s['cells'][r]['link']})" for r in releases)
        lines.append(f"| {s['id']} | {s['statement']} | {cells} | {holds_text(s['holds'], releases)} |")
    a11y = " | ".join(f"[{_a11y_text(a)}]({a['link']})" if a["link"] else _a11y_text(a)
                      for a in (m["accessibility"][r] for r in releases))
    lines.append(f"| a11y | accessibility audit (axe-core) | {a11y} | |")
    changes = [(s["id"], c) for s in m["statements"] for c in s["changes"]]
    if changes:
        lines += ["", "## What changed between releases", ""]
        lines += [f"- {gid}, {c['from']} -> {c['to']}: {'; '.join(c['what'])}" for gid, c in changes]
    return "\n".join(lines) + "\n"


_GRID_STYLE = """
table.grid td.cell{padding:0}table.grid td.cell a{display:block;padding:.4em;color:inherit;text-decoration:none}
table.grid td.cell a:hover,table.grid td.cell a:focus{outline:2px solid #1b1d22}
.incomplete{background:#fde2e1;font-weight:bold}
"""


def _cell_html(cell: dict) -> str:
    words = "".join(f"<br><small>{e(d['guide'])} &rarr; {e(d['seen'])}</small>" for d in cell["drift"])
    failure = cell.get("failure") or {}
    step = f"<br><small>at: {e(failure['step'])}</small>" if failure.get("step") and cell["verdict"] == "fails" else ""
    mark = "*" if cell["expected"] else ""
    return (f"<td class='cell {e(cell['verdict'])}'><a href='{e(cell['link'])}'>"
            f"<b>{e(cell['verdict'])}{mark}</b>{words}{step}</a></td>")


def _a11y_cell_html(a: dict) -> str:
    if not a["link"]:
        return f"<td class='cell untested'>{e(_a11y_text(a))}</td>"
    return (f"<td class='cell {'conforms' if not a['new'] else 'fails'}'><a href='{e(a['link'])}'>"
            f"{e(_a11y_text(a))}</a></td>")


def matrix_html(m: dict) -> str:
    releases = _releases(m)
    title = "Sessions guide conformance across Element releases"
    parts = [f"<!doctype html><html lang=en><meta charset=utf-8><title>{e(title)}</title>"
             f"<style>{PAGE_STYLE}{_GRID_STYLE}</style><main><h1>{e(title)}</h1><ul>"]
    for r in m["releases"]:
        incomplete = f" <span class='incomplete'>INCOMPLETE: {e(r['incomplete'])}</span>" if r["incomplete"] else ""
        parts.append(f"<li><a href='{e(r['report'])}'>{e(r['release'])}</a>: {e(r['element'])}, "
                     f"{e(r['homeserver'])}, {r['run']['passed']}/{r['run']['scenarios']} scenarios passed{incomplete}</li>")
    parts += [f"<li>{e(x['release'])}: <span class='incomplete'>NO COLUMN: {e(x['problem'])}</span></li>"
              for x in m.get("missing", [])]
    parts.append("</ul><p>Each cell is that release's verdict (<b>*</b>: a known failure); click it for the "
                 "evidence in the release's own report.</p>")
    parts.append("<table class='grid'><tr><th scope=col>id</th><th scope=col>statement</th>"
                 + "".join(f"<th scope=col>{e(r)}</th>" for r in releases) + "<th scope=col>holds</th></tr>")
    for s in m["statements"]:
        parts.append(f"<tr><th scope=row>{e(s['id'])}</th><td>{e(s['statement'])}</td>"
                     + "".join(_cell_html(s["cells"][r]) for r in releases)
                     + f"<td>{e(holds_text(s['holds'], releases))}</td></tr>")
    a11y = "".join(_a11y_cell_html(m["accessibility"][r]) for r in releases)
    parts.append(f"<tr><th scope=row>a11y</th><td>accessibility audit (axe-core)</td>{a11y}<td></td></tr></table>")
    changes = [(s["id"], c) for s in m["statements"] for c in s["changes"]]
    if changes:
        parts.append("<h2>What changed between releases</h2><ul>")
        parts += [f"<li><b>{e(gid)}</b>, {e(c['from'])} &rarr; {e(c['to'])}: {e('; '.join(c['what']))}</li>"
                  for gid, c in changes]
        parts.append("</ul>")
    return "\n".join(parts) + "\n</main></html>\n"
