"""One picture per documented state, for the conformance report and the guide's screenshots.

Which states: PICTURES maps a step's text to a picture name and the guide ids it illustrates.
After such a step passes (in a --conformance run) the page is pictured at the fixed viewport,
with volatile parts masked. Steps stay unaware of it: report/plugin_collect.py calls this after
each step and on a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pages.volatile import volatile_parts

# step text (a regex, matched in full) -> (picture name, guide ids it illustrates); the name may
# use the regex's named groups.
PICTURES: list[tuple[str, str, tuple[str, ...]]] = [
    (r"the menu offers specific settings and All settings", "user-menu-open", ("G1", "G2")),
    (r"the settings open on their first tab", "settings-first-tab", ("G3",)),
    (r"the Sessions settings show the current session", "sessions-settings", ("G4", "G9")),
    (r"the Security recommendations section is shown", "security-recommendations", ("G6", "G7")),
    (r"the filter shows (?P<name>\w+) as chosen", "view-all-{name}", ("G8",)),
    (r"Element asks the user to verify this session", "verify-this-session", ("G11",)),
    (r"the menu offers Sign out, and Sign out of all other sessions.*", "current-session-menu", ("G12",)),
    (r"Element shows its login page", "signed-out-login-page", ("G12",)),
    (r"the current session's details offer .*", "current-session-details", ("G13",)),
    (r'the user types ".*" as the current session\'s new name', "rename-in-progress", ("G13",)),
    (r"Other sessions lists exactly the account's other sessions on the server", "other-sessions", ("G5", "G14")),
    (r"the menu offers to sign out of all \d+ other sessions.*", "other-sessions-menu", ("G15",)),
    (r"Other sessions shows (?P<n>\d+) sessions selected and a Sign out button", "sessions-ticked", ("G16",)),
    (r"the password prompt says the password was refused.*", "password-prompt-refused", ("G16",)),
    (r"the filter offers these options, in this order:", "filter-menu-open", ("G17",)),
    (r"Other sessions lists exactly the sessions that match (?P<name>\w+) on the server", "filter-{name}", ("G17",)),
    (r"Other sessions says no (?P<name>\w+) sessions were found and lists none", "filter-{name}-empty", ("G17",)),
    (r"the details offer Sign out of this session, Rename and a Push notifications toggle",
     "other-session-details", ("G18",)),
]


def picture(request: pytest.FixtureRequest, name: str, guide_ids: tuple[str, ...], record: bool = True) -> None:
    """The page now, masked, in the report's screenshots; `record` makes it a statement's picture."""
    folder = pictures_dir(request.config)
    if folder is None:
        return
    page = request.getfixturevalue("page")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=path, mask=volatile_parts(page), animations="disabled", caret="hide")
    if not record:
        return
    request.node.user_properties.append(
        ("picture", {"name": name, "path": str(Path("screenshots") / path.name), "guide_ids": list(guide_ids)}))


PICTURES_DIR = pytest.StashKey[Path]()  # set in a --conformance run (report/plugin_collect.py)


def pictures_dir(config: pytest.Config) -> Path | None:
    return config.stash.get(PICTURES_DIR, None)


def documented_state(step_name: str) -> tuple[str, tuple[str, ...]] | None:
    """The picture name and guide ids of the state a step of this text leaves the page in, if documented."""
    for pattern, name, guide_ids in PICTURES:
        match = re.fullmatch(pattern, step_name)
        if match:
            return name.format(**match.groupdict()).lower(), guide_ids
    return None


def picture_documented_state(request: pytest.FixtureRequest, step_name: str) -> None:
    if (state := documented_state(step_name)) is not None:
        picture(request, *state)


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
