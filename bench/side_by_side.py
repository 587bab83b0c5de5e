"""What users wait for, this commit beside an older one, in one bench run: `make conformance`,
`make test` and `make mutants`, each timed in a git worktree of its commit after an untimed
`make setup`, with the peak memory of each worker's share (its Python, Synapse and browser).

Both commits run from worktrees, so the user's own reports/ and artifacts/ are left alone and the
two are measured the same way. The worktrees share the Python venv, the Synapse snapshot and
Element's node_modules with this checkout where their inputs are the same (requirements.txt,
package-lock.json); each builds its own element/dist with its own build.mjs, since the build is
harness code too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# What a user waits for, by make target; `mutants` is the slowest by far.
TARGETS = ("conformance", "test", "mutants")
SAMPLE_EVERY_S = 0.5


# -- memory of a process tree, from /proc ------------------------------------------------------
def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # gone while we looked
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def _subtree(root: int, children: dict[int, list[int]]) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _pss_kib(pid: int) -> int:
    """Proportional set size: shared pages (Chromium's, Python's) counted once across processes."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _is_worker(pid: int) -> bool:
    """An xdist worker, or the one pytest process of a serial run (each holds a Synapse and a browser)."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return b"python" in cmd and (b"execnet" in cmd or b"sys.stdin.readline" in cmd or b"pytest" in cmd)


class PeakMemory:
    """Samples the tree under one process; keeps the largest share any one worker held."""

    def __init__(self, root: int):
        self.root, self.peak_mib, self._stop = root, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        children = _children_by_parent()
        workers = [p for p in _subtree(self.root, children) if _is_worker(p)]
        # A worker's share: itself and what it started (Synapse, Chromium); a nested worker aside.
        for worker in workers:
            own = [p for p in _subtree(worker, children) if p == worker or p not in workers]
            self.peak_mib = max(self.peak_mib, sum(map(_pss_kib, own)) / 1024)

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY_S):
            self._sample()

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# -- a commit in a worktree, ready to run ------------------------------------------------------
def _same_file(tree: Path, rel: str) -> bool:
    ours, theirs = REPO / rel, tree / rel
    return ours.exists() and theirs.exists() and ours.read_bytes() == theirs.read_bytes()


def _share_installs(tree: Path) -> None:
    """Link what this checkout has installed where the worktree's inputs are the same."""
    # The Synapse snapshot only, and .cache itself a folder: git refuses to look beyond a link, and
    # a test asks git whether the release builds under .cache are ignored.
    (REPO / ".cache" / "synapse").mkdir(parents=True, exist_ok=True)
    (tree / ".cache").mkdir()
    (tree / ".cache" / "synapse").symlink_to(REPO / ".cache" / "synapse")
    if _same_file(tree, "requirements.txt"):
        (tree / ".venv").symlink_to(REPO / ".venv")
        _older_than_its_install(tree / "requirements.txt")
    for folder in ("element", "report/axe"):
        lock = f"{folder}/package-lock.json"
        if _same_file(tree, lock) and (REPO / folder / "node_modules").exists():
            # hard links: the build places each file by its real path, which a symlink would change
            subprocess.run(["cp", "-al", str(REPO / folder / "node_modules"), str(tree / folder)], check=True)
            _older_than_its_install(tree / lock)


def _older_than_its_install(path: Path) -> None:
    """A fresh checkout's file is newer than the install stamp make compares it with; the same
    content was installed, so make need not install again."""
    os.utime(path, (0, 0))


@contextmanager
def worktree(commit: str):
    """`commit` checked out in a temporary worktree, set up (untimed); removed afterwards."""
    tree = Path(tempfile.mkdtemp(prefix="bench-tree-")) / "repo"
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree), commit], cwd=REPO, check=True)
    try:
        _share_installs(tree)
        subprocess.run(["make", "-s", "setup"], cwd=tree, check=True, stdout=subprocess.DEVNULL)
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
        shutil.rmtree(tree.parent, ignore_errors=True)


def timed_make(tree: Path, target: str, log: Path) -> dict:
    """One `make <target>` in `tree`: seconds, exit status, the peak memory of one worker's share."""
    start = time.perf_counter()
    with log.open("w") as out:
        run = subprocess.Popen(["make", target], cwd=tree, stdout=out, stderr=subprocess.STDOUT, env=_plain_make_env())
        with PeakMemory(run.pid) as memory:
            status = run.wait()
    return {"seconds": round(time.perf_counter() - start, 1), "exit": status,
            "peak_worker_mib": round(memory.peak_mib), "log": str(log)}


def _plain_make_env() -> dict:
    """Our environment without what an outer `make bench ARGS=...` hands down to every make below
    it: make puts a command-line variable both in MAKEFLAGS and in the environment, and
    `make mutants` would pass ARGS to its own script."""
    return {k: v for k, v in os.environ.items()
            if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "ARGS")}


def side_by_side(old_commit: str, targets: list[str], logs: Path) -> dict:
    """Each target at HEAD and at `old_commit`, one after the other in this order, so both meet
    the same moment of a shared machine as nearly as can be."""
    logs.mkdir(parents=True, exist_ok=True)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout.strip()
    figures: dict = {"new_commit": head, "old_commit": old_commit}
    with worktree("HEAD") as new, worktree(old_commit) as old:
        for target in targets:
            figures[f"new_{target}"] = timed_make(new, target, logs / f"new-{target}.log")
            figures[f"old_{target}"] = timed_make(old, target, logs / f"old-{target}.log")
    return figures


def ratios(figures: dict) -> dict:
    """`conformance_ratio`, `test_ratio`, `mutants_ratio` (new/old) with the seconds beside them."""
    out = {}
    for target in TARGETS:
        new, old = figures.get(f"new_{target}"), figures.get(f"old_{target}")
        if new and old:
            failed = [f"{side} make {target} exited {run['exit']} ({run['log']})"
                      for side, run in (("new", new), ("old", old)) if run["exit"] != 0]
            # A run that failed measured nothing a user waits for: no ratio, and the run says why.
            out[f"{target}_ratio"] = None if failed else round(new["seconds"] / old["seconds"], 2)
            if failed:
                out[f"{target}_failed"] = "; ".join(failed)
            out[f"{target}_s"], out[f"old_{target}_s"] = new["seconds"], old["seconds"]
            out[f"{target}_peak_worker_mib"] = new["peak_worker_mib"]
            out[f"old_{target}_peak_worker_mib"] = old["peak_worker_mib"]
    return out
