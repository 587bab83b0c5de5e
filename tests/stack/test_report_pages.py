"""Our own pages, as a person opens them: the conformance report and the matrix dashboard in
Chromium, their grid at the top, every link and picture reachable, and axe-core finding nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fixtures.stack.browser import find_chromium
from report.a11y import AXE_SCRIPT
from report.conformance import build_conformance
from report.matrix import build_matrix, load_runs
from report.matrix_render import write_matrix
from report.render import write_reports
from report.statements import load_statements

STARTED = dt.datetime(2026, 12, 5, tzinfo=dt.timezone.utc)


def _scenario(n: int, outcome: str = "passed", picture: str | None = None) -> dict:
    pictures = [{"name": f"state-{n}", "path": picture, "guide_ids": [f"G{n}"]}] if picture else []
    failure = {"when": "call", "step": "Then it holds", "step_type": "then", "message": "AssertionError: no"}
    return {"name": f"proves G{n}", "feature": "F", "nodeid": f"features/x::G{n}", "guide_ids": [f"G{n}"],
            "sections": [], "outcome": outcome, "ui_words": [], "pictures": pictures,
            "failure": failure if outcome == "failed" else None}


@pytest.fixture(scope="module")
def chromium_browser(playwright):
    # pytest-playwright's own Playwright: a second sync_playwright in a worker that already runs
    # scenarios would find its event loop running.
    chromium = playwright.chromium.launch(executable_path=find_chromium(), headless=True)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory, chromium_browser) -> Path:
    reports = tmp_path_factory.mktemp("pages") / "reports"
    stack = {"element": {"url": "http://127.0.0.1:1/", "version": "v"}, "homeserver": {"version": "Synapse 1"}}
    for release, failing in (("3.73.0", 17), ("3.114.0", 5)):
        folder = reports / "matrix" / release
        (folder / "screenshots").mkdir(parents=True)
        page = chromium_browser.new_page()
        page.set_content(f"<p>Element {release}</p>")
        page.screenshot(path=folder / "screenshots" / "state.png")  # a real PNG, as the runs take them
        page.close()
        scenarios = [_scenario(n, "failed" if n == failing else "passed", "screenshots/state.png")
                     for n in range(1, 19)]
        write_reports(build_conformance(load_statements(), scenarios, stack, STARTED), folder)
    write_matrix(build_matrix(load_runs(sorted((reports / "matrix").iterdir()), reports)), reports)
    return reports


def _open(chromium, path: Path):
    page = chromium.new_page()
    broken: list[str] = []
    page.on("requestfailed", lambda request: broken.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, broken


def _axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target)}))")


def _every_link_lands(page, base: Path) -> None:
    for href in page.locator("a[href]").evaluate_all("links => links.map(a => a.href)"):
        if href.startswith("http"):
            continue  # upstream issues: not ours to load here
        target, _, anchor = href.partition("#")
        file = Path(target.removeprefix("file://"))
        assert file.exists(), f"a link goes nowhere: {href}"
        if anchor and file.suffix == ".html":
            assert f"id='{anchor}'" in file.read_text(), f"{file.name} has no #{anchor}"


def test_the_report_opens_on_a_grid_of_the_eighteen_statements_linked_to_their_rows(chromium_browser, reports):
    page, broken = _open(chromium_browser, reports / "matrix" / "3.114.0" / "conformance.html")
    grid = page.get_by_role("table", name="verdict per guide statement")
    cells = grid.get_by_role("link")
    assert cells.count() == 18
    failing = grid.get_by_role("link", name="G5 fails")
    assert failing.get_attribute("href") == "#G5"
    failing.click()
    assert page.evaluate("location.hash") == "#G5"
    assert page.locator("tr#G5").get_attribute("class") == "fails"
    pictures = page.locator("img")
    assert pictures.count() > 0
    assert all(pictures.evaluate_all("imgs => imgs.map(i => i.complete && i.naturalWidth > 0)"))
    _every_link_lands(page, reports)
    assert broken == []
    assert _axe_violations(page) == []


def test_the_dashboard_draws_statements_by_releases_and_each_cell_reaches_the_evidence(chromium_browser, reports):
    page, broken = _open(chromium_browser, reports / "matrix.html")
    header = page.get_by_role("row").first.get_by_role("columnheader")
    assert header.all_inner_texts() == ["id", "statement", "3.73.0", "3.114.0", "holds"]
    assert page.get_by_role("row").count() == 1 + 18 + 1  # the header, the statements, accessibility
    cell = page.get_by_role("row", name="G17").get_by_role("link", name="fails")
    cell.click()
    page.wait_for_url("**/matrix/3.73.0/conformance.html#G17")
    assert page.locator("tr#G17").get_attribute("class") == "fails"
    page.go_back()
    _every_link_lands(page, reports)
    assert broken == []
    assert _axe_violations(page) == []
