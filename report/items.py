"""Which pytest items are Gherkin scenarios, and how the report names them."""

from __future__ import annotations

import re

import pytest

from fixtures.plugins.scenario_items import example_of, scenario_of  # noqa: F401 (the report's names too)
from guide import GUIDE

GUIDE_ID = re.compile(r"^G\d+$")


def describe(item: pytest.Item) -> dict | None:
    """What the report says about a scenario item, or None for a plain test."""
    scenario = scenario_of(item)
    if scenario is None:
        return None
    markers = {m.name for m in item.iter_markers()}
    return {
        "name": scenario.name,
        "example": example_of(item),
        "feature": scenario.feature.name,
        "file": scenario.feature.rel_filename,
        "guide_ids": sorted((m for m in markers if GUIDE_ID.match(m)), key=lambda g: int(g[1:])),
        "sections": sorted(m for m in markers if m in GUIDE.section_tags),
    }


def label(scenario: dict) -> str:
    """A scenario's name for people: an outline's <placeholders> filled in from its row, and the
    row's other columns after it."""
    name, example = scenario["name"], scenario.get("example") or {}
    rest = []
    for column, value in example.items():
        if f"<{column}>" in name:
            name = name.replace(f"<{column}>", value)
        else:
            rest.append(f"{column}: {value}")
    return f"{name} [{', '.join(rest)}]" if rest else name
