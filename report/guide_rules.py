"""A run of the whole feature suite (what `make test` and `make conformance` do)
applies the guide's rules, with or without the conformance report:

- before anything starts, every guide statement G1..G18 must be carried (as a tag) by at least
  one scenario in features/, read with pytest-bdd's own parser; else the run stops at once
  (exit 1), naming each statement ("G8: no scenario in features/ is tagged @G8");
- at the end, a statement none of whose scenarios ran (all skipped or never run) fails the run.

Both run on the process that runs the session: the xdist controller, which never collects
(report/plugin_gates.py's hooks call them).
A narrowed run (-k, -m, --deselect, --shard, a single file or node) is not judged whole.
"""

from __future__ import annotations

import pytest

from report.feature_index import scenario_rows, statements_without_scenario
from report.run_scope import collects_whole_suite, features_dir
from report.statements import load_statements

_WHOLE = pytest.StashKey[bool]()
RAN = ("passed", "failed", "xfailed", "xpassed")


def applies(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput") and collects_whole_suite(config)


def refuse_untagged_statements(config: pytest.Config) -> None:
    """Before xdist starts any worker: stop a whole run (exit 1) if a statement has no scenario."""
    if not applies(config):
        return
    config.stash[_WHOLE] = True
    folder = features_dir(config)
    missing = statements_without_scenario([s.id for s in load_statements()], scenario_rows(folder))
    if missing:
        name = f"{folder.name}/"
        pytest.exit("\n".join(f"{gid}: no scenario in {name} is tagged @{gid}" for gid in missing),
                    returncode=pytest.ExitCode.TESTS_FAILED)


def statements_not_run(config: pytest.Config, results: list[dict], exitstatus: int) -> list[str]:
    """In a whole run, the statements none of whose scenarios ran (all skipped or never run)."""
    if not config.stash.get(_WHOLE, False) or config.option.collectonly:
        return []
    if exitstatus == pytest.ExitCode.INTERRUPTED:
        return []  # an interrupted run is judged as such, not as untested
    ran = {gid for s in results if s["outcome"] in RAN for gid in s["guide_ids"]}
    return [s.id for s in load_statements() if s.id not in ran]
