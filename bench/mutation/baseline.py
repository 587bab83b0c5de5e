"""What the stock build must pass for the kills to stand, and what a kill is worth when it did not.

A kill says the suite noticed the mutant only if the stock build passes the killing scenario under
the same patience: otherwise the scenario fails on any build. The baseline runs before the mutants
on the scenarios the kills are expected to rest on (each mutant's try_first); a kill by any other
scenario is confirmed after the mutants, on the stock build, and a kill the stock build does not
confirm is an error of that mutant.
"""

from __future__ import annotations

from .catalog import Mutant
from .report import KILLED, MutantResult


def baseline_labels(mutants: list[Mutant], index: list[dict]) -> list[str]:
    """Each mutant's try_first, or every scenario of its statements when it names none; in the
    suite's order (`index`: mutation/runs.py's scenario_index)."""
    wanted: set[str] = set()
    for m in mutants:
        if m.try_first:
            wanted.add(m.try_first)
        else:
            wanted |= {s["label"] for s in index if set(s["statements"]) & set(m.statements)}
    return [s["label"] for s in index if s["label"] in wanted]


def kills_to_confirm(results: list[MutantResult], baselined: list[str]) -> list[str]:
    """The killing scenarios the baseline did not run."""
    return sorted({r.killing_scenario for r in results if r.status == KILLED} - set(baselined))


def discredit_unconfirmed(results: list[MutantResult], confirming: list[str], stock_passed: set[str],
                          where: str) -> list[str]:
    """Each kill by a scenario of `confirming` that the stock build did not pass becomes an error;
    the names of those mutants."""
    discredited = []
    for r in results:
        if r.status == KILLED and r.killing_scenario in confirming and r.killing_scenario not in stock_passed:
            r.discredit(f"killed by {r.killing_scenario!r}, which the stock build did not pass either when "
                        f"run after the mutants (see {where})")
            discredited.append(r.name)
    return discredited
