"""What a run of the feature suite against one build is (RunSpec: a mutant's, or a share of the
baseline), and the child processes' common ground: their environment, the scenario index, how one
is stopped. The runs themselves go to jobs (mutation/job_pool.py, mutation/job.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# After SIGINT, how long a run may take to stop its Synapse and browser before it is killed.
STOP_GRACE_SECONDS = 60


@dataclass
class RunSpec:
    label: str                 # "baseline" or the mutant's name
    out_dir: Path              # its log, scenario facts and failure artifacts
    marker_expression: str     # which scenarios: "G12 or G15"
    element_dist: Path | None  # None: the stock build
    stop_at_kill: bool = True  # end at the first When/Then failure (or set-up/stack error)
    try_first: str | None = None  # the label of the scenario to run before the others
    share: tuple[int, int] | None = None  # (i, n): every n-th selected scenario from the i-th
    labels: tuple[str, ...] | None = None  # only these scenarios of the statements (a baseline's)

    @property
    def log(self) -> Path:
        return self.out_dir / "pytest.log"

    @property
    def facts(self) -> Path:
        return self.out_dir / "scenario-facts.jsonl"


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
    """Ours, with bench/ importable, where the job and try_first plugins live."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "bench"), env.get("PYTHONPATH")]))
    return env


class Interrupted(Exception):
    """The whole mutation run was asked to stop."""


def stop_process(proc: subprocess.Popen) -> int:
    """SIGINT (pytest tears its stack down), then SIGKILL after the grace; its exit code."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            return proc.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            # The run's own session (its pytest, Playwright driver and Chromium), by its id.
            os.killpg(proc.pid, signal.SIGKILL)
    return proc.wait()
