"""pytest plugin, collect: what each scenario reports, and the conformance report made of it.

Where a scenario runs (an xdist worker too) it records, in its pytest report's user_properties:
its description (report/items.py), the UI words it saw (`ui_words_seen`), its pictures
(report/pictures.py), its accessibility audits (report/a11y_audit.py), the evidence of a failure
(report/evidence.py), its timings (fixtures/plugins/timings.py) and the stack it ran against
(`_stack_facts`). The process that runs the session (the xdist controller, or the only process)
folds the reports together; a scenario counts as finished when its teardown report arrives. What
the workers selected reaches the controller through xdist's own channel (the workers'
workeroutput), so scenarios that never started are reported as not run.

With --conformance the controller turns it into the report (report/run_result.py) in
`<report-dir>.partial`, which report/plugin_run_control.py lands; report/plugin_gates.py decides
the exit status from it. A failure that ends after SIGINT or SIGTERM counts as cut short, not as a
failure of Element.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from pathlib import Path

import pytest

from guide import GUIDE
from report import a11y_audit, evidence, interruption, pictures, placement
from report.items import describe, scenario_of
from report.run_result import PARTIAL_PROPERTY, junit_xml, partial_note, where_it_is, write_result
from report.terminal import summary_lines

REPO = Path(__file__).resolve().parent.parent
SELECTED = "harness_selected_scenarios"  # workeroutput key: nodeid -> description, as collected
PROPERTIES = ("scenario", "stack", "expected_failure", "xpassed", "timings", "stack_fault")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "Guide conformance report")
    group.addoption("--conformance", action="store_true",
                    help="write the conformance report (reports/) and fail on untested or failing guide statements")
    group.addoption("--report-dir", default=str(REPO / "reports"), help="where the report goes (default reports/)")


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


class Collector:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.scenarios: dict[str, dict] = {}
        self.stack: dict = {}
        self.started = dt.datetime.now(dt.timezone.utc)
        self.selected: dict[str, dict] = {}  # nodeid -> description, as collected
        self.workers: list = []  # xdist's nodes that collected (the controller's side)

    # Collecting side (a worker, or the only process): remember what was selected.
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.selected = {item.nodeid: d for item in session.items if (d := describe(item))}
        if _is_worker(self.config):  # every worker selects the same items
            self.config.workeroutput[SELECTED] = self.selected

    # Controller side: the workers' selection comes with their workeroutput when they finish.
    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        self.workers.append(node)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        self.selected = self.selected or getattr(node, "workeroutput", {}).get(SELECTED, {})

    def _selected(self) -> dict[str, dict]:
        # A run stopped by a signal ends before xdist dispatches the workers' last events; their
        # workeroutput has arrived with them all the same.
        for node in self.workers:
            self.selected = self.selected or getattr(node, "workeroutput", {}).get(SELECTED, {})
        return self.selected

    # Worker side: describe the scenario once, at setup; every later report carries it.
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        description = describe(item)
        if description is not None:
            item.user_properties.append(("scenario", description))

    # Controller side (also the only side without xdist): fold the reports together.
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        props = dict((k, v) for k, v in report.user_properties if k in PROPERTIES)
        description = props.get("scenario") or self._selected().get(report.nodeid)
        if description is None and report.nodeid not in self.scenarios:
            return
        if "stack" in props:
            self.stack = props["stack"]
        entry = self.scenarios.setdefault(report.nodeid, {
            **(description or {}), "nodeid": report.nodeid, "ui_words": [], "pictures": [], "audits": [],
            "failure": None, "expected_failure": None, "fault": None, "phases": {}})
        if "expected_failure" in props:
            entry["expected_failure"] = props["expected_failure"]
        if "timings" in props:  # per step and Given phase (fixtures/plugins/timings.py); the last report's is whole
            entry["timings"] = props["timings"]
        entry["phases"][report.when] = self._phase(report, props)
        if "stack_fault" in props:
            entry["fault"] = entry["fault"] or props["stack_fault"]
        self._evidence(entry, report)

    @staticmethod
    def _evidence(entry: dict, report: pytest.TestReport) -> None:
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
        if report.when == "teardown":
            entry["audits"] = [v for k, v in report.user_properties if k == "a11y"]

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

    def scenario_results(self) -> list[dict]:
        results = []
        for nodeid, entry in self.scenarios.items():
            result = {k: v for k, v in entry.items() if k != "phases"}
            result["outcome"] = scenario_outcome(entry["phases"])
            results.append(result)
        for nodeid, description in self._selected().items():
            if nodeid not in self.scenarios:
                results.append({**description, "nodeid": nodeid, "outcome": "not run", "ui_words": [],
                                "pictures": [], "audits": [], "failure": None, "expected_failure": None,
                                "fault": None})
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


_COLLECTED = pytest.StashKey[Collector]()
_RESULT = pytest.StashKey[dict]()


def collected(config: pytest.Config) -> Collector:
    """What the scenarios reported, for the gates (report/plugin_gates.py)."""
    return config.stash[_COLLECTED]


def result(config: pytest.Config) -> dict | None:
    """The conformance result this process wrote (--conformance), else None."""
    return config.stash.get(_RESULT, None)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_COLLECTED] = Collector(config)
    config.pluginmanager.register(config.stash[_COLLECTED], "conformance-collector")
    if config.getoption("--conformance"):
        config.stash[pictures.PICTURES_DIR] = placement.partial_dir(config) / "screenshots"


# -- where a scenario runs: pictures, audits, evidence ---------------------------------------
def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args) -> None:
    pictures.picture_documented_state(request, step_func, step_func_args)


@pytest.hookimpl(trylast=True, specname="pytest_bdd_after_step")  # after the picture of the state as the user sees it
def pytest_bdd_after_step_audit(request, feature, scenario, step, step_func, step_func_args) -> None:
    a11y_audit.audit_documented_state(request, step_func, step_func_args)


def pytest_bdd_step_error(request, feature, scenario, step, step_func, step_func_args, exception) -> None:
    evidence.remember_failed_step(request, step)
    pictures.picture_failure(request)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    evidence.record_failure(item, call)  # before the report is made, so that it carries the evidence
    return (yield)


# -- the process that runs the session: the report -------------------------------------------
def _writes_report(config: pytest.Config) -> bool:
    return config.getoption("--conformance") and not _is_worker(config) and not config.option.collectonly


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if not _writes_report(config):
        return
    collector = collected(config)
    conformance = write_result(config, collector.scenario_results(), collector.stack, collector.started, exitstatus)
    config.stash[_RESULT] = conformance
    placement.written(config, conformance)


def pytest_sessionstart(session: pytest.Session) -> None:
    """junit.xml says a narrowed run is partial (a global property). Set at the start: the
    junitxml plugin writes its file in a pytest_sessionfinish that may run before ours."""
    xml = junit_xml(session.config)
    if xml is not None and not _is_worker(session.config) and (note := partial_note(session.config)):
        xml.add_global_property(PARTIAL_PROPERTY, note)


@pytest.hookimpl(optionalhook=True)  # pytest-html's hook: ignored when it is not installed
def pytest_html_results_summary(prefix: list, summary: list, postfix: list, session: pytest.Session) -> None:
    if note := partial_note(session.config):
        prefix.insert(0, f"<p style='border:3px solid #b3261e;padding:.6em;font-weight:bold'>"
                         f"{html.escape(note[0].upper() + note[1:])}: see conformance.html for how many "
                         f"scenarios of each guide statement ran</p>")


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    conformance = result(config)
    if conformance is None:
        return
    terminalreporter.section("guide conformance")
    for line, markup in summary_lines(conformance, placement.final_dir(config), where_it_is(config)):
        terminalreporter.write_line(line, **markup)


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
        hs, app = request.getfixturevalue("homeserver"), request.getfixturevalue("element_server")
    except pytest.FixtureLookupError:
        return  # a project without the harness's stack (the report's own tests use one)
    throttling = getattr(request.config, "throttling", None)  # fixtures/stack/throttling.py
    launched = request.getfixturevalue("browser_type_launch_args")
    version = request.getfixturevalue("browser_version")  # read from the running browser
    request.node.user_properties.append(("stack", {
        "element": {"url": app.url, "version": app.version, "embedded": app.embedded},
        "homeserver": {"url": hs.base_url, "version": hs.version, "mode": hs.mode},
        "browser": {"executable": launched.get("executable_path"), "version": version,
                    "throttling": throttling.facts() if throttling else {}},
    }))

