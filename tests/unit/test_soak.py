"""How the soak reads a run's results (bench/soak.py): cheap, no run."""

from __future__ import annotations

from bench.soak import FINE, junit_outcomes


def test_the_soak_counts_an_expected_failure_as_fine_and_a_skip_or_failure_as_not(tmp_path):
    cases = ('<testcase classname="features.test_features" name="ok"/>'
             '<testcase classname="features.test_features" name="mouse">'
             '<skipped type="pytest.xfail" message="painted under"/></testcase>'
             '<testcase classname="features.test_features" name="skip"><skipped message="no"/></testcase>'
             '<testcase classname="features.test_features" name="bad"><failure message="x"/></testcase>')
    junit = tmp_path / "run.xml"
    junit.write_text(f"<testsuites><testsuite>{cases}</testsuite></testsuites>")
    outcomes = junit_outcomes(junit)
    assert outcomes == {"ok": "passed", "mouse": "xfailed", "skip": "skipped", "bad": "failed"}
    assert [n for n, o in outcomes.items() if o in FINE] == ["ok", "mouse"]
