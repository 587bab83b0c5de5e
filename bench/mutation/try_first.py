"""The scenario a mutant's run tries first: the one of its try_first label (as the report names
it, e.g. "Each filter lists exactly the matching sessions [filter: Inactive]"). A job orders each
mutant's scenarios with tried_first(), and a run ends at its first kill, so running first the
scenario that should catch it saves the others' time; as a pytest plugin, `--try-first LABEL`
orders a run's collected items the same way. It only orders: every selected scenario still runs when the
first one passes, so a wrong guess costs time, never a verdict.

`--scenario-index PATH` writes every collected scenario's label and guide statements to PATH as
JSON, so the runner can check each mutant's try_first before any run starts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from report.items import describe, label


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--try-first", default=None, metavar="LABEL",
                     help="run the scenario with this label before the others")
    parser.addoption("--scenario-index", default=None, metavar="PATH",
                     help="write each collected scenario's label and statements to PATH (JSON)")


def pytest_collection_finish(session: pytest.Session) -> None:
    path = session.config.getoption("scenario_index")
    if path:
        found = [d for d in map(describe, session.items) if d]
        Path(path).write_text(json.dumps([{"label": label(d), "statements": d["guide_ids"]} for d in found]))


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = config.getoption("try_first")
    if wanted:
        items[:] = tried_first(items, wanted)


def tried_first(items: list[pytest.Item], wanted: str) -> list[pytest.Item]:
    """The items, the one labelled `wanted` first (a job orders each mutant's items with it too)."""
    first = [item for item in items if (d := describe(item)) and label(d) == wanted]
    if not first:
        raise pytest.UsageError(f"--try-first: no selected scenario is labelled {wanted!r}: "
                                "refresh the mutant's try_first after a change to the feature files")
    return first + [item for item in items if item not in first]
