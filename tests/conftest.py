"""The tiers of the harness's own tests, one folder each, each also a marker (`-m unit`, `-m stack`,
`-m e2e`): unit needs no homeserver and no browser; stack starts a real Synapse, Element server or
browser, but never runs the harness; e2e runs the harness on features/ (tests/harness_run.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

TIERS = ("unit", "stack", "e2e")
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        tier = _tier_of(item.path)
        if tier:
            item.add_marker(tier)


def _tier_of(path: Path) -> str | None:
    try:
        folder = path.resolve().relative_to(HERE).parts[0]
    except ValueError:  # a scenario of features/, not one of these tests
        return None
    return folder if folder in TIERS else None
