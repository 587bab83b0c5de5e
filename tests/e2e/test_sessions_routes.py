"""Two ways to the Sessions settings: the guide's walk (profile icon, All settings, Sessions) and
Element's own shortcut. Scenarios about the way there, or whose outcome may hang on it, walk it;
the rest take the shortcut. These tests hold the features to that rule, and show why the mouse
rows of G12 and G15 must walk: their outcome hangs on the way in."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd.parser import FeatureParser

from tests.harness_run import run_pytest

REPO = Path(__file__).resolve().parents[2]
FEATURES = REPO / "features"
ROUTE_STATEMENTS = {"G2", "G3", "G4"}  # G1 is the profile icon itself; its scenarios open nothing
WALK = "from the profile menu"


def scenario_templates():
    for path in sorted(FEATURES.glob("*.feature")):
        feature = FeatureParser(str(FEATURES), path.name).parse()
        for template in feature.scenarios.values():
            yield template, set(feature.tags) | set(template.tags)


def steps_opening_sessions(template) -> list[str]:
    return [step.name for step in template.steps
            if "opens the Sessions settings" in step.name or "opened the Sessions settings" in step.name]


def test_scenarios_about_the_way_there_walk_it():
    shortcuts = [(template.name, step) for template, tags in scenario_templates() if tags & ROUTE_STATEMENTS
                 for step in steps_opening_sessions(template) if not step.endswith(WALK)]
    assert not shortcuts, f"a scenario of G2-G4 takes Element's shortcut: {shortcuts}"


def test_scenarios_picking_with_the_mouse_walk_the_guides_way():
    """The 3-dot menus drawn under the Settings dialog are met on the guide's way in."""
    mouse = [template for template, _ in scenario_templates()
             if any("mouse" in value for examples in template.examples for row in examples.as_contexts()
                    for value in row.values())]
    assert mouse, "no scenario picks with the mouse: the rule below would check nothing"
    for template in mouse:
        assert [s for s in steps_opening_sessions(template) if s.endswith(WALK)], template.name


def mouse_rows_by(route: str, tmp_path: Path) -> dict[str, tuple[str, str | None]]:
    """Run the mouse rows with every scenario taking `route`; each row's outcome and failing step."""
    report = tmp_path / route
    run = run_pytest("-p", "no:xdist", "-q", "features", "-k", "mouse", f"--sessions-route={route}",
                     "--artifacts", str(tmp_path / "artifacts"), report_dir=report)
    scenarios = run.scenarios()
    return {s["nodeid"]: (s["outcome"], (s["failure"] or {}).get("step")) for s in scenarios}


def test_the_mouse_rows_fail_only_on_the_guides_way_in(tmp_path):
    """Why those rows walk: Element 3.114 draws their 3-dot menus under the Settings dialog only when
    the dialog was opened from the profile menu (measured: by the shortcut all three pass). A
    shortcut there would hide what a user of the guide meets."""
    walked, shortcut = mouse_rows_by("profile-menu", tmp_path), mouse_rows_by("shortcut", tmp_path)
    assert len(walked) == 3, walked
    assert all(outcome == "xfailed" and step.endswith("with the mouse") for outcome, step in walked.values()), walked
    assert set(shortcut) == set(walked)
    assert all(outcome == "xpassed" for outcome, _ in shortcut.values()), shortcut
