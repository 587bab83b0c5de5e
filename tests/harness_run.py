"""The one way the harness's own tests run pytest in a child process (the harness on features/, or a
throwaway project) and read what happened: the outcomes from the run's JUnit XML, the verdicts from
its conformance.json and scenarios.json. Never from the terminal's summary lines, whose wording and
cut depend on the terminal's width (a wider CI terminal once printed a failure four times)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class HarnessRun:
    args: list[str]
    pid: int
    returncode: int
    stdout: str
    stderr: str
    outcomes: dict[str, int]  # passed, failed, error, skipped, xfailed: as the JUnit XML has them
    report_dir: Path | None = None
    properties: list[tuple[str, str]] = field(default_factory=list)  # every testcase's, in order

    @property
    def output(self) -> str:
        """The end of what the run printed, for an assertion's message."""
        return self.stdout[-4000:] + self.stderr[-2000:]

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({**asdict(self), "report_dir": self.report_dir and str(self.report_dir)}))

    @classmethod
    def load(cls, path: Path) -> HarnessRun:
        saved = json.loads(path.read_text())
        report_dir = saved.pop("report_dir")
        properties = [tuple(p) for p in saved.pop("properties")]
        return cls(**saved, report_dir=report_dir and Path(report_dir), properties=properties)

    def report(self, name: str = "conformance.json") -> dict:
        assert self.report_dir, "this run wrote no conformance report"
        path = self.report_dir / name
        assert path.exists(), f"no {path}:\n{self.output}"
        return json.loads(path.read_text())

    def statements(self) -> dict[str, dict]:
        """The conformance report's statements by id (G1..G18)."""
        return {s["id"]: s for s in self.report()["statements"]}

    def scenarios(self) -> list[dict]:
        """Each scenario as scenarios.json records it (name, outcome, failure)."""
        return self.report("scenarios.json")["scenarios"]


def run_pytest(*args: str, cwd: Path = REPO, report_dir: Path | None = None, env: dict | None = None,
               timeout: float = 600) -> HarnessRun:
    """`python -m pytest ARGS` in `cwd`; with `report_dir`, a --conformance run writing there."""
    report_args = ["--conformance", f"--report-dir={report_dir}"] if report_dir else []
    with tempfile.TemporaryDirectory(prefix="harness-run-") as scratch:
        junit = _junit_asked_for(args, cwd)
        if junit is None:  # outside the report folder, which the report may replace
            junit = Path(scratch) / "junit.xml"
            report_args.append(f"--junitxml={junit}")
        command = [sys.executable, "-m", "pytest", *args, *report_args]
        # The same terminal width on every machine: what the child prints does not depend on ours.
        with subprocess.Popen(command, cwd=cwd, env={**os.environ, "COLUMNS": "160", **(env or {})}, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
            try:
                stdout, stderr = proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                stdout, stderr = proc.communicate()
                raise AssertionError(f"pytest {' '.join(args)} ran over {timeout} s:\n{stdout[-4000:]}") from None
        outcomes, properties = _read_junit(junit)
    return HarnessRun(command, proc.pid, proc.returncode, stdout, stderr, outcomes, report_dir, properties)


def _junit_asked_for(args: tuple[str, ...], cwd: Path) -> Path | None:
    """The JUnit file the caller named (`--junitxml=PATH`), read from where pytest writes it."""
    named = [a.split("=", 1)[1] for a in args if a.startswith(("--junitxml=", "--junit-xml="))]
    return cwd / named[-1] if named else None


def _read_junit(junit: Path) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Outcome counts and properties from pytest's JUnit XML (none when the run stopped before it)."""
    if not junit.exists():
        return {}, []
    cases = list(ET.parse(junit).iter("testcase"))
    outcomes = Counter(_outcome(case) for case in cases)
    properties = [(p.get("name"), p.get("value")) for case in cases for p in case.iter("property")]
    return dict(outcomes), properties


def _outcome(case: ET.Element) -> str:
    for tag in ("failure", "error"):
        if case.find(tag) is not None:
            return "failed" if tag == "failure" else "error"
    skipped = case.find("skipped")
    if skipped is not None:
        return "xfailed" if skipped.get("type") == "pytest.xfail" else "skipped"
    return "passed"


def shared_run(folder: Path, start: Callable[[Path], HarnessRun]) -> HarnessRun:
    """`start(folder)` once for every test process that asks for `folder` (pytest-xdist's workers
    share the parent of their base temp folder): the first one runs it, the others wait on a file
    lock and read its result."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder / "run.json"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if saved.exists():
            return HarnessRun.load(saved)
        run = start(folder)
        run.save(saved)
        return run
