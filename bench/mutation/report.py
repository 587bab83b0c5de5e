"""The mutation run's results: reports/mutants.json, reports/mutants.md and the terminal table,
which ends with `mutants killed: K/N`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .catalog import Mutant
from .outcome import RunOutcome

# A mutant's status: killed (a proving scenario failed), survived (all passed), error (the run
# proved nothing: the stack could not start, the run timed out, ...), not run (interrupted).
KILLED, SURVIVED, ERROR, NOT_RUN = "killed", "survived", "error", "not run"


@dataclass
class MutantResult:
    name: str
    statements: list[str]
    file: str
    description: str
    status: str = NOT_RUN
    seconds: float | None = None
    scenarios_run: list[dict] = field(default_factory=list)
    failed_scenario: str | None = None
    failed_step: str | None = None
    message: str | None = None
    error: str | None = None
    artifacts: str | None = None

    @classmethod
    def of(cls, mutant: Mutant) -> "MutantResult":
        return cls(mutant.name, list(mutant.statements), mutant.file, mutant.description)

    def record(self, outcome: RunOutcome, seconds: float, artifacts: Path) -> None:
        self.status = {"failed": KILLED, "passed": SURVIVED}.get(outcome.verdict, ERROR)
        self.seconds = round(seconds, 1)
        self.scenarios_run = outcome.scenarios
        self.failed_scenario, self.failed_step = outcome.failed_scenario, outcome.failed_step
        self.message, self.error = outcome.message, outcome.error
        self.artifacts = str(artifacts)


def summary_line(results: list[MutantResult]) -> str:
    killed = sum(r.status == KILLED for r in results)
    return f"mutants killed: {killed}/{len(results)}"


def write_reports(out: Path, results: list[MutantResult], run: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "mutants.json").write_text(json.dumps({**run, "summary": summary_line(results),
                                                  "mutants": [asdict(r) for r in results]}, indent=1) + "\n")
    (out / "mutants.md").write_text(markdown(results, run))


def markdown(results: list[MutantResult], run: dict) -> str:
    lines = ["# Mutants: does the suite catch a broken Element?", "",
             f"Element {run.get('element_version', '?')}; baseline: {run.get('baseline', '?')}; "
             f"{run.get('jobs', '?')} runs at a time; {run.get('minutes', '?')} minutes in all.", "",
             "| mutant | statements | what a user would see | scenarios run | result | first failing step | message |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        ran = len(r.scenarios_run)
        lines.append("| " + " | ".join(_cell(x) for x in (
            r.name, " ".join(r.statements), r.description, str(ran) if ran else "-",
            r.status + (f" ({r.seconds:.0f} s)" if r.seconds is not None else ""),
            _where(r),
            r.message or r.error or "")) + " |")
    survivors = [r for r in results if r.status == SURVIVED]
    if survivors:
        lines += ["", "## Survivors: what no scenario noticed", ""]
        for r in survivors:
            names = "; ".join(s["name"] for s in r.scenarios_run)
            lines.append(f"- **{r.name}** ({' '.join(r.statements)}): {r.description} Passed: {names}.")
    lines += ["", summary_line(results), ""]
    return "\n".join(lines)


def _where(r: MutantResult) -> str:
    if r.status != KILLED:
        return ""
    return f"{r.failed_scenario} › {r.failed_step or '(outside a step)'}"


def terminal_table(results: list[MutantResult]) -> str:
    width = max([len(r.name) for r in results] + [6])
    rows = [f"{'mutant':<{width}}  {'statements':<10}  {'result':<8}  first failing step / why"]
    for r in results:
        why = r.failed_step or r.error or ("all proving scenarios passed" if r.status == SURVIVED else "")
        rows.append(f"{r.name:<{width}}  {','.join(r.statements):<10}  {r.status:<8}  {_short(why, 90)}")
    rows.append(summary_line(results))
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
