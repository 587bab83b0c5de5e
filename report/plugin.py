"""pytest plugin: collects each scenario's outcome, guide ids, UI words, pictures and failure
evidence, and with --conformance writes the conformance report and fails the run on what the
run rules say (report/conformance.py: run_fails).

Everything a scenario contributes travels in its report's user_properties, so the same code
works in one process and under pytest-xdist (where only the controller writes the report).

A scenario counts as finished when its teardown report arrives. A run stopped by SIGINT or
SIGTERM (report/interruption.py), or one that ended with scenarios unfinished, is reported as
interrupted, in <report-dir>.interrupted (report/placement.py); failures that end after the
signal are counted as cut short, not as failures of Element.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import time
from pathlib import Path

import pytest

from guide import GUIDE
from report import interruption, placement
from report.conformance import build_conformance, mostly_errors, run_fails, totals_line, verdict_label
from report.items import describe, scenario_of
from report.a11y import accessibility_of_run, summary_line as a11y_summary_line
from report.run_scope import collects_whole_suite, features_dir, narrowed_by, scope_record
from report.render import partial_banner, write_raw, write_reports
from report.statements import load_statements

REPO = Path(__file__).resolve().parent.parent
SELECTED = "selected-scenarios.json"  # what the collecting process selected, for the controller


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "Guide conformance report")
    group.addoption("--conformance", action="store_true",
                    help="write the conformance report (reports/) and fail on untested or failing guide statements")
    group.addoption("--report-dir", default=str(REPO / "reports"), help="where the report goes (default reports/)")
    group.addoption("--strict-wording", action="store_true",
                    help="also fail when the UI's words differ from the guide's (verdict 'differs')")


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


class Collector:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.scenarios: dict[str, dict] = {}
        self.stack: dict = {}
        self.started = dt.datetime.now(dt.timezone.utc)
        self.selected: dict[str, dict] = {}  # nodeid -> description, as collected

    # Collecting side (a worker, or the only process): remember what was selected.
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.selected = {item.nodeid: d for item in session.items if (d := describe(item))}
        if _is_worker(self.config) and self.config.getoption("--conformance"):
            # Workers collect; the controller does not. Every worker selects the same items.
            path = placement.partial_dir(self.config) / SELECTED
            scratch = path.with_name(f".{SELECTED}.{os.getpid()}")
            scratch.write_text(json.dumps(self.selected))
            scratch.replace(path)

    # Worker side: describe the scenario once, at setup; every later report carries it.
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        description = describe(item)
        if description is not None:
            item.user_properties.append(("scenario", description))

    # Controller side (also the only side without xdist): fold the reports together.
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict((k, v) for k, v in report.user_properties
                     if k in ("scenario", "stack", "expected_failure", "xpassed", "timings", "stack_fault"))
        description = props.get("scenario") or self._selected().get(report.nodeid)
        if description is None and report.nodeid not in self.scenarios:
            return
        if "stack" in props:
            self.stack = props["stack"]
        entry = self.scenarios.setdefault(report.nodeid, {
            **(description or {}), "nodeid": report.nodeid, "ui_words": [], "pictures": [],
            "failure": None, "expected_failure": None, "fault": None, "phases": {}})
        if "expected_failure" in props:
            entry["expected_failure"] = props["expected_failure"]
        if "timings" in props:  # per step and Given phase (fixtures/timings.py); the last report's is whole
            entry["timings"] = props["timings"]
        entry["phases"][report.when] = self._phase(report, props)
        if "stack_fault" in props:
            entry["fault"] = entry["fault"] or props["stack_fault"]
        if report.when == "???" and report.failed:
            # xdist's report for a worker that died mid-scenario: it carries no evidence.
            entry["failure"] = entry["failure"] or {"when": "???", "step": None, "message": str(report.longrepr)}
            entry["fault"] = entry["fault"] or {"what": "pytest worker", "detail": "the xdist worker died mid-scenario",
                                                "exit_status": None, "log": None, "log_tail": ""}
        if report.when in ("setup", "call", "teardown") and (report.failed or hasattr(report, "wasxfail")):
            failure = next((v for k, v in report.user_properties if k == "failure" and v["when"] == report.when), None)
            entry["failure"] = entry["failure"] or failure
        if report.when == "teardown" or report.failed:
            entry["ui_words"] = [v for k, v in report.user_properties if k == "ui_word"]
            entry["pictures"] = [v for k, v in report.user_properties if k == "picture"]

    @staticmethod
    def _phase(report: pytest.TestReport, props: dict) -> str:
        if props.get("xpassed"):
            return "xpassed"
        if report.failed or hasattr(report, "wasxfail"):
            signalled = interruption.interrupted_at()
            ended = report.stop or time.time()  # xdist's crash report has no times: it ends now
            if signalled is not None and ended >= signalled:
                return "cut short"
            if "stack_fault" in props or report.when == "???":
                return "error"  # the harness or its stack broke: nothing was learnt about Element
        if hasattr(report, "wasxfail"):
            return "xfailed"
        return "failed" if report.failed else report.outcome  # passed, skipped

    def _selected(self) -> dict[str, dict]:
        if not self.selected and self.config.getoption("--conformance"):
            path = placement.partial_dir(self.config) / SELECTED
            if path.exists():
                self.selected = json.loads(path.read_text())
        return self.selected

    def scenario_results(self) -> list[dict]:
        results = []
        for nodeid, entry in self.scenarios.items():
            result = {k: v for k, v in entry.items() if k != "phases"}
            result["outcome"] = scenario_outcome(entry["phases"])
            results.append(result)
        for nodeid, description in self._selected().items():
            if nodeid not in self.scenarios:
                results.append({**description, "nodeid": nodeid, "outcome": "not run", "ui_words": [],
                                "pictures": [], "failure": None, "expected_failure": None, "fault": None})
        return results


def scenario_outcome(phases: dict[str, str]) -> str:
    seen = set(phases.values())
    for decisive in ("failed", "xpassed", "error"):
        if decisive in seen:
            return decisive
    # Finished: its teardown was reported (or xdist reported the worker dead mid-scenario).
    if "cut short" in seen or not ({"teardown", "???"} & set(phases)):
        return "interrupted"
    for outcome in ("xfailed", "skipped"):
        if outcome in seen:
            return outcome
    return "passed"


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Collector(config), "conformance-collector")
    if config.getoption("--conformance"):
        config.stash[PICTURES_DIR] = placement.partial_dir(config) / "screenshots"


PICTURES_DIR = pytest.StashKey[Path]()


def pictures_dir(config: pytest.Config) -> Path | None:
    return config.stash.get(PICTURES_DIR, None)


def _collector(config: pytest.Config) -> Collector:
    return config.pluginmanager.get_plugin("conformance-collector")


def _writes_report(config: pytest.Config) -> bool:
    return config.getoption("--conformance") and not _is_worker(config) and not config.option.collectonly


def _interruption(exitstatus: int) -> dict | None:
    if interruption.interrupted_at() is not None:
        at = dt.datetime.fromtimestamp(interruption.interrupted_at(), dt.timezone.utc)
        return {"reason": f"{interruption.signal_name()} received", "at": at.isoformat(timespec="seconds")}
    if exitstatus not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED):
        return {"reason": f"the run stopped early (pytest exit status {int(exitstatus)})", "at": None}
    return None


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if not _writes_report(config):
        return
    collector = _collector(config)
    scenarios = collector.scenario_results()
    conformance = build_conformance(load_statements(), scenarios, collector.stack, collector.started,
                                    _interruption(exitstatus), scope={"narrowed_by": narrowed_by(config)},
                                    features_dir=features_dir(config))
    from report.expected_failures import expectations_path  # a plugin module: imported as one first
    audits = config.pluginmanager.get_plugin("a11y-collector")
    conformance["accessibility"] = accessibility_of_run(list(audits.audits.values()) if audits else [],
                                                        expectations_path(config),
                                                        conformance["element"].get("version", ""),
                                                        whole_run=collects_whole_suite(config)
                                                        and conformance["run"]["interrupted"] is None)
    config.stash[RESULT] = conformance
    partial = placement.partial_dir(config)
    write_reports(conformance, partial)
    # The raw results too, so the reports of several shards can be merged into one.
    write_raw(partial, scenarios, collector.stack, collector.started, scope_record(config))
    (partial / SELECTED).unlink(missing_ok=True)
    placement.written(config, "interrupted" if conformance["run"]["interrupted"]
                      else "errors" if mostly_errors(conformance) else "complete")
    if interruption.interrupted_at() is not None:
        session.exitstatus = pytest.ExitCode.INTERRUPTED
    # A narrowed run (-k, -m, a shard) proves part of the guide: its untested statements are for a
    # whole run (or the merged report) to judge.
    if run_fails(conformance, strict_wording=config.getoption("--strict-wording"),
                 untested_fails=collects_whole_suite(config)) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


RESULT = pytest.StashKey[dict]()
PARTIAL_PROPERTY = "conformance_partial"


def _partial_note(config: pytest.Config) -> str | None:
    """Why this run covers only part of features/, for the CI reports beside the conformance one."""
    narrowing = narrowed_by(config) if config.getoption("--conformance") else []
    return f"partial run, narrowed by {', '.join(narrowing)}" if narrowing else None


def _junit_xml(config: pytest.Config):
    """The junitxml plugin's writer when --junitxml is on (pytest keeps it in a stash key of
    its private module; older pytest in config._xml), else None."""
    try:
        from _pytest.junitxml import xml_key
    except ImportError:
        return getattr(config, "_xml", None)
    return config.stash.get(xml_key, None)


def pytest_sessionstart(session: pytest.Session) -> None:
    """junit.xml says a narrowed run is partial (a global property). Set at the start: the
    junitxml plugin writes its file in a pytest_sessionfinish that may run before ours."""
    xml = _junit_xml(session.config)
    if xml is not None and not _is_worker(session.config) and (note := _partial_note(session.config)):
        xml.add_global_property(PARTIAL_PROPERTY, note)


@pytest.hookimpl(optionalhook=True)  # pytest-html's hook: ignored when it is not installed
def pytest_html_results_summary(prefix: list, summary: list, postfix: list, session: pytest.Session) -> None:
    if note := _partial_note(session.config):
        prefix.insert(0, f"<p style='border:3px solid #b3261e;padding:.6em;font-weight:bold'>"
                         f"{html.escape(note[0].upper() + note[1:])}: see conformance.html for how many "
                         f"scenarios of each guide statement ran</p>")


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    conformance = config.stash.get(RESULT, None)
    if conformance is None:
        return
    tr = terminalreporter
    tr.section("guide conformance")
    if banner := partial_banner(conformance):
        tr.write_line(banner, yellow=True, bold=True)
    stop = conformance["run"]["interrupted"]
    if stop:
        total = len(stop["finished"]) + len(stop["unfinished"])
        tr.write_line(f"INTERRUPTED ({stop['reason']}): {len(stop['finished'])} of {total} scenarios "
                      f"finished; this report is incomplete", red=True, bold=True)
    tr.write_line(f"{'id':<4} {'verdict':<11} {'passed':>6}  {'section':<26} drift (guide -> UI), expected failures")
    for s in conformance["statements"]:
        passed = sum(1 for sc in s["scenarios"] if sc["outcome"] in ("passed", "xpassed"))
        notes = [f"{d['guide']!r} -> {d['seen']!r}" for d in s["drift"]]
        if s.get("expected"):
            notes.append(verdict_label(s) + "".join(f" {link}" for link in s["expected"]["links"]))
        notes += [f"expected to fail, but passed: {name}" for name in s["expected_but_passed"]]
        verdict = s["verdict"] + ("*" if s.get("expected") else "")
        tr.write_line(f"{s['id']:<4} {verdict:<11} {passed:>2}/{len(s['scenarios']):<3}  "
                      f"{s['section']:<26} {'; '.join(notes)}")
    for stale in conformance["stale_expectations"]:
        tr.write_line(f"expected to fail, but passed: update features/expectations.yaml: {stale['scenario']}",
                      red=True)
    if stop:
        for name in stop["unfinished"]:
            tr.write_line(f"did not finish: {name}")
    for fault in conformance.get("stack_faults", []):
        tr.write_line(f"error, not Element's failure: {fault['scenario']}: {fault['what']}: {fault['detail']}", red=True)
        for line in (fault.get("log_tail") or "").splitlines()[-5:]:
            tr.write_line(f"    {line}")
    if mostly_errors(conformance):
        tr.write_line(f"most scenarios were stopped by the stack: {placement.final_dir(config)} keeps "
                      "the last good report", red=True, bold=True)
    if a11y := conformance.get("accessibility"):
        line, bad = a11y_summary_line(a11y)
        tr.write_line(line, red=bad)
    landed = placement.landed(config)
    where = landed / "conformance.html" if landed else placement.partial_dir(config)
    tr.write_line(f"{totals_line(conformance)}  -> {where}")


# -- what each scenario tells the report --------------------------------------------------
@pytest.fixture
def ui_words_seen(request):
    """Record a UI word a scenario saw, for the conformance report: the guide model knows the
    guide's word for it and the statement it speaks to (a key it does not know fails the step)."""
    def record(key: str, seen: str) -> None:
        guide = GUIDE.word(key).guide
        request.node.user_properties.append(("ui_word", {"key": key, "seen": seen, "guide": guide}))
    return record


@pytest.fixture(autouse=True)
def _stack_facts(request):
    """Tell the conformance report which Element and homeserver a scenario ran against."""
    if scenario_of(request.node) is None:
        return
    try:
        hs, app = request.getfixturevalue("homeserver"), request.getfixturevalue("element_app")
    except pytest.FixtureLookupError:
        return  # a project without the harness's stack (the report's own tests use one)
    throttling = getattr(request.config, "throttling", None)  # fixtures/throttling.py
    launched = request.getfixturevalue("browser_type_launch_args")
    version = request.getfixturevalue("browser_version")  # read from the running browser
    request.node.user_properties.append(("stack", {
        "element": {"url": app.url, "version": app.version, "embedded": app.embedded},
        "homeserver": {"url": hs.base_url, "version": hs.version, "mode": hs.mode},
        "browser": {"executable": launched.get("executable_path"), "version": version,
                    "throttling": throttling.facts() if throttling else {}},
    }))

