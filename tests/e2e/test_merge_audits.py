"""The accessibility audits travel with each scenario into scenarios.json, so that `python -m
report merge` judges the shards' audits as the whole run judges its own: the same states, the
same new violations, the same entries met, unmet or stale.

Without a browser: shards written as a run writes them, merged, and compared with the whole. With
one: two scenarios run whole and as two shards, and the merge gives the whole run's verdicts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from _pytest.reports import TestReport

from report.__main__ import main as report_main, merge
from report.a11y import KnownViolation, accessibility_of_scenarios, known_as_records
from report.plugin_collect import Collector
from report.render import RAW, write_raw
from tests.harness_run import HarnessRun, run_pytest

STARTED = dt.datetime(2026, 12, 5, tzinfo=dt.timezone.utc)
KNOWN = [KnownViolation("color-contrast", (r"mx_RoomSearch",), (), "the room search's placeholder is light"),
         KnownViolation("region", (r"mx_AuthHeaderLogo",), ("signed-out-login-page",), "the logo is outside landmarks"),
         KnownViolation("heading-order", ("h3",), (), "fixed upstream since")]


def _audit(state: str, rule: str, *targets: str) -> dict:
    return {"state": state, "scope": "page", "guide_ids": [], "screenshot": None,
            "violations": [{"rule": rule, "impact": "serious", "help": "h", "help_url": "u",
                            "nodes": [{"target": t, "html": f"<div class='{t}'>", "summary": ""} for t in targets]}]}


def _scenario(n: int, *audits: dict) -> dict:
    return {"name": f"s{n}", "example": None, "feature": "f", "file": "f.feature", "guide_ids": [f"G{n}"],
            "sections": [], "nodeid": f"features/test_f.py::test_s{n}", "outcome": "passed", "ui_words": [],
            "pictures": [], "audits": list(audits), "failure": None, "expected_failure": None, "fault": None}


def _scenarios() -> list[dict]:
    """Eighteen scenarios; the audits of one state are spread over scenarios in both shards."""
    scenarios = [_scenario(n) for n in range(1, 19)]
    scenarios[0]["audits"] = [_audit("filter-all", "color-contrast", ".mx_RoomSearch_text")]
    scenarios[1]["audits"] = [_audit("filter-all", "color-contrast", ".mx_RoomSearch_text", "#harness-new")]
    scenarios[2]["audits"] = [_audit("signed-out-login-page", "region", ".mx_AuthHeaderLogo")]
    return scenarios


def _judged(a11y: dict) -> dict:
    """What the verdicts are, apart from the order audits arrived in."""
    return {"states": sorted((s["state"], s["visits"], v["rule"], n["target"], n["expected"])
                             for s in a11y["states"] for v in s["violations"] for n in v["nodes"]),
            "new": a11y["new_violations"], "unmet": a11y["unmet_entries"], "stale": a11y["stale_entries"],
            "whole_run": a11y["whole_run"]}


def test_shards_merged_judge_the_audits_as_the_whole_run(tmp_path):
    scenarios = _scenarios()
    whole = accessibility_of_scenarios(scenarios, KNOWN, whole_run=True)
    shards = []
    for index in (1, 2):
        folder = tmp_path / f"reports-{index}"
        write_raw(folder, scenarios[index - 1::2], {"element": {"url": "u"}}, STARTED,
                  {"shard": {"index": index, "of": 2}, "narrowed_by": [f"--shard {index}/2"]},
                  a11y_known=known_as_records(KNOWN))
        shards.append(folder)
    # Each shard meets one entry; the merge meets both, and only the third is stale.
    assert report_main(["merge", *map(str, shards), "--out", str(tmp_path / "out")]) == 1  # #harness-new is new
    merged = json.loads((tmp_path / "out" / "conformance.json").read_text())["accessibility"]
    assert _judged(merged) == _judged(whole)
    assert [(e["rule"], e["node"]) for e in merged["stale_entries"]] == [("heading-order", "h3")]
    assert merged["new_violations"] == [{"state": "filter-all", "rule": "color-contrast", "node": "#harness-new"}]
    assert json.loads((tmp_path / "out" / "a11y.json").read_text()) == merged
    # The merged scenarios.json keeps the audits and the entries, so a merge of merges judges alike.
    raw = json.loads((tmp_path / "out" / RAW).read_text())
    assert raw["a11y_known"] == known_as_records(KNOWN)
    assert _judged(merge([tmp_path / "out"], tmp_path / "again")["accessibility"]) == _judged(whole)


def test_a_merge_of_some_shards_reports_unmet_entries_without_calling_them_stale(tmp_path):
    scenarios = _scenarios()
    folder = tmp_path / "reports-2"
    write_raw(folder, scenarios[1::2], {}, STARTED, {"shard": {"index": 2, "of": 2}, "narrowed_by": ["--shard 2/2"]},
              a11y_known=known_as_records(KNOWN))
    a11y = merge([folder], tmp_path / "out")["accessibility"]
    assert not a11y["whole_run"] and a11y["stale_entries"] == [] and len(a11y["unmet_entries"]) == 2


def test_the_collector_keeps_each_scenario_s_audits_from_its_teardown_report():
    collector = Collector(config=None)  # folding reports asks nothing of the configuration
    description = {"name": "s1", "example": None, "feature": "f", "file": "f.feature", "guide_ids": ["G1"],
                   "sections": []}
    audit = _audit("filter-all", "color-contrast", ".mx_RoomSearch_text")
    for when in ("setup", "call", "teardown"):
        properties = [("scenario", description)] + ([("a11y", audit)] if when != "setup" else [])
        collector.pytest_runtest_logreport(TestReport("n", ("f", 0, "n"), {}, "passed", None, when,
                                                      user_properties=properties))
    (result,) = collector.scenario_results()
    assert result["audits"] == [audit] and result["outcome"] == "passed"


# -- with a browser ----------------------------------------------------------------------------
# Dealt into different shards of two (fixtures/plugins/shard.py sorts the ids); both open the Settings dialog.
SCENARIOS = "from_the_profile_icon_to_the_sessions_settings or cancel_clears"


def _run(report_dir: Path, tmp_path: Path, *extra: str) -> HarnessRun:
    return run_pytest("-p", "no:xdist", "features", "-q", "-k", SCENARIOS,
                      "--artifacts", str(tmp_path / "artifacts"), *extra, report_dir=report_dir, timeout=300)


def test_two_real_shards_merge_to_the_whole_run_s_accessibility_verdicts(tmp_path):
    whole = _run(tmp_path / "whole", tmp_path)
    assert whole.returncode == 0 and whole.outcomes == {"passed": 2}, whole.output
    shards = [tmp_path / "shard-1", tmp_path / "shard-2"]
    for index, folder in enumerate(shards, start=1):
        run = _run(folder, tmp_path, "--shard", f"{index}/2")
        assert run.returncode == 0 and run.outcomes == {"passed": 1}, run.output
    merged = merge(shards, tmp_path / "merged")["accessibility"]
    expected = json.loads((tmp_path / "whole" / "a11y.json").read_text())
    assert merged["states_audited"] == expected["states_audited"] > 0
    assert _judged(merged) == _judged(expected)
