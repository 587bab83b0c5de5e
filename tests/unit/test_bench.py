"""make bench's side-by-side figures (bench/side_by_side.py): a failed run gives no ratio, and the
makes it starts do not inherit the outer `make bench ARGS=...`."""

from __future__ import annotations

from bench.side_by_side import _plain_make_env, ratios


def run(seconds: float, exit: int = 0) -> dict:
    return {"seconds": seconds, "exit": exit, "peak_worker_mib": 1500, "log": "artifacts/bench/x.log"}


def test_two_green_runs_give_their_ratio():
    out = ratios({"new_test": run(150.0), "old_test": run(300.0)})
    assert out["test_ratio"] == 0.5 and "test_failed" not in out


def test_a_failed_run_gives_no_ratio_and_says_which_failed():
    out = ratios({"new_mutants": run(0.2, exit=2), "old_mutants": run(0.2, exit=2),
                  "new_test": run(450.0, exit=2), "old_test": run(270.0)})
    assert out["mutants_ratio"] is None and out["test_ratio"] is None
    assert out["test_failed"] == "new make test exited 2 (artifacts/bench/x.log)"
    assert out["mutants_failed"].count("exited 2") == 2


def test_the_makes_it_starts_do_not_inherit_make_bench_s_arguments(monkeypatch):
    monkeypatch.setenv("MAKEFLAGS", " -- ARGS=--old-commit\\ 4220f4d")
    monkeypatch.setenv("ARGS", "--old-commit 4220f4d")  # make exports a command-line variable too
    monkeypatch.setenv("MAKELEVEL", "1")
    env = _plain_make_env()
    assert not {"MAKEFLAGS", "MAKELEVEL", "ARGS"} & set(env) and env["PATH"]
