"""`make matrix`: the whole conformance suite against each Element release of the matrix, each into
its own report (reports/matrix/<release>/), then the dashboard (reports/matrix.{json,md,html}).

Each release is built by element/build.mjs (cached: built once, reused until its inputs change)
and served with --element-dist. A release whose run did not complete has no column: the dashboard
names it and the command exits non-zero, so every cell comes from a complete run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from report.matrix import build_matrix, load_runs, release_key
from report.matrix_render import write_matrix

REPO = Path(__file__).resolve().parent.parent
ELEMENT = REPO / "element"
DEFAULT_RELEASE = "3.114.0"  # element/package.json's release, built into element/dist


def available_releases() -> list[str]:
    """Every release element/ can build: the default one and each of element/versions/."""
    versions = ELEMENT / "versions"
    found = [d.name for d in versions.iterdir() if (d / "package-lock.json").exists()] if versions.is_dir() else []
    return sorted({DEFAULT_RELEASE, *found}, key=release_key)


@dataclass
class ReleaseResult:
    release: str
    folder: Path
    exit_status: int | None = None
    problem: str | None = None      # why it has no column (the build or the run failed to report)
    seconds: float = 0.0


def build(release: str, log: Path) -> Path:
    """Build (or reuse) a release; its dist folder."""
    script = ["node", str(ELEMENT / "build.mjs"), "--version", release]
    with log.open("a") as out:
        done = subprocess.run(script, cwd=ELEMENT, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise RuntimeError(f"the build of {release} failed (exit {done.returncode}): see {log}")
    where = subprocess.run([*script, "--dist-path"], cwd=ELEMENT, capture_output=True, text=True, check=True)
    return Path(where.stdout.strip())


def run_release(release: str, out: Path, jobs: int, pytest_args: list[str]) -> ReleaseResult:
    folder = out / "matrix" / release
    result = ReleaseResult(release, folder)
    for leftover in (folder, *folder.parent.glob(f"{release}.*")):
        shutil.rmtree(leftover, ignore_errors=True)  # an older run's report must not fill this column
    folder.parent.mkdir(parents=True, exist_ok=True)
    log = folder.parent / f"{release}.log"
    started = time.monotonic()
    try:
        dist = build(release, log)
    except RuntimeError as failed:
        result.problem = str(failed)
        return result
    command = [sys.executable, "-m", "pytest", "features", "--conformance", f"--report-dir={folder}",
               f"--element-dist={dist}", *(["-n", str(jobs)] if jobs else ["-p", "no:xdist"]), *pytest_args]
    with log.open("a") as output:
        result.exit_status = subprocess.run(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT).returncode
    result.seconds = time.monotonic() - started
    if not (folder / "conformance.json").exists():
        landed = [p.name for p in folder.parent.glob(f"{release}.*") if p.is_dir()]
        result.problem = (f"no complete report (pytest exit {result.exit_status}"
                          + (f"; the run landed in {', '.join(landed)}" if landed else "") + f"): see {log}")
    return result


def run_matrix(releases: list[str], out: Path, jobs: int, at_once: int, pytest_args: list[str]) -> int:
    with ThreadPoolExecutor(max_workers=at_once) as pool:
        results = list(pool.map(lambda r: run_release(r, out, jobs, pytest_args), releases))
    reported = [r for r in results if r.problem is None]
    matrix = build_matrix(load_runs([r.folder for r in reported], out))
    matrix["missing"] = [{"release": r.release, "problem": r.problem} for r in results if r.problem]
    write_matrix(matrix, out)
    for r in results:
        state = r.problem or f"pytest exit {r.exit_status}"
        print(f"{r.release:<10} {r.seconds:6.0f} s  {state}")
    print(f"dashboard: {out / 'matrix.html'}")
    failed = [r for r in results if r.problem or r.exit_status != 0]
    return 1 if failed else 0


def default_jobs() -> tuple[int, int]:
    """(workers per release, releases at once): two workers a release, as many releases as cores allow."""
    cores = os.cpu_count() or 1
    if cores < 2:
        return 0, 1
    return 2, max(1, cores // 2 if cores < 8 else 4)
