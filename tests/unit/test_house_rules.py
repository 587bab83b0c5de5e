"""The house rules that keep the rooms apart (docs/design.md): no function outside tests/ longer
than 40 lines; pages/ and steps/ import no pytest plugin module (they are used by plugins, never
the other way round); fixtures/ imports nothing from report/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SOURCE_ROOTS = ("conftest.py", "fixtures", "pages", "steps", "report", "bench", "guide")
LONGEST_FUNCTION = 40


def python_files() -> list[Path]:
    files = []
    for root in SOURCE_ROOTS:
        path = REPO / root
        files += [path] if path.is_file() else sorted(p for p in path.rglob("*.py") if "node_modules" not in p.parts)
    return files


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def plugin_modules() -> set[str]:
    """What conftest.py names in pytest_plugins, and what those plugins name in theirs."""
    tree = ast.parse((REPO / "conftest.py").read_text())
    listed = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                  and any(getattr(t, "id", None) == "pytest_plugins" for t in node.targets))
    return {ast.literal_eval(element) for element in listed.elts} | {"conftest"}


def test_the_rules_see_the_code():
    names = {module_name(p) for p in python_files()}
    assert {"steps.common", "pages.element_app", "report.render"} <= names
    assert "steps.common" in plugin_modules()


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(REPO)))
def test_no_function_is_longer_than_40_lines(path):
    long = [(node.name, node.end_lineno - node.lineno + 1) for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION]
    assert not long, f"functions over {LONGEST_FUNCTION} lines: {long}"


def test_pages_and_steps_import_no_plugin_module():
    plugins = plugin_modules()
    crossings = [(module_name(p), sorted(imported_modules(p) & plugins)) for p in python_files()
                 if module_name(p).split(".")[0] in ("pages", "steps") and imported_modules(p) & plugins]
    assert not crossings, f"pages/steps import plugin modules: {crossings}"


def test_fixtures_import_nothing_from_report():
    crossings = [(module_name(p), sorted(m for m in imported_modules(p) if m.split(".")[0] == "report"))
                 for p in python_files() if module_name(p).startswith("fixtures")]
    assert not [c for c in crossings if c[1]], crossings
