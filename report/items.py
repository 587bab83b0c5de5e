"""Which pytest items are Gherkin scenarios."""

from __future__ import annotations

import pytest


def scenario_of(item: pytest.Item):
    """The Gherkin scenario a pytest item runs, or None for a plain test."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    return scenario_wrapper_template_registry.get(getattr(item, "obj", None))
