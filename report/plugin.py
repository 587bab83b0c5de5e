"""pytest plugin: collects each scenario's outcome, guide ids, UI words and pictures, and with
--conformance writes the conformance report and fails the run on untested or failing statements.

Everything a scenario contributes travels in its report's user_properties, so the same code
works in one process and under pytest-xdist (where only the controller writes the report).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from report.items import scenario_of
from report.render import build_conformance, run_fails, write_raw, write_reports
from report.statements import load_statements

REPO = Path(__file__).resolve().parent.parent
GUIDE_ID = re.compile(r"^G\d+$")
SECTIONS = ("accessing", "recommendations", "current_session", "other_sessions", "filters")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "Guide conformance report")
    group.addoption("--conformance", action="store_true",
                    help="write the conformance report (reports/) and fail on untested or failing guide statements")
    group.addoption("--report-dir", default=str(REPO / "reports"), help="where the report goes (default reports/)")
    group.addoption("--strict-wording", action="store_true",
                    help="also fail when the UI's words differ from the guide's (verdict 'differs')")


class Collector:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.scenarios: dict[str, dict] = {}
        self.stack: dict = {}
        self.started = dt.datetime.now(dt.timezone.utc)

    # Worker side: describe the scenario once, at setup; every later report carries it.
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        scenario = scenario_of(item)
        if scenario is None:
            return
        markers = {m.name for m in item.iter_markers()}
        item.user_properties.append(("scenario", {
            "name": scenario.name,
            "feature": scenario.feature.name,
            "file": scenario.feature.rel_filename,
            "guide_ids": sorted((m for m in markers if GUIDE_ID.match(m)), key=lambda g: int(g[1:])),
            "sections": sorted(m for m in markers if m in SECTIONS),
        }))

    # Controller side (also the only side without xdist): fold the reports together.
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict((k, v) for k, v in report.user_properties if k in ("scenario", "stack"))
        if "scenario" not in props:
            return
        if "stack" in props:
            self.stack = props["stack"]
        entry = self.scenarios.setdefault(report.nodeid, {**props["scenario"], "nodeid": report.nodeid,
                                                          "outcome": "passed", "ui_words": [], "pictures": []})
        if report.failed:
            entry["outcome"] = "failed"
        elif report.skipped and entry["outcome"] == "passed":
            entry["outcome"] = "skipped"
        if report.when == "teardown" or report.failed:
            entry["ui_words"] = [v for k, v in report.user_properties if k == "ui_word"]
            entry["pictures"] = [v for k, v in report.user_properties if k == "picture"]

    def result(self) -> dict:
        return build_conformance(load_statements(), list(self.scenarios.values()), self.stack, self.started)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Collector(config), "conformance-collector")
    if config.getoption("--conformance"):
        report_dir = Path(config.getoption("--report-dir"))
        report_dir.mkdir(parents=True, exist_ok=True)
        config.stash[PICTURES_DIR] = report_dir / "screenshots"


PICTURES_DIR = pytest.StashKey[Path]()


def pictures_dir(config: pytest.Config) -> Path | None:
    return config.stash.get(PICTURES_DIR, None)


def _collector(config: pytest.Config) -> Collector:
    return config.pluginmanager.get_plugin("conformance-collector")


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if not config.getoption("--conformance") or hasattr(config, "workerinput"):
        return
    collector = _collector(config)
    conformance = collector.result()
    config.stash[RESULT] = conformance
    report_dir = Path(config.getoption("--report-dir"))
    write_reports(conformance, report_dir)
    # The raw results too, so the reports of several shards can be merged into one.
    write_raw(report_dir, list(collector.scenarios.values()), collector.stack, collector.started)
    sharded = getattr(config, "shard", None) is not None
    if run_fails(conformance, strict_wording=config.getoption("--strict-wording"),
                 untested_fails=not sharded) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


RESULT = pytest.StashKey[dict]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    conformance = config.stash.get(RESULT, None)
    if conformance is None:
        return
    tr = terminalreporter
    tr.section("guide conformance")
    tr.write_line(f"{'id':<4} {'verdict':<9} {'passed':>6}  {'section':<26} drift (guide -> UI)")
    for s in conformance["statements"]:
        passed = sum(1 for sc in s["scenarios"] if sc["outcome"] == "passed")
        drift = "; ".join(f"{d['guide']!r} -> {d['seen']!r}" for d in s["drift"])
        tr.write_line(f"{s['id']:<4} {s['verdict']:<9} {passed:>2}/{len(s['scenarios']):<3}  "
                      f"{s['section']:<26} {drift}")
    totals = conformance["totals"]
    tr.write_line(", ".join(f"{n} {v}" for v, n in totals.items()) +
                  f"  -> {Path(config.getoption('--report-dir')) / 'conformance.html'}")
