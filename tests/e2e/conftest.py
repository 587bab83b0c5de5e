"""What the end-to-end tests share: one run of the stock build read by every test that needs it."""

from __future__ import annotations

import os

import pytest

from tests.e2e.g3_run import run_g3
from tests.harness_run import HarnessRun, shared_run


@pytest.fixture(scope="session")
def stock_g3_run(tmp_path_factory) -> HarnessRun:
    """G3's scenario on the stock build, run once per session: under xdist every worker's base temp
    folder has the same parent, so the first worker to ask runs it and the others read its result
    (tests/e2e/test_a11y.py and tests/e2e/test_observed_words.py read it)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return shared_run(shared / "stock-g3", lambda folder: run_g3(folder / "report", folder / "artifacts"))
