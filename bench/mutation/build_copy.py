"""A mutant's build: a folder that serves like element/dist, with one file patched.

Everything not patched is a symlink into the stock build, so a copy costs one or two files
(bundle.js is 26 MB) and the stock build is never written to. The `version` file is linked too,
unchanged: the file of known failures is keyed by that version, and the mutant's name lives outside
the build.

A mutant's bundle.js is always a real file, without the stock build's first line, V8's compile
hint (element/build.mjs): the hint pays for compiling every function on a cold load so that later
loads read it all from the code cache, but a mutant is served from an origin of its own, and its
run is mostly one scenario, so each of its loads is cold. Only when the code is compiled changes,
never what it does; a run of 12 mutants took about 8% less job time without the hint.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .catalog import Mutant, patched

BUNDLE = "bundle.js"
COMPILE_HINT = "//# allFunctionsCalledOnLoad\n"


def make_mutant_build(stock: Path, mutant: Mutant, dest: Path) -> Path:
    """Build `dest` from `stock` with the mutant's patch; returns dest. Raises MutantError (from
    the anchor check) before anything is written when the anchor is not there exactly once."""
    stock = stock.resolve()
    new_text = patched(mutant, (stock / mutant.file).read_text(encoding="utf-8"))
    remove_build(dest)
    copy_with_one_file(stock, dest, mutant.file, served(mutant.file, new_text))
    if mutant.file != BUNDLE:
        code = (dest / BUNDLE).read_text(encoding="utf-8")
        (dest / BUNDLE).unlink()  # the link into the stock build
        (dest / BUNDLE).write_text(served(BUNDLE, code), encoding="utf-8")
    return dest


def served(relative: str, text: str) -> str:
    """A file of a mutant's build as it is served: the bundle without its compile hint."""
    return text.removeprefix(COMPILE_HINT) if relative == BUNDLE else text


def copy_with_one_file(stock: Path, dest: Path, relative: str, text: str) -> Path:
    """`dest` serves like `stock` with `relative` (e.g. "i18n/en_EN.json") holding `text`: real
    folders only down that file's path, every other entry a link into `stock`."""
    *folders, file_name = Path(relative).parts
    real_dir, stock_dir = dest, stock
    real_dir.mkdir(parents=True)
    for part in [*folders, None]:
        for entry in sorted(stock_dir.iterdir()):
            if entry.name not in (part, file_name if part is None else None):
                (real_dir / entry.name).symlink_to(entry)
        if part is None:
            break
        real_dir, stock_dir = real_dir / part, stock_dir / part
        real_dir.mkdir()
    (real_dir / file_name).write_text(text, encoding="utf-8")
    return dest


def remove_build(dest: Path) -> None:
    """Remove a mutant build: its links go, never what they point at."""
    if dest.is_symlink() or dest.is_file():
        dest.unlink()
    elif dest.exists():
        shutil.rmtree(dest)  # rmtree does not follow symlinks: the stock build is safe
