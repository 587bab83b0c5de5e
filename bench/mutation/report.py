"""The mutation run's results: reports/mutants.json, reports/mutants.md and the terminal table,
which ends with `mutants killed: K/N`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .catalog import Mutant
from .outcome import RunOutcome

# A mutant's status: killed (a When or Then step of a proving scenario failed), survived (all
# passed), error (the run proved nothing: the patch does not parse, a Given or the set-up failed,
# the stack went away, the run timed out, ...), not run (interrupted).
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
    killing_scenario: str | None = None
    killing_step: str | None = None       # keyword and text: "Then the recommendations count ..."
    killing_step_type: str | None = None  # when | then (an And's own type)
    message: str | None = None            # the killing step's failure
    error: str | None = None              # for an error: what erred
    errors: list[str] = field(default_factory=list)  # every failure that proved nothing, also before a kill
    artifacts: str | None = None

    @classmethod
    def of(cls, mutant: Mutant) -> "MutantResult":
        return cls(mutant.name, list(mutant.statements), mutant.file, mutant.description)

    def record(self, outcome: RunOutcome, seconds: float, artifacts: Path) -> None:
        self.status = {"failed": KILLED, "passed": SURVIVED}.get(outcome.verdict, ERROR)
        self.seconds = round(seconds, 1)
        self.scenarios_run = outcome.scenarios
        if outcome.kill is not None:
            kill = outcome.kill
            self.killing_scenario, self.killing_step = kill.scenario, kill.step
            self.killing_step_type, self.message = kill.step_type, kill.message
        self.error = outcome.error
        self.errors = [f.describe() for f in outcome.errors]
        self.artifacts = str(artifacts)

    def discredit(self, why: str) -> None:
        """A kill that proves nothing after all (the stock build fails its scenario too): an error."""
        self.errors.append(f"{self.killing_scenario!r} › {self.killing_step}: {self.message}")
        self.status, self.error = ERROR, why
        self.killing_scenario = self.killing_step = self.killing_step_type = self.message = None

    def record_unparsable(self, why: str) -> None:
        """The patched file does not parse: nothing was served or run."""
        self.status, self.seconds, self.error = ERROR, 0.0, why

    @property
    def why(self) -> str:
        """One line: the killing step, what erred, or that everything passed."""
        if self.status == KILLED:
            return f"{self.killing_step} ({self.killing_step_type})"
        if self.status == SURVIVED:
            return "every proving scenario passed"
        return self.error or ""


def summary_line(results: list[MutantResult]) -> str:
    killed = sum(r.status == KILLED for r in results)
    errors = sum(r.status == ERROR for r in results)
    return f"mutants killed: {killed}/{len(results)}" + (f" ({errors} erred)" if errors else "")


def write_reports(out: Path, results: list[MutantResult], run: dict) -> None:
    """Only reports/mutants.{json,md}: the folder is shared with the conformance report."""
    out.mkdir(parents=True, exist_ok=True)
    _write(out / "mutants.json", json.dumps({**run, "summary": summary_line(results),
                                             "mutants": [asdict(r) for r in results]}, indent=1) + "\n")
    _write(out / "mutants.md", markdown(results, run))


def _write(path: Path, text: str) -> None:
    # Whole or not at all: a reader (or a run stopped mid-write) never sees half a report.
    scratch = path.with_name(f".{path.name}.partial")
    scratch.write_text(text)
    scratch.replace(path)


def markdown(results: list[MutantResult], run: dict) -> str:
    lines = ["# Mutants: does the suite catch a broken Element?", "",
             f"Element {run.get('element_version', '?')}; baseline: {run.get('baseline', '?')}; "
             f"{run.get('jobs', '?')} runs at a time; web-first assertions wait {run.get('patience_seconds', '?')} s; "
             f"{run.get('minutes', '?')} minutes in all.", "",
             "| mutant | statements | what a user would see | scenarios run | result "
             "| killing scenario › step (type) | message, or what erred |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        ran = len(r.scenarios_run)
        lines.append("| " + " | ".join(_cell(x) for x in (
            r.name, " ".join(r.statements), r.description, str(ran) if ran else "-",
            r.status + (f" ({r.seconds:.0f} s)" if r.seconds is not None else ""),
            _where(r),
            r.message if r.status == KILLED else (r.error or ""))) + " |")
    survivors = [r for r in results if r.status == SURVIVED]
    if survivors:
        lines += ["", "## Survivors: what no scenario noticed", ""]
        for r in survivors:
            names = "; ".join(s["name"] for s in r.scenarios_run)
            lines.append(f"- **{r.name}** ({' '.join(r.statements)}): {r.description} Passed: {names}.")
    unproven = [r for r in results if r.errors]
    if unproven:
        lines += ["", "## Failures that proved nothing (a Given, the set-up, the stack)", ""]
        lines += [f"- **{r.name}** ({r.status}): {e}" for r in unproven for e in r.errors]
    lines += ["", summary_line(results), ""]
    return "\n".join(lines)


def _where(r: MutantResult) -> str:
    if r.status != KILLED:
        return ""
    return f"{r.killing_scenario} › {r.killing_step} ({r.killing_step_type})"


def terminal_table(results: list[MutantResult]) -> str:
    width = max([len(r.name) for r in results] + [6])
    rows = [f"{'mutant':<{width}}  {'statements':<10}  {'result':<8}  killing step (type) / what erred"]
    for r in results:
        rows.append(f"{r.name:<{width}}  {','.join(r.statements):<10}  {r.status:<8}  {_short(r.why, 90)}")
    rows.append(summary_line(results))
    return "\n".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"
