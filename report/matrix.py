"""The guide against several Element releases: one grid of statements by releases, read from
each release's own conformance.json (a complete `--conformance` run per release).

Per statement: each release's verdict with its drift and a link to that release's statement in
its own report; since and until which release the statement holds (`conforms` or `differs`: the
behaviour is there, words may drift); and where it changes between neighbouring releases, what
changed (the verdict, the words, the failing step). The accessibility audit is a row of its own.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from report.conformance import verdict_label

MATRIX_FILES = ("matrix.json", "matrix.md", "matrix.html")
HOLDS = ("conforms", "differs")  # the documented behaviour is there (words may read otherwise)


@dataclass(frozen=True)
class ReleaseRun:
    release: str           # e.g. "3.92.0"
    conformance: dict      # that release's conformance.json
    report: str            # its conformance.html, relative to where the matrix is written


def release_key(release: str) -> tuple:
    """3.9.0 < 3.73.0 < 3.114.0: numeric parts compared as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", release))


def load_runs(folders: list[Path], out: Path) -> list[ReleaseRun]:
    """Each folder: one release's report (its name is the release, as `make matrix` writes them)."""
    runs = []
    for folder in folders:
        written = folder / "conformance.json"
        if not written.exists():
            raise SystemExit(f"error: {folder}: no conformance.json (did that release's run complete?)")
        report = Path(_relative(folder / "conformance.html", out))
        runs.append(ReleaseRun(folder.name, json.loads(written.read_text()), report.as_posix()))
    return sorted(runs, key=lambda r: release_key(r.release))


def _relative(path: Path, start: Path) -> str:
    return os.path.relpath(path.resolve(), start.resolve())


def incomplete_reason(conformance: dict) -> str | None:
    """Why a release's run cannot fill its column, or None when it was complete and whole."""
    run = conformance["run"]
    if run.get("interrupted"):
        return f"interrupted: {run['interrupted']['reason']}"
    if run.get("partial"):
        return "partial run (narrowed)"
    return None


def _first_failure(statement: dict) -> dict | None:
    failures = [f for f in statement.get("failures", []) if f["outcome"] in ("failed", "xfailed", "error")]
    if not failures:
        return None
    f = failures[0]
    first_line = (f.get("message") or "").strip().splitlines()[:1]
    return {"scenario": f["scenario"], "step": f.get("step"), "message": first_line[0] if first_line else ""}


def _cell(run: ReleaseRun, statement: dict) -> dict:
    return {"verdict": statement["verdict"], "label": verdict_label(statement),
            "expected": bool(statement.get("expected")),
            "drift": [{"guide": d["guide"], "seen": d["seen"]} for d in statement["drift"]],
            "failure": _first_failure(statement),
            "link": f"{run.report}#{statement['id']}"}


def _span(releases: list[str], cells: dict[str, dict], verdicts: tuple[str, ...]) -> dict:
    holding = [r for r in releases if cells[r]["verdict"] in verdicts]
    return {"since": holding[0] if holding else None, "until": holding[-1] if holding else None,
            "everywhere": holding == releases, "in": holding}


def _holds(releases: list[str], cells: dict[str, dict]) -> dict:
    """Where the documented behaviour is there, and (`worded`) where it is there in the guide's words."""
    return {**_span(releases, cells, HOLDS), "worded": _span(releases, cells, ("conforms",))}


def _what_changed(before: dict, after: dict) -> list[str]:
    said = []
    if before["verdict"] != after["verdict"]:
        said.append(f"verdict {before['verdict']} -> {after['verdict']}")
    words_before = {(d["guide"], d["seen"]) for d in before["drift"]}
    words_after = {(d["guide"], d["seen"]) for d in after["drift"]}
    for guide, seen in sorted(words_after - words_before):
        said.append(f"the UI now reads {seen!r} where the guide says {guide!r}")
    for guide, seen in sorted(words_before - words_after):
        said.append(f"no longer reads {seen!r} (the guide: {guide!r})")
    failing = (after.get("failure") or {}).get("step")
    if failing and failing != (before.get("failure") or {}).get("step"):
        said.append(f"fails at: {failing}")
    return said


def _changes(releases: list[str], cells: dict[str, dict]) -> list[dict]:
    changes = []
    for older, newer in zip(releases, releases[1:]):
        what = _what_changed(cells[older], cells[newer])
        if what:
            changes.append({"from": older, "to": newer, "what": what})
    return changes


def _accessibility(run: ReleaseRun) -> dict:
    a = run.conformance.get("accessibility") or {}
    nodes = sum(len(v["nodes"]) for state in a.get("states", []) for v in state["violations"])
    return {"audited": bool(a), "states": a.get("states_audited", 0), "violating_nodes": nodes,
            "new": len(a.get("new_violations", [])), "stale": len(a.get("stale_entries", [])),
            "link": f"{run.report}#accessibility" if a else None}


def build_matrix(runs: list[ReleaseRun]) -> dict:
    releases = [r.release for r in runs]
    by_release = {r.release: {s["id"]: s for s in r.conformance["statements"]} for r in runs}
    first = runs[0].conformance["statements"] if runs else []
    statements = []
    for st in first:
        cells = {r.release: _cell(r, by_release[r.release][st["id"]]) for r in runs}
        statements.append({"id": st["id"], "section": st["section"], "statement": st["statement"],
                           "cells": cells, "holds": _holds(releases, cells),
                           "changes": _changes(releases, cells)})
    return {
        "releases": [{"release": r.release, "element": r.conformance["element"].get("version", ""),
                      "report": r.report, "incomplete": incomplete_reason(r.conformance),
                      "homeserver": r.conformance["homeserver"].get("version", ""),
                      "run": {k: r.conformance["run"].get(k) for k in ("started", "finished", "scenarios", "passed")}}
                     for r in runs],
        "statements": statements,
        "accessibility": {r.release: _accessibility(r) for r in runs},
    }


def _span_text(span: dict, releases: list[str]) -> str:
    if not span["in"]:
        return "in none"
    if span["everywhere"]:
        return f"everywhere ({releases[0]} to {releases[-1]})"
    if span["until"] == releases[-1]:
        return f"since {span['since']}"
    gaps = len(span["in"]) != releases.index(span["until"]) - releases.index(span["since"]) + 1
    return f"from {span['since']} to {span['until']}" + (" (not in every release between)" if gaps else "")


def holds_text(holds: dict, releases: list[str]) -> str:
    """"holds since 3.73.0", "holds everywhere (3.73.0 to 3.114.0); as worded: since 3.92.0": where the
    behaviour holds, then, where the words drift somewhere, where the guide's own words hold."""
    text = f"holds {_span_text(holds, releases)}"
    worded = holds.get("worded")
    if worded is not None and worded["in"] != holds["in"]:
        text += f"; as worded: {_span_text(worded, releases).removeprefix('in ')}"
    return text
