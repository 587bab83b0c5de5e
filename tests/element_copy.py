"""A copy of the embedded build with one file changed, for tests that need an Element that says or
does one thing differently: every other entry is a link into element/dist, which is never written."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
DIST = REPO / "element" / "dist"


def build_with_changed_file(dest: Path, relative: str, change: Callable[[str], str]) -> Path:
    """dest: a build serving like element/dist, with `relative` (e.g. "i18n/en_EN.json") rewritten
    by `change`; returns dest."""
    *folders, name = Path(relative).parts
    stock, copy = DIST, dest
    copy.mkdir(parents=True)
    for part in [*folders, None]:
        for entry in stock.iterdir():
            if entry.name not in (part, name if part is None else None):
                (copy / entry.name).symlink_to(entry)
        if part is None:
            break
        stock, copy = stock / part, copy / part
        copy.mkdir()
    (copy / name).write_text(change((stock / name).read_text(encoding="utf-8")), encoding="utf-8")
    return dest
