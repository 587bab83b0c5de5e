"""Wiring: the stack's command-line options, the shared stack (homeserver, Element) and
per-scenario accounts; the plugins below do the rest (the browser chain, steps, the report,
failure artifacts, sharding). The logic lives in fixtures/, pages/, steps/ and report/.
"""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from faker import Faker

from fixtures.matrix.accounts import Account, create_account, deactivate_account
from fixtures.stack.db_snapshot import database_snapshot
from fixtures.stack.element_server import ElementError
from fixtures.stack.homeserver import Homeserver, HomeserverError
from fixtures.stack.options import OptionError, StackOptions, add_stack_options
from fixtures.stack.scratch import private_tmpdir, prune_dead, remove
from fixtures.stack.stack import start_element, start_homeserver, watch
from guide import GUIDE
from pages.vocabulary import DEFAULT_DIALECT, DIALECTS, Vocabulary, vocabulary

REPO = Path(__file__).resolve().parent

pytest_plugins = [
    "fixtures.plugins.timings",  # before the steps, which time their parts with it
    "steps.common",
    "steps.accessing_sessions",
    "steps.security_recommendations",
    "steps.current_session",
    "steps.other_sessions",
    "steps.filters",
    "steps.menus",
    "steps.device_details",
    "report.plugin_run_control",  # SIGINT/SIGTERM; .partial, then reports/, .interrupted or .errors
    "report.plugin_collect",      # what each scenario reports, and the conformance report
    "report.plugin_gates",        # the run's rules: the one place that sets the exit status
    "fixtures.plugins.browser_chain",  # launch arguments -> the worker's warm context -> context -> page
    "fixtures.plugins.failure_artifacts",
    "fixtures.plugins.stack_health",
    "fixtures.plugins.shard",
]


# -- options ---------------------------------------------------------------------------------
def _foreign_conftest_trap(argv: list[str]) -> str | None:
    """`--element-dist PATH` as two arguments: pytest reads this file's options only after its first
    look at the command line, so there PATH is a test path, and pytest loads the conftest.py files
    above it; in another checkout (e.g. a build of another worktree) that is the other checkout's
    conftest.py, which registers the same options again and fails with "option names ... already
    added". Said plainly before that happens; `--element-dist=PATH` has no such problem."""
    for flag, value in zip(argv, argv[1:]):
        if flag != "--element-dist" or value.startswith("-"):
            continue
        folder = Path(value).expanduser().resolve()
        if folder == REPO or REPO in folder.parents:
            continue
        other = next((d / "conftest.py" for d in [folder, *folder.parents] if (d / "conftest.py").is_file()), None)
        if other:
            return (f"--element-dist {value}: as two arguments, pytest takes the folder for a test path and "
                    f"loads {other}, another checkout's conftest.py, whose options clash with this one's. "
                    f"Write it as one argument: --element-dist={value}")
    return None


def pytest_addoption(parser: pytest.Parser) -> None:
    trap = _foreign_conftest_trap(sys.argv)
    if trap:
        raise pytest.UsageError(trap)
    group = parser.getgroup("harness", "Element Sessions harness")
    add_stack_options(group.addoption)
    group.addoption("--ui-dialect", default=DEFAULT_DIALECT, choices=sorted(DIALECTS),
                    help="Element's wording: 2024 (the guide's, the embedded Element) or 2026 (Remove ...)")
    group.addoption("--sessions-route", default="as-written", choices=("as-written", "profile-menu", "shortcut"),
                    help="how scenarios reach the Sessions settings: as their steps say (default), every one "
                         "through the profile menu as the guide says, or every one by Element's own shortcut")
    group.addoption("--artifacts", default=str(REPO / "artifacts"),
                    help="where server logs, traces and screenshots go (default artifacts/)")


def pytest_configure(config: pytest.Config) -> None:
    # The guide model's statements and sections are markers: `-m G8`, `-m filters`.
    for gid in GUIDE.ids:
        config.addinivalue_line("markers", f"{gid}: proves guide statement {gid}")
    for section in GUIDE.sections:
        if section.tag:
            config.addinivalue_line("markers", f"{section.tag}: guide section {section.name}")
    try:
        config.stack_options = StackOptions.parse(
            homeserver=config.getoption("--homeserver"),
            homeserver_url=config.getoption("--homeserver-url"),
            registration_secret=config.getoption("--registration-secret"),
            element_url=config.getoption("--element-url"),
            browser_path=config.getoption("--browser-path"),
            element_dist=config.getoption("--element-dist"),
        )
    except OptionError as e:
        raise pytest.UsageError(str(e)) from None
    config.scratch = private_tmpdir(_worker_id(config))
    # SIGTERM ends a run as Ctrl-C does (fixture teardown stops Synapse and the browser):
    # report/interruption.py, which also notes when the signal came.


def pytest_unconfigure(config: pytest.Config) -> None:
    if getattr(config, "scratch", None):
        remove(config.scratch)


def _worker_id(config: pytest.Config) -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


# -- the shared stack (one per worker) -------------------------------------------------------
@pytest.fixture(scope="session")
def stack_options(pytestconfig) -> StackOptions:
    return pytestconfig.stack_options


@pytest.fixture(scope="session")
def sessions_route(pytestconfig) -> str:
    return pytestconfig.getoption("--sessions-route")


@pytest.fixture(scope="session")
def artifacts_dir(pytestconfig) -> Path:
    path = Path(pytestconfig.getoption("--artifacts")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def homeserver(stack_options: StackOptions, artifacts_dir: Path, pytestconfig):
    """The homeserver of this run (this worker's, under xdist)."""
    # One folder per process: concurrent runs in one checkout must not share a database.
    data_dir = artifacts_dir / "homeserver" / f"{_worker_id(pytestconfig)}-{os.getpid()}"
    prune_dead(data_dir.parent)
    with ExitStack() as stops:
        try:
            snapshot = database_snapshot(REPO / ".cache" / "synapse") if stack_options.homeserver == "process" else None
            server = start_homeserver(stack_options, data_dir, stops, template_db=snapshot)
        except HomeserverError as e:
            pytest.exit(str(e), returncode=3)  # the ExitStack stops what did start
        watch(pytestconfig, homeserver=server)
        yield server


@pytest.fixture(scope="session")
def element_server(stack_options: StackOptions, homeserver: Homeserver, pytestconfig):
    with ExitStack() as stops:
        try:
            app = start_element(stack_options, homeserver, stops)
        except ElementError as e:
            pytest.exit(str(e), returncode=3)
        watch(pytestconfig, element_server=app)
        yield app


@pytest.fixture(scope="session")
def words(pytestconfig) -> Vocabulary:
    """Every UI label, in the dialect of the Element under test."""
    return vocabulary(pytestconfig.getoption("--ui-dialect"))


# -- per scenario ----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def faker() -> Faker:
    return Faker()


@pytest.fixture
def account(homeserver: Homeserver, faker: Faker):
    """A fresh user of its own for each scenario: scenarios share nothing. On an external
    homeserver it is deactivated afterwards; a server the harness started is thrown away whole."""
    try:
        created = create_account(homeserver, faker)
    except httpx.TransportError:
        homeserver.check_alive()  # names the dead homeserver and quotes its log
        raise
    yield created
    if homeserver.mode == "external":
        deactivate_account(created)
