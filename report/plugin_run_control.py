"""pytest plugin, run control: how a conformance run stops and where its report lands.

- SIGINT and SIGTERM stop a run the same way, and the moment is remembered
  (report/interruption.py), so that a failure after the signal counts as cut short;
- the report is written into `<report-dir>.partial` (with junitxml, pytest-html and the Cucumber
  JSON when they point inside the report dir) and lands at the end as `<report-dir>`,
  `<report-dir>.interrupted` or `<report-dir>.errors` (report/placement.py).

What goes into the report is report/plugin_collect.py's; the exit status is
report/plugin_gates.py's.
"""

from __future__ import annotations

import pytest

from report import interruption, placement


@pytest.hookimpl(tryfirst=True)  # before junitxml, pytest-html and the Cucumber JSON take their paths
def pytest_configure(config: pytest.Config) -> None:
    interruption.install()
    if placement.places(config):
        placement.prepare(config)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem) -> None:
    interruption.refuse_after_signal()


@pytest.hookimpl(wrapper=True)  # around every plain sessionfinish (the files are written), inside the summary's
def pytest_sessionfinish(session: pytest.Session):
    interruption.every_scenario_has_ended()  # a signal from now on lets the report be written
    result = yield
    placement.land_written(session.config)
    return result


@pytest.hookimpl(wrapper=True)  # after junitxml and pytest-html have named their files
def pytest_terminal_summary(terminalreporter, config: pytest.Config):
    result = yield
    if note := placement.landing_note(config):
        terminalreporter.write_line(note)
    return result


def pytest_unconfigure(config: pytest.Config) -> None:
    interruption.restore()
    if placement.places(config) and placement.landed(config) is None:
        placement.discard(config)  # nothing to show: the run stopped before it began, or only collected
