"""pytest plugin, gates: the rules a run is judged by, and the ONE place that sets its exit status
(besides pytest's own outcomes, where a strict xfail that passes fails).

Before anything starts (on the process that runs the session, the xdist controller):
- a whole run stops at once if a guide statement has no tagged scenario (report/guide_rules.py);
- features/expectations.yaml is read for the Element under test; its known failures are marked
  strict xfail on the workers (report/expected_failures.py).

At the end the run fails (exit 1) on:
- the conformance result's rules (report/conformance.py: run_fails): an unexpected `fails`,
  `error`, `untested` in a whole run, an expected failure that passed (a stale expectation), new
  or stale accessibility findings, `differs` with --strict-wording, missing shards;
- a statement none of whose scenarios ran, in a whole run (report/guide_rules.py);
- scenarios that ran against another Element version than the one whose expectations were picked.
A run stopped by SIGINT or SIGTERM exits 2 (interrupted), whatever else it found.
"""

from __future__ import annotations

import pytest

from report import expected_failures, guide_rules, interruption
from report.conformance import run_fails
from report.plugin_collect import collected, result
from report.run_scope import collects_whole_suite

_TOLD_APART = pytest.StashKey[dict]()  # what failed the run besides the result, by summary section


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "Guide conformance report")
    group.addoption("--strict-wording", action="store_true",
                    help="also fail when the UI's words differ from the guide's (verdict 'differs')")
    group.addoption("--expectations", default=None, metavar="PATH|none",
                    help="the known failures per Element version (default features/expectations.yaml); "
                         "'none' ignores the file")


# -- before anything starts --------------------------------------------------------------------
@pytest.hookimpl(tryfirst=True)  # before xdist starts any worker: they get the version from here
def pytest_sessionstart(session: pytest.Session) -> None:
    guide_rules.refuse_untagged_statements(session.config)
    expected_failures.pick(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    expected_failures.hand_to_worker(node)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    expected_failures.mark_expected(items, config)


@pytest.hookimpl(wrapper=True, tryfirst=True)  # outside pytest's xfail handling: sees its verdict
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    expected_failures.judge_report(item, call, report)
    return report


def pytest_report_header(config: pytest.Config) -> str | None:
    return expected_failures.header(config)


# -- at the end: the exit status ---------------------------------------------------------------
def _told_apart(config: pytest.Config, exitstatus: int) -> dict[str, list[str]]:
    """What fails the run besides the conformance result, by the summary section that tells it."""
    collector = collected(config)
    untested = guide_rules.statements_not_run(config, collector.scenario_results(), exitstatus)
    tested = (collector.stack.get("element") or {}).get("version")
    mismatch = expected_failures.version_mismatch(config, tested)
    return {"guide statements untested": [f"{gid}: none of its scenarios ran" for gid in untested],
            "expected failures": [mismatch] if mismatch else []}


def _result_fails(config: pytest.Config) -> bool:
    """The conformance result's rules (--conformance). A narrowed run (-k, -m, a shard) proves part
    of the guide: its untested statements are for a whole run (or the merged report) to judge."""
    conformance = result(config)
    return conformance is not None and run_fails(conformance, strict_wording=config.getoption("--strict-wording"),
                                                 untested_fails=collects_whole_suite(config))


@pytest.hookimpl(wrapper=True)  # after every plain sessionfinish: report/plugin_collect.py has written the result
def pytest_sessionfinish(session: pytest.Session, exitstatus: int):
    outcome = yield
    config = session.config
    if hasattr(config, "workerinput"):
        return outcome
    if result(config) is not None and interruption.interrupted_at() is not None:
        session.exitstatus = pytest.ExitCode.INTERRUPTED
    config.stash[_TOLD_APART] = told_apart = _told_apart(config, exitstatus)
    if (_result_fails(config) or any(told_apart.values())) and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    return outcome


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    for section, lines in config.stash.get(_TOLD_APART, {}).items():
        if not lines:
            continue
        terminalreporter.section(section)
        for line in lines:
            terminalreporter.write_line(line, red=True)
