"""--shard I/N: a deterministic, complete, disjoint split; bad values refused at once."""

from __future__ import annotations


import pytest

from fixtures.stack.options import OptionError
from fixtures.plugins.shard import parse_shard, select
from tests.harness_run import HarnessRun, run_pytest

IDS = [f"features/test_features.py::test_scenario_{n}" for n in range(23)]


@pytest.mark.parametrize("value", ["3/2", "0/2", "1/0", "x", "1-2", "1/2/3"])
def test_bad_shard_values_are_refused_with_the_option_named(value):
    with pytest.raises(OptionError, match="--shard"):
        parse_shard(value)


def test_shards_are_disjoint_complete_and_balanced():
    shards = [select(IDS, i, 4) for i in range(1, 5)]
    assert set().union(*shards) == set(IDS)
    assert sum(len(s) for s in shards) == len(IDS)
    assert max(len(s) for s in shards) - min(len(s) for s in shards) <= 1


def test_split_does_not_depend_on_collection_order():
    assert select(IDS, 2, 3) == select(list(reversed(IDS)), 2, 3)


def _collect(*args: str) -> HarnessRun:
    return run_pytest("features", "--collect-only", "-q", *args, timeout=120)


def test_pytest_refuses_a_bad_shard_before_starting_anything():
    run = _collect("--shard", "3/2")
    assert run.returncode == 4  # usage error
    assert "--shard: '3/2' needs 1 <= I <= N" in run.stderr


def test_two_shards_collect_every_scenario_once():
    def ids(*args):
        run = _collect(*args)
        return {line for line in run.stdout.splitlines() if "::" in line}
    everything = ids()
    first, second = ids("--shard", "1/2"), ids("--shard", "2/2")
    assert everything and first and second
    assert first | second == everything and not first & second
