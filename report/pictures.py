"""One picture per documented state, for the conformance report and the guide's screenshots.

Which states: a step declares the documented state it leaves the page in
(`@documented_state(...)`, guide/states.py), and the guide model says which statements the state
illustrates. After such a step passes (in a --conformance run) the page is pictured at the fixed
viewport, with volatile parts masked. report/plugin_collect.py calls this after each step and on
a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide import state_of
from pages.volatile import volatile_parts

PICTURES_DIR = pytest.StashKey[Path]()  # set in a --conformance run (report/plugin_collect.py)


def picture(request: pytest.FixtureRequest, name: str, guide_ids: tuple[str, ...], record: bool = True,
            retake: bool = True) -> None:
    """The page now, masked, in the report's screenshots; `record` makes it a statement's picture.
    Without `retake`, a name the run has pictured already keeps its picture: the file is one per
    name (in a folder each run starts empty), so a second shot would only replace it with the same
    state (and cost a screenshot)."""
    folder = pictures_dir(request.config)
    if folder is None:
        return
    path = folder / f"{name}.png"
    if retake or not path.exists():
        page = request.getfixturevalue("page")
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, mask=volatile_parts(page), animations="disabled", caret="hide")
    if not record:
        return
    request.node.user_properties.append(
        ("picture", {"name": name, "path": str(Path("screenshots") / path.name), "guide_ids": list(guide_ids)}))


def pictures_dir(config: pytest.Config) -> Path | None:
    return config.stash.get(PICTURES_DIR, None)


def picture_documented_state(request: pytest.FixtureRequest, step_func, step_func_args: dict) -> None:
    state = state_of(step_func, step_func_args)
    if state:
        picture(request, *state, retake=False)


def picture_failure(request: pytest.FixtureRequest) -> None:
    """Evidence of a failure, for the report: the page as the user saw it when the step failed
    (with whatever covers a menu item outlined: pages/hit_test.py)."""
    if pictures_dir(request.config) is None or "page" not in request.fixturenames:
        return
    guide_ids = tuple(sorted({m.name for m in request.node.iter_markers() if re.fullmatch(r"G\d+", m.name)}))
    slug = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:90]
    try:
        picture(request, f"failed-{slug}", guide_ids)
    except Exception as e:  # noqa: BLE001 - a page already gone must not hide the real failure
        request.node.user_properties.append(("picture_error", str(e)[:200]))
