"""The scenarios features/expectations.yaml expects to fail on the Element under test are marked
strict xfail (by report/plugin_gates.py's hooks), so that

- failing as expected is "xfailed" (the run stays green, the report says `fails (expected: ...)`);
- an expected failure whose message does not match the entry's `match` regex is an ordinary,
  unexpected failure (pytest's own xfail `raises=` check, given a pytest.RaisesExc(match=...));
- an expected failure that passes is XPASS(strict), a failure: the file is out of date.

The file is read and checked once, before anything starts, by the process that runs the
session (the xdist controller, which hands the Element version to its workers). A bad file, or
an entry for this version that names no scenario row of features/, stops the run at once
(exit 4), naming the entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.stack.element_server import ElementError
from report import expectations
from report.element_version import version_under_test
from report.feature_index import scenario_rows
from report.items import example_of, scenario_of
from report.run_scope import features_dir, runs_features
from report.statements import load_statements

WORKER_KEY = "harness_expectations_version"
STALE = "expected to fail, but passed: update features/expectations.yaml"

_ENTRIES = pytest.StashKey[list]()       # the entries for the Element under test
_VERSION = pytest.StashKey[str]()        # the version they were picked for
_EXPECTED = pytest.StashKey[expectations.Expectation]()


def expectations_path(config: pytest.Config) -> Path | None:
    value = config.getoption("--expectations")
    if value == "none":
        return None
    return Path(value) if value else features_dir(config) / "expectations.yaml"


def _entries(config: pytest.Config, path: Path, version: str) -> list[expectations.Expectation]:
    guide_ids = [s.id for s in load_statements()]
    entries = expectations.for_version(expectations.load(path, guide_ids), version)
    expectations.check_against_features(path, entries, scenario_rows(features_dir(config)))
    return entries


def pick(config: pytest.Config) -> None:
    """Before xdist starts its workers: the entries for the Element under test (a worker gets the
    version from the controller, hand_to_worker). A bad file stops the run at once."""
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        version = workerinput.get(WORKER_KEY)
    else:
        path = expectations_path(config)
        if path is None or not runs_features(config):
            return
        try:
            version = version_under_test(config)
        except ElementError as e:
            pytest.exit(str(e), returncode=3)
    if version is None:
        return
    try:
        config.stash[_ENTRIES] = _entries(config, expectations_path(config), version)
    except expectations.ExpectationsError as e:
        pytest.exit(f"expectations: {e}", returncode=pytest.ExitCode.USAGE_ERROR)
    config.stash[_VERSION] = version


def hand_to_worker(node) -> None:
    version = node.config.stash.get(_VERSION, None)
    if version is not None:
        node.workerinput[WORKER_KEY] = version


def mark_expected(items: list[pytest.Item], config: pytest.Config) -> None:
    entries = config.stash.get(_ENTRIES, [])
    for item in items:
        scenario = scenario_of(item)
        entry = scenario and expectations.find(entries, scenario.name, example_of(item))
        if not entry:
            continue
        link = f" ({entry.link})" if entry.link else ""
        raises = pytest.RaisesExc(match=entry.match) if entry.match else None
        item.add_marker(pytest.mark.xfail(strict=True, reason=f"{entry.reason}{link}", raises=raises))
        item.stash[_EXPECTED] = entry
        item.user_properties.append(("expected_failure", entry.as_dict()))


def judge_report(item: pytest.Item, call: pytest.CallInfo, report: pytest.TestReport) -> None:
    """After pytest's xfail handling: an expected failure that passed says the file is stale; one
    that failed otherwise than expected says so."""
    entry = item.stash.get(_EXPECTED, None)
    if entry is None or not report.failed:
        return
    if call.excinfo is None and call.when == "call":
        report.longrepr = f"[XPASS(strict)] {STALE} (entry {entry.describe()}: {entry.reason})"
        report.user_properties.append(("xpassed", True))
    elif call.excinfo is not None and entry.match:
        report.sections.append(("expected failure", (
            f"expected to fail with a message matching {entry.match!r} ({entry.reason}), "
            f"but it failed otherwise: counted as an unexpected failure")))


def header(config: pytest.Config) -> str | None:
    version = config.stash.get(_VERSION, None)
    if version is None:
        return None
    count = len(config.stash.get(_ENTRIES, []))
    return f"expected failures for Element {version!r}: {count} (from {expectations_path(config)})"


def version_mismatch(config: pytest.Config, tested: str | None) -> str | None:
    """The expectations were picked for one version; say so if the run tested another."""
    picked = config.stash.get(_VERSION, None)
    if picked is None or tested is None or tested == picked:
        return None
    return (f"the expected failures were picked for Element {picked!r}, but the scenarios ran "
            f"against {tested!r}")
