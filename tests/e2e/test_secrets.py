"""Secrets stay out of the terminal, the reports and the logs of a run."""

from __future__ import annotations

import json

from tests.harness_run import run_pytest
# A verified browser (the recovery key typed into Element, seeded sessions with tokens) and a
# sign-in through the login form (the password typed into Element).
SCENARIOS = "verified_current_session_says or login_form"


def test_no_secret_of_a_run_reaches_its_terminal_reports_or_logs(tmp_path):
    spy = tmp_path / "secrets.jsonl"
    reports, artifacts = tmp_path / "reports", tmp_path / "artifacts"
    run = run_pytest(
        "features", "-p", "tests.e2e.secret_spy", "-k", SCENARIOS, "-rA", f"--junitxml={reports}/junit.xml",
        f"--cucumberjson={reports}/cucumber.json", f"--html={reports}/tests.html", "--self-contained-html",
        "--artifacts", str(artifacts), report_dir=reports, env={"SECRET_SPY_FILE": str(spy)}, timeout=300)
    # The run fails as a conformance run (most statements untested); the scenarios themselves pass.
    assert run.outcomes == {"passed": 2}, run.output
    secrets = {json.loads(line) for line in spy.read_text().splitlines()}
    assert len(secrets) >= 6, secrets  # registration secret, passwords, tokens, a recovery key
    places = {"the terminal": run.stdout + run.stderr}
    for folder in (reports, artifacts):
        for path in folder.rglob("*"):
            if path.is_file():
                places[str(path.relative_to(tmp_path))] = path.read_bytes().decode(errors="replace")
    assert any(name.endswith("homeserver.log") for name in places)  # the server's log is among them
    leaks = [(secret[:6] + "...", where) for secret in secrets for where, text in places.items() if secret in text]
    assert leaks == []
