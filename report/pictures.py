"""One picture per documented state, for the conformance report and the guide's screenshots.

Which states: PICTURES maps a step's text to a picture name and the guide ids it illustrates.
After such a step passes (in a --conformance run) the page is pictured at the fixed viewport,
with volatile parts masked. Steps stay unaware of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pages.volatile import volatile_parts
from report.plugin import pictures_dir

# step text -> (picture name, guide ids it illustrates)
PICTURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "the menu offers specific settings and All settings": ("user-menu-open", ("G1", "G2")),
    "the settings open on their first tab": ("settings-first-tab", ("G3",)),
    "the Sessions settings show the current session": ("sessions-settings", ("G4", "G5", "G9")),
}


def picture(request: pytest.FixtureRequest, name: str, guide_ids: tuple[str, ...]) -> None:
    folder = pictures_dir(request.config)
    if folder is None:
        return
    page = request.getfixturevalue("page")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=path, mask=volatile_parts(page), animations="disabled", caret="hide")
    request.node.user_properties.append(
        ("picture", {"name": name, "path": str(Path("screenshots") / path.name), "guide_ids": list(guide_ids)}))


def pytest_bdd_after_step(request, feature, scenario, step, step_func, step_func_args) -> None:
    wanted = PICTURES.get(step.name)
    if wanted is not None:
        picture(request, *wanted)
