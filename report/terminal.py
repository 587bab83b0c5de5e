"""The conformance result as the terminal shows it at the end of a run: a table of statements and
what the run must tell at once (interrupted, stale expectations, stack faults, accessibility).

Each line comes with its markup for pytest's terminal writer (red, yellow, bold)."""

from __future__ import annotations

from pathlib import Path

from report.a11y import summary_line as a11y_summary_line
from report.conformance import mostly_errors, totals_line, verdict_label
from report.render import partial_banner

Line = tuple[str, dict]
RED = {"red": True}
RED_BOLD = {"red": True, "bold": True}


def summary_lines(c: dict, last_good: Path, where: Path) -> list[Line]:
    """last_good: where the last good report stays; where: where this one is."""
    lines: list[Line] = []
    if banner := partial_banner(c):
        lines.append((banner, {"yellow": True, "bold": True}))
    lines += _interrupted_head(c["run"]["interrupted"])
    lines += _table(c)
    lines += [(f"expected to fail, but passed: update features/expectations.yaml: {stale['scenario']}", RED)
              for stale in c["stale_expectations"]]
    lines += [(f"did not finish: {name}", {}) for name in (c["run"]["interrupted"] or {}).get("unfinished", [])]
    lines += _faults(c.get("stack_faults", []))
    if mostly_errors(c):
        lines.append((f"most scenarios were stopped by the stack: {last_good} keeps the last good report", RED_BOLD))
    if a11y := c.get("accessibility"):
        line, bad = a11y_summary_line(a11y)
        lines.append((line, {"red": bad}))
    lines.append((f"{totals_line(c)}  -> {where}", {}))
    return lines


def _interrupted_head(stop: dict | None) -> list[Line]:
    if not stop:
        return []
    total = len(stop["finished"]) + len(stop["unfinished"])
    return [(f"INTERRUPTED ({stop['reason']}): {len(stop['finished'])} of {total} scenarios "
             f"finished; this report is incomplete", RED_BOLD)]


def _table(c: dict) -> list[Line]:
    lines = [(f"{'id':<4} {'verdict':<11} {'passed':>6}  {'section':<26} drift (guide -> UI), expected failures", {})]
    for s in c["statements"]:
        passed = sum(1 for sc in s["scenarios"] if sc["outcome"] in ("passed", "xpassed"))
        notes = [f"{d['guide']!r} -> {d['seen']!r}" for d in s["drift"]]
        if s.get("expected"):
            notes.append(verdict_label(s) + "".join(f" {link}" for link in s["expected"]["links"]))
        notes += [f"expected to fail, but passed: {name}" for name in s["expected_but_passed"]]
        verdict = s["verdict"] + ("*" if s.get("expected") else "")
        lines.append((f"{s['id']:<4} {verdict:<11} {passed:>2}/{len(s['scenarios']):<3}  "
                      f"{s['section']:<26} {'; '.join(notes)}", {}))
    return lines


def _faults(faults: list[dict]) -> list[Line]:
    lines = []
    for fault in faults:
        lines.append((f"error, not Element's failure: {fault['scenario']}: {fault['what']}: {fault['detail']}", RED))
        lines += [(f"    {line}", {}) for line in (fault.get("log_tail") or "").splitlines()[-5:]]
    return lines
