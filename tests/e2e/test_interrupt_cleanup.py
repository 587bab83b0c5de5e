"""Ctrl-C or SIGTERM in the middle of a run (Synapse up, a browser running) leaves no process and no
temporary file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.processes import alive, children_of, processes_mentioning

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupting_a_run_leaves_no_process_or_temporary_file_behind(tmp_path, sig):
    # The run's TMPDIR, short enough for the run to make its own folder in it (Chromium's socket
    # paths are limited): Chromium's profile, Playwright's folders.
    temporary = Path(tempfile.mkdtemp(prefix="out-", dir="/tmp"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pytest", "features", "-q", "-k", "first_letter or first_tab or login_form",
         "--artifacts", str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "TMPDIR": str(temporary)})
    deadline = time.monotonic() + 120
    browser_seen = False
    while time.monotonic() < deadline and proc.poll() is None:
        # Wait until the run is in the middle of things: Synapse up and a browser running.
        descendants = children_of(proc.pid)
        names = {Path(f"/proc/{p}/comm").read_text().strip() for p in descendants
                 if Path(f"/proc/{p}/comm").exists()}
        if processes_mentioning(str(tmp_path)) and any("chrom" in n for n in names):
            browser_seen = True
            break
        time.sleep(0.2)  # polling the run's own progress
    if not browser_seen:
        proc.kill()
        pytest.fail("the run never got to a running Synapse and browser:\n" + proc.communicate()[0].decode()[-3000:])
    tracked = children_of(proc.pid)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    left = alive(tracked)
    grace = time.monotonic() + 10  # processes signalled by the teardown may take a moment to go
    while left and time.monotonic() < grace:
        time.sleep(0.1)
        left = alive(tracked)
    assert left == [], f"left running after {sig.name}: " + ", ".join(
        Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace")[:80] for p in left)
    assert processes_mentioning(str(tmp_path)) == []
    assert list(temporary.iterdir()) == []
    temporary.rmdir()
