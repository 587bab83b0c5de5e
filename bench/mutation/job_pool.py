"""The runner's side of the jobs (mutation/job.py): pytest processes kept across runs, as many as
runs go at once; one that ended or timed out is replaced by a new one for the next run.

A run answers with its exit (0 passed, 1 a scenario failed). A job that ends before it answers
gives its own exit code (3: the stack could not start), and one that does not answer within the
timeout is stopped (2); the next run of that thread starts a new job. Ctrl-C or SIGTERM stops
every job (each tears its stack down as on Ctrl-C), and no new run starts after that.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from itertools import count
from pathlib import Path

from .runs import REPO, STOP_GRACE_SECONDS, Interrupted, RunSpec, child_environment


class Job:
    """One pytest process that runs what it is sent."""

    def __init__(self, out_dir: Path, patience: float | None = None):
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        self.log = out_dir / "pytest.log"
        ours, theirs = socket.socketpair()
        command = [sys.executable, "-m", "pytest", "features", "-p", "mutation.job",
                   "--mutant-job", str(theirs.fileno()), "--artifacts", str(out_dir),
                   "--output", str(out_dir / "playwright-output")]
        if patience is not None:
            command += ["--mutant-patience", str(patience)]
        with open(self.log, "w") as log:
            # A session of its own: the terminal's Ctrl-C reaches only the runner, which passes it on.
            self.proc = subprocess.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
                                         env=child_environment(), start_new_session=True,
                                         pass_fds=(theirs.fileno(),))
        theirs.close()
        self.channel = ours
        self.replies = ours.makefile("r", encoding="utf-8")

    def run(self, spec: RunSpec, timeout: float) -> int | None:
        """The run's exit (0 or 1), or None when the job ended or timed out first (then it is gone)."""
        self.channel.settimeout(timeout)
        try:
            self.channel.sendall((json.dumps(job_command(spec)) + "\n").encode())
            reply = self.replies.readline()
        except (TimeoutError, OSError):
            reply = ""
        return json.loads(reply)["exit"] if reply else None

    def close(self) -> None:
        """Ask the job to end (it tears its stack down), and wait for it."""
        try:
            self.channel.settimeout(5)
            self.channel.sendall(b"\n")
            self.proc.wait(timeout=STOP_GRACE_SECONDS)
        except (OSError, subprocess.TimeoutExpired):
            stop_process(self.proc)
        self.channel.close()


def job_command(spec: RunSpec) -> dict:
    """What a job is sent for one run (mutation/job.py's Run)."""
    return {"label": spec.label, "build": str(spec.element_dist) if spec.element_dist else None,
            "statements": spec.marker_expression.split(" or "), "try_first": spec.try_first,
            "stop_at_kill": spec.stop_at_kill, "out_dir": str(spec.out_dir),
            "share": list(spec.share) if spec.share else None,
            "labels": list(spec.labels) if spec.labels is not None else None}


class JobPool:
    """Jobs kept between runs: a run takes an idle job (or starts one) and gives it back when it
    answered. Every job and its log under `jobs_dir`; each job's web-first assertions wait
    `patience` seconds (None: the harness's own)."""

    def __init__(self, timeout_seconds: float, jobs_dir: Path, patience: float | None = None):
        self.timeout_seconds, self.jobs_dir, self.patience = timeout_seconds, jobs_dir, patience
        self._live: list[Job] = []  # started and not ended
        self._idle: list[Job] = []
        self._numbers = count(1)
        self._lock = threading.Lock()
        self.stopping = threading.Event()

    def run(self, spec: RunSpec) -> tuple[int, float, Path]:
        """Run one spec on a job: (exit code, seconds, the log that says why). Raises Interrupted
        when the pool is stopping, before or during the run."""
        spec.out_dir.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        job = self._take()
        code = job.run(spec, self.timeout_seconds)
        if self.stopping.is_set():
            raise Interrupted
        if code is None:  # the job is gone: its own log says why
            return self._end(job), time.perf_counter() - start, job.log
        with self._lock:
            self._idle.append(job)
        return code, time.perf_counter() - start, spec.log

    def _take(self) -> Job:
        with self._lock:
            if self.stopping.is_set():
                raise Interrupted
            if self._idle:
                return self._idle.pop()
            job = Job(self.jobs_dir / f"job-{next(self._numbers)}", self.patience)
            self._live.append(job)
            return job

    def _end(self, job: Job) -> int:
        """A job that ended, or did not answer (then it is stopped): the run's exit code."""
        with self._lock:
            self._live.remove(job)
        ended = job.proc.poll()
        job.channel.close()
        if ended is None:
            stop_process(job.proc)
            with open(job.log, "a") as log:
                log.write(f"\n[mutants] no answer within {self.timeout_seconds:.0f} s: the job was stopped\n")
            return 2
        return ended if ended not in (0, 1) else 3  # it ended mid-run: the run proved nothing

    def close_all(self) -> None:
        """End every job: each finishes its teardown."""
        with self._lock:
            jobs, self._live, self._idle = list(self._live), [], []
        for job in jobs:
            job.close()

    def stop_all(self) -> None:
        """Stop every job (SIGINT) and start no new one; returns when they have all ended."""
        with self._lock:
            self.stopping.set()
            jobs, self._live, self._idle = list(self._live), [], []
        for job in jobs:
            stop_process(job.proc)
