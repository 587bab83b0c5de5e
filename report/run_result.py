"""A run's conformance result, from what its scenarios reported (report/plugin_collect.py), and
the files it writes into `<report-dir>.partial` (report/placement.py lands them).

The raw results go into scenarios.json with each scenario's accessibility audits and the
accessibility entries the run judged them by, so that `python -m report merge` judges shards
as the whole run would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from report import interruption, placement
from report.a11y import accessibility_of_scenarios, known_as_records, known_violations
from report.conformance import build_conformance
from report.expected_failures import expectations_path
from report.render import write_raw, write_reports
from report.run_scope import collects_whole_suite, features_dir, narrowed_by, scope_record
from report.statements import load_statements


def interruption_record(exitstatus: int) -> dict | None:
    if interruption.interrupted_at() is not None:
        at = dt.datetime.fromtimestamp(interruption.interrupted_at(), dt.timezone.utc)
        return {"reason": f"{interruption.signal_name()} received", "at": at.isoformat(timespec="seconds")}
    if exitstatus not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED):
        return {"reason": f"the run stopped early (pytest exit status {int(exitstatus)})", "at": None}
    return None


def write_result(config: pytest.Config, scenarios: list[dict], stack: dict, started: dt.datetime,
                 exitstatus: int) -> dict:
    """The conformance result, written into .partial with the raw results beside it."""
    conformance = build_conformance(load_statements(), scenarios, stack, started, interruption_record(exitstatus),
                                    scope={"narrowed_by": narrowed_by(config)}, features_dir=features_dir(config))
    known = known_violations(expectations_path(config), conformance["element"].get("version", ""))
    conformance["accessibility"] = accessibility_of_scenarios(
        scenarios, known, whole_run=collects_whole_suite(config) and conformance["run"]["interrupted"] is None)
    partial = placement.partial_dir(config)
    write_reports(conformance, partial)
    # The raw results too, so the reports of several shards can be merged into one.
    write_raw(partial, scenarios, stack, started, scope_record(config), a11y_known=known_as_records(known))
    return conformance


PARTIAL_PROPERTY = "conformance_partial"


def partial_note(config: pytest.Config) -> str | None:
    """Why this run covers only part of features/, for the CI reports beside the conformance one."""
    narrowing = narrowed_by(config) if config.getoption("--conformance") else []
    return f"partial run, narrowed by {', '.join(narrowing)}" if narrowing else None


def junit_xml(config: pytest.Config):
    """The junitxml plugin's writer when --junitxml is on (pytest keeps it in a stash key of
    its private module; older pytest in config._xml), else None."""
    try:
        from _pytest.junitxml import xml_key
    except ImportError:
        return getattr(config, "_xml", None)
    return config.stash.get(xml_key, None)


def where_it_is(config: pytest.Config) -> Path:
    landed = placement.landed(config)
    return landed / "conformance.html" if landed else placement.partial_dir(config)
