"""G3's one scenario alone (the profile icon, the first settings tab, the Sessions tab, and their
accessibility audits): the run tests/e2e/test_a11y.py and tests/e2e/test_observed_words.py read."""

from __future__ import annotations

from pathlib import Path

from tests.harness_run import HarnessRun, run_pytest

G3_SCENARIO = "from_the_profile_icon_to_the_sessions_settings"


def run_g3(report_dir: Path, artifacts: Path, *extra: str) -> HarnessRun:
    """Serially, with the conformance report and its accessibility audit."""
    return run_pytest("-p", "no:xdist", "features", "-q", "-k", G3_SCENARIO, "--artifacts", str(artifacts),
                      *extra, report_dir=report_dir, timeout=300)
