"""Where a conformance run writes its report, and where the report lands.

The run writes into `<report-dir>.partial` (so do junitxml, pytest-html and the Cucumber JSON
when pointed inside the report dir). At the end the folder replaces `<report-dir>` when the run
completed, `<report-dir>.interrupted` when it did not, or `<report-dir>.errors` when most of its
scenarios were stopped by the stack: the last good report is never overwritten by half a run or
by a broken stack. Other tools' files in `<report-dir>` (make mutants', make matrix's) are kept.
The hooks that do it are in report/plugin_run_control.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from report.conformance import mostly_errors

# Options of other plugins that write a file, by their dest.
REPORT_FILE_OPTIONS = ("xmlpath", "htmlpath", "cucumber_json_path")
# What other tools write into the report dir (bench/mutants.py, the matrix): a conformance run
# replaces its own files, not theirs.
OTHER_TOOLS = ("mutants.json", "mutants.md", "matrix.json", "matrix.md", "matrix.html", "matrix")
WHERE = {"complete": "", "interrupted": ".interrupted", "errors": ".errors"}


def _resolve(config: pytest.Config, value: str) -> Path:
    return (config.invocation_params.dir / value).resolve()


def final_dir(config: pytest.Config) -> Path:
    return _resolve(config, config.getoption("--report-dir"))


def _beside(folder: Path, suffix: str) -> Path:
    return folder.with_name(folder.name + suffix)


def partial_dir(config: pytest.Config) -> Path:
    return _beside(final_dir(config), ".partial")


def interrupted_dir(config: pytest.Config) -> Path:
    return _beside(final_dir(config), ".interrupted")


def target_dir(config: pytest.Config, outcome: str) -> Path:
    """Where a report lands: outcome is complete, interrupted or errors."""
    return _beside(final_dir(config), WHERE[outcome])


def prepare(config: pytest.Config) -> None:
    """Before any plugin opens its file: a clean .partial, and report files inside the report
    dir redirected into it."""
    final, partial = final_dir(config), partial_dir(config)
    shutil.rmtree(partial, ignore_errors=True)  # a crashed run's leftovers
    partial.mkdir(parents=True)
    for dest in REPORT_FILE_OPTIONS:
        value = getattr(config.option, dest, None)
        if not value:
            continue
        path = _resolve(config, value)
        if path == final or final in path.parents:
            setattr(config.option, dest, str(partial / path.relative_to(final)))
            config.stash[_REDIRECTED] = True


def land(config: pytest.Config, outcome: str) -> Path:
    """Move .partial into place (target_dir), keeping the other tools' files that were there."""
    target = target_dir(config, outcome)
    old = _beside(target, f".old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    partial_dir(config).rename(target)
    _keep_other_tools(old, target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def _keep_other_tools(old: Path, new: Path) -> None:
    for name in OTHER_TOOLS:
        if (old / name).exists() and not (new / name).exists():
            (old / name).rename(new / name)


def discard(config: pytest.Config) -> None:
    shutil.rmtree(partial_dir(config), ignore_errors=True)


# -- what the run control plugin (report/plugin_run_control.py) keeps between its hooks ---------
_OUTCOME = pytest.StashKey[str]()
_LANDED = pytest.StashKey[Path]()
_REDIRECTED = pytest.StashKey[bool]()


def places(config: pytest.Config) -> bool:
    """Only the process that writes the report places it (not an xdist worker)."""
    return config.getoption("--conformance") and not hasattr(config, "workerinput")


def outcome_of(conformance: dict) -> str:
    """Where a written report lands (WHERE): interrupted, mostly stopped by the stack, or complete."""
    if conformance["run"]["interrupted"]:
        return "interrupted"
    return "errors" if mostly_errors(conformance) else "complete"


def written(config: pytest.Config, conformance: dict) -> None:
    """The conformance report is in .partial; it lands (outcome_of) once every other plugin has
    written too."""
    config.stash[_OUTCOME] = outcome_of(conformance)


def land_written(config: pytest.Config) -> None:
    outcome = config.stash.get(_OUTCOME, None)
    if outcome is not None:
        config.stash[_LANDED] = land(config, outcome)


def landed(config: pytest.Config) -> Path | None:
    return config.stash.get(_LANDED, None)


def landing_note(config: pytest.Config) -> str | None:
    """Where the report files other plugins named (junitxml, pytest-html) are now."""
    if landed(config) and config.stash.get(_REDIRECTED, False):
        return f"{partial_dir(config)} is now {landed(config)}: the report files named above are there"
    return None
