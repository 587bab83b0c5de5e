"""A copy of the embedded build with one file changed, for tests that need an Element that says or
does one thing differently (the mutants' copy, bench/mutation/build_copy.py): every other entry is
a link into element/dist, which is never written."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from bench.mutation.build_copy import copy_with_one_file

REPO = Path(__file__).resolve().parents[2]
DIST = REPO / "element" / "dist"


def build_with_changed_file(dest: Path, relative: str, change: Callable[[str], str]) -> Path:
    """dest: a build serving like element/dist, with `relative` rewritten by `change`."""
    return copy_with_one_file(DIST, dest, relative, change((DIST / relative).read_text(encoding="utf-8")))


def replace_once(text: str, anchor: str, replacement: str) -> str:
    """`text` with `anchor` replaced; the anchor must occur exactly once (a new build moves it)."""
    found = text.count(anchor)
    assert found == 1, f"{anchor[:80]!r}... occurs {found} times in the build, not once"
    return text.replace(anchor, replacement)


def build_with_bundle_patched(dest: Path, anchor: str, replacement: str) -> Path:
    """dest: a build whose bundle.js has `anchor` (Element's code, found exactly once) replaced."""
    return build_with_changed_file(dest, "bundle.js", lambda text: replace_once(text, anchor, replacement))
