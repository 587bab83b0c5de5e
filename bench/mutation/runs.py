"""Runs of the feature suite as pytest child processes, several at once, each with its own
artifacts folder. Ctrl-C or SIGTERM stops every run started (each tears its stack down the way
it does on Ctrl-C), and no new run starts after that.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# After SIGINT, how long a run may take to stop its Synapse and browser before it is killed.
STOP_GRACE_SECONDS = 60


@dataclass
class RunSpec:
    label: str                 # "baseline" or the mutant's name
    out_dir: Path              # its log, scenario facts, junit.xml, cucumber.json and failure artifacts
    marker_expression: str     # which scenarios: "G12 or G15"
    element_dist: Path | None  # None: the stock build
    stop_at_kill: bool = True  # end at the first When/Then failure (or set-up/stack error)
    workers: int = 0           # pytest-xdist workers; 0 runs in the one process
    try_first: str | None = None  # the label of the scenario to run before the others

    @property
    def log(self) -> Path:
        return self.out_dir / "pytest.log"

    @property
    def facts(self) -> Path:
        return self.out_dir / "scenario-facts.jsonl"

    @property
    def junit(self) -> Path:
        return self.out_dir / "junit.xml"

    @property
    def cucumber(self) -> Path:
        return self.out_dir / "cucumber.json"


def pytest_command(spec: RunSpec, python: str = sys.executable) -> list[str]:
    args = [python, "-m", "pytest", "features", "-m", spec.marker_expression,
            "--artifacts", str(spec.out_dir), "--output", str(spec.out_dir / "playwright-output"),
            f"--junitxml={spec.junit}", f"--cucumberjson={spec.cucumber}",
            "-p", "mutation.facts", "--scenario-facts", str(spec.facts)]
    if spec.element_dist is not None:
        args += ["--element-dist", str(spec.element_dist)]
    if spec.stop_at_kill:
        # Not -x: a Given that fails proves nothing, and a later scenario may still catch the mutant.
        args.append("--stop-at-kill")
    if spec.workers:
        args += ["-n", str(spec.workers)]
    if spec.try_first:
        args += ["-p", "mutation.try_first", "--try-first", spec.try_first]
    return args


def scenario_index(python: str = sys.executable) -> list[dict]:
    """Every scenario of the feature suite: its label and statements (collected, nothing run)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.json"
        collect = subprocess.run([python, "-m", "pytest", "features", "--collect-only", "-q",
                                  "-p", "mutation.try_first", "--scenario-index", str(path)],
                                 cwd=REPO, env=child_environment(), capture_output=True, text=True)
        if collect.returncode != 0 or not path.exists():
            raise RuntimeError(f"collecting the feature suite failed:\n{collect.stdout[-2000:]}{collect.stderr[-2000:]}")
        return json.loads(path.read_text())


def child_environment() -> dict[str, str]:
    """Ours, with bench/ importable, where the try_first plugin lives."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "bench"), env.get("PYTHONPATH")]))
    return env


class Interrupted(Exception):
    """The whole mutation run was asked to stop."""


class RunPool:
    """Starts runs, remembers the live ones, stops them all on request."""

    def __init__(self, timeout_seconds: float):
        self.timeout_seconds = timeout_seconds
        self._live: set[subprocess.Popen] = set()
        self._lock = threading.Lock()
        self.stopping = threading.Event()

    def run(self, spec: RunSpec) -> tuple[int, float]:
        """Run one spec to its end: (pytest's exit code, seconds). Raises Interrupted when the pool
        is stopping, before or during the run."""
        spec.out_dir.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        with open(spec.log, "w") as log:
            with self._lock:
                if self.stopping.is_set():
                    raise Interrupted
                # A session of its own: the terminal's Ctrl-C reaches only us, and we pass it on
                # once, so pytest gets one SIGINT and tears its stack down cleanly.
                proc = subprocess.Popen(pytest_command(spec), cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                        env=child_environment(), start_new_session=True)
                self._live.add(proc)
            try:
                try:
                    code = proc.wait(timeout=self.timeout_seconds)
                except subprocess.TimeoutExpired:
                    log.write(f"\n[mutants] no result after {self.timeout_seconds:.0f} s: stopping the run\n")
                    log.flush()
                    code = self._stop(proc)
                    code = code if code not in (0, 1) else 2
            finally:
                with self._lock:
                    self._live.discard(proc)
        if self.stopping.is_set():
            raise Interrupted
        return code, time.perf_counter() - start

    def stop_all(self) -> None:
        """Stop every live run and start no new one; returns when they have all ended."""
        with self._lock:
            self.stopping.set()
            live = list(self._live)
        for proc in live:
            self._stop(proc)

    @staticmethod
    def _stop(proc: subprocess.Popen) -> int:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                return proc.wait(timeout=STOP_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                # The run's own session (its pytest, Playwright driver and Chromium), by its id.
                os.killpg(proc.pid, signal.SIGKILL)
        return proc.wait()
