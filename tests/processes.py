"""Looking at this machine's processes, for the tests that prove nothing is left running."""

from __future__ import annotations

from pathlib import Path


def processes_mentioning(text: str) -> list[str]:
    """Pids whose command line contains text (e.g. a run's own temporary folder)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if text in cmdline.read_bytes().decode(errors="replace"):
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found


def children_of(pid: int) -> set[int]:
    """Every descendant of pid."""
    kids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.add(int(stat.parent.name))
    return kids | {k for kid in kids for k in children_of(kid)} if kids else set()


def alive(pids: set[int]) -> list[int]:
    """The pids still running (zombies, already dead, do not count)."""
    running = []
    for p in pids:
        try:
            if Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
                running.append(p)
        except OSError:
            pass
    return running
