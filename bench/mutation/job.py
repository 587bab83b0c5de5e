"""A pytest plugin: one pytest process runs many mutants, one after another (`--mutant-job FD`).

Why: a process per mutant started Python, a Synapse, an Element server and a browser, and loaded
Element twice before its first scenario, for runs that mostly end after one scenario. A job keeps
its homeserver, its browser and its Python across the mutants it is given; per mutant it serves
the mutant's build from an Element server of its own on a new port. A new origin, so the browser
can hold no cached or compiled copy of another build, and no warm-up: each of the mutant's
scenarios gets its fresh page, storage and user as in any run (fixtures/warm_context.py).

Patience (--mutant-patience): a mutant that shows a wrong value shows it for good, so a web-first
assertion waiting the harness's 15 s (pages/patience.py) for it to come right spent most of a
mutant's run. A job waits the runner's shorter patience instead, for every scenario it runs, the
stock build's baseline included: a kill then means the mutant did not show, within that patience,
what the stock build showed within it on the same machine in the same run.

The runner (mutation/job_pool.py) sends one JSON line per run on the socket FD: {"label",
"build" (a folder, or null for the stock build), "statements", "try_first", "stop_at_kill",
"out_dir", "share", "labels"}. The job runs the collected scenarios tagged with those statements
(and with those labels, when given), try_first first,
until a kill or an error that would recur (mutation/outcome.py's STOPS_THE_RUN) when asked to stop
there; the facts go to <out_dir>/scenario-facts.jsonl (mutation/facts.py), each report's outcome
and every failure in full to <out_dir>/pytest.log, failure artifacts under <out_dir>/. Then it
answers {"label", "exit": 0, or 1 when a scenario failed}. An empty line or the socket's end ends
the job, and pytest tears its stack down as at the end of any run.

Each run of an item starts from the item as collected: its user_properties and stash (where the
plugins keep a run's evidence, timings and xfail state) are put back, and it gets a new fixture
request.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

from fixtures.stack.element_server import ElementServer, EmbeddedElement, client_config
from fixtures.stack.throttling import set_assertion_patience
from fixtures.plugins.scenario_items import scenario_of
from report.items import describe, label

from .facts import FactsWriter
from .try_first import tried_first

PLUGIN = "mutation-job"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--mutant-job", type=int, default=None, metavar="FD",
                     help="run the mutants the runner sends on this socket, one after another")
    parser.addoption("--mutant-patience", type=float, default=None, metavar="SECONDS",
                     help="how long each web-first assertion waits, the baseline's and the mutants' alike")


def pytest_configure(config: pytest.Config) -> None:
    fd = config.getoption("mutant_job")
    if fd is not None and not config.option.collectonly:
        config.pluginmanager.register(Job(config, socket.socket(fileno=fd)), PLUGIN)
        patience = config.getoption("mutant_patience")
        if patience is not None:
            set_assertion_patience(round(patience * 1000))


@dataclass(frozen=True)
class Run:
    label: str
    build: str | None
    statements: list[str]
    try_first: str | None
    stop_at_kill: bool
    out_dir: str
    share: list[int] | None = None  # [i, n]: every n-th of the selected scenarios from the i-th
    labels: list[str] | None = None  # only the scenarios with these labels (a baseline's), when given

    def selects(self, item: pytest.Item) -> bool:
        if scenario_of(item) is None or not any(item.get_closest_marker(s) for s in self.statements):
            return False
        return self.labels is None or label(describe(item)) in self.labels


class Job:
    def __init__(self, config: pytest.Config, channel: socket.socket):
        self.config, self.channel = config, channel
        self.facts = FactsWriter()
        config.pluginmanager.register(self.facts, "mutation-facts")
        self.run: Run | None = None
        self.builds = ServedBuilds()
        self.log = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        collected = {item: AsCollected.of(item) for item in session.items}
        for line in self.channel.makefile("r", encoding="utf-8"):
            if not line.strip():
                break
            run = Run(**json.loads(line))
            failed = self._run(session, run, collected)
            self.channel.sendall((json.dumps({"label": run.label, "exit": int(failed)}) + "\n").encode())
        return True

    def _run(self, session: pytest.Session, run: Run, collected: dict) -> bool:
        """Run's scenarios, in order, until it is decided; whether any of them failed."""
        out = Path(run.out_dir)
        self.facts.restart(out / "scenario-facts.jsonl")
        self.config.option.artifacts = str(out)  # fixtures/plugins/failure_artifacts.py keeps them there
        failed_before = session.testsfailed
        items = [item for item in session.items if run.selects(item)]
        if run.share:
            items = items[run.share[0]::run.share[1]]
        self.run = run
        with open(out / "pytest.log", "w") as self.log:
            for item in tried_first(items, run.try_first) if run.try_first else items:
                collected[item].restore(item)
                keeper = next((other for other in session.items if other is not item), None)
                item.ihook.pytest_runtest_protocol(item=item, nextitem=keeper)  # the stack stays up
                if session.shouldstop:
                    raise session.Interrupted(session.shouldstop)
                if run.stop_at_kill and self.facts.stop_reason:
                    self.log.write(f"{self.facts.stop_reason}\n")
                    break
        self.run = self.log = None
        return session.testsfailed > failed_before

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if self.log is None or (report.passed and report.when != "call"):
            return
        self.log.write(f"{report.nodeid} {report.when}: {report.outcome} ({report.duration:.1f} s)\n")
        if report.failed:
            self.log.write(report.longreprtext + "\n")
            for name, text in report.sections:
                self.log.write(f"--- {name} ---\n{text}\n")
        self.log.flush()

    def pytest_unconfigure(self) -> None:
        self.builds.stop()


@dataclass
class AsCollected:
    """What an item held after collection (the expected-failure entry, say), to start each run from."""
    user_properties: list
    stash: dict

    @classmethod
    def of(cls, item: pytest.Item) -> "AsCollected":
        return cls(list(item.user_properties), dict(item.stash._storage))

    def restore(self, item: pytest.Item) -> None:
        item.user_properties = list(self.user_properties)
        item.stash._storage = dict(self.stash)  # Stash has no public way to forget its keys
        item._initrequest()  # a new fixture request: nothing of the last run's fixtures


class ServedBuilds:
    """Points the worker's Element (its ElementServer, which the steps read the URL from) at the
    run's build: the stock server as started, or a server of the mutant's own on a new port."""

    def __init__(self):
        self.stock: tuple[str, EmbeddedElement | None] | None = None
        self.serving: Run | None = None
        self.mutant: EmbeddedElement | None = None

    def serve(self, app: ElementServer, homeserver, run: Run) -> None:
        if run is self.serving:
            return
        if self.stock is None:
            self.stock = (app.url, app.server)
        self.stop()
        if run.build is None:
            app.url, app.server = self.stock
        else:
            self.mutant = EmbeddedElement(client_config(homeserver.base_url, homeserver.server_name or None),
                                          dist=Path(run.build))
            app.url, app.server = self.mutant.start().url, self.mutant
        self.serving = run

    def stop(self) -> None:
        if self.mutant is not None:
            self.mutant.stop()
            self.mutant = None


@pytest.fixture(autouse=True)
def _serve_the_runs_build(request: pytest.FixtureRequest) -> None:
    """Before each scenario of a job: Element serves the build of the run it belongs to."""
    job = request.config.pluginmanager.get_plugin(PLUGIN)
    if job is None or job.run is None or scenario_of(request.node) is None:
        return
    # The browser first: its warm-up (once per job) loads the stock build, not a mutant.
    request.getfixturevalue("warm_context")
    job.builds.serve(request.getfixturevalue("element_server"), request.getfixturevalue("homeserver"), job.run)
