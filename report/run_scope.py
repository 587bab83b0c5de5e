"""What a run is about to collect, judged from its command line before collection (the xdist
controller never collects, yet it is the one that must refuse a run or judge it whole)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest


def features_dir(config: pytest.Config) -> Path:
    return (config.rootpath / (config.getini("bdd_features_base_dir") or "features")).resolve()


def _arg_paths(config: pytest.Config) -> list[tuple[Path, bool]]:
    """Each path argument (testpaths when none was given), and whether it picks single nodes (::)."""
    base = config.invocation_params.dir
    return [((base / arg.split("::")[0]).resolve(), "::" in arg) for arg in config.args]


def runs_features(config: pytest.Config) -> bool:
    """May this run collect scenarios? (An argument inside features/, or above it.)"""
    features = features_dir(config)
    return any(p == features or features in p.parents or p in features.parents for p, _ in _arg_paths(config))


def shard_of(config: pytest.Config) -> tuple[int, int] | None:
    """(I, N) of --shard I/N, or None. Read from the option, not from fixtures/plugins/shard.py's
    config.shard, so it does not depend on which plugin was configured first."""
    value = config.getoption("--shard", None)
    if value is None:
        return None  # also where fixtures/plugins/shard.py is not loaded (the report's own test projects)
    from fixtures.plugins.shard import parse_shard  # the option's own parser; a bad value was refused at once

    return parse_shard(value)


def shard_narrowing(index: int, of: int) -> str:
    return f"--shard {index}/{of}"


def _option_narrowings(config: pytest.Config) -> list[str]:
    found = []
    if config.getoption("keyword"):
        found.append(f"-k {shlex.quote(config.getoption('keyword'))}")
    if config.getoption("markexpr"):
        found.append(f"-m {shlex.quote(config.getoption('markexpr'))}")
    found += [f"--deselect {nodeid}" for nodeid in config.getoption("deselect") or []]
    if shard := shard_of(config):
        found.append(shard_narrowing(*shard))
    return found


def _argument_narrowings(config: pytest.Config) -> list[str]:
    """The path arguments, when none of them holds the whole of features/: those inside it (a
    file, a folder, single nodes), or all of them when none reaches features/ at all."""
    features = features_dir(config)
    paths = _arg_paths(config)
    if any(not nodes and (p == features or p in features.parents) for p, nodes in paths):
        return []
    inside = [arg for arg, (p, _) in zip(config.args, paths) if p == features or features in p.parents]
    if inside:
        return [f"argument {arg}" for arg in inside]
    return [f"arguments without {features.name}/: {' '.join(config.args)}"]


def narrowed_by(config: pytest.Config) -> list[str]:
    """What keeps this run from collecting every scenario, as a reader would type it ("-m G8",
    "--shard 2/4", "argument features/test_features.py::test_rename"); empty for a whole run."""
    return _option_narrowings(config) + _argument_narrowings(config)


def collects_whole_suite(config: pytest.Config) -> bool:
    """Does this run collect every scenario: features/ or a folder above it among the arguments
    (or the default testpaths), and nothing narrowing it (-k, -m, --deselect, --shard)?"""
    return not narrowed_by(config)


def scope_record(config: pytest.Config) -> dict:
    """The run's scope as scenarios.json keeps it, for `python -m report merge`."""
    shard = shard_of(config)
    return {"shard": {"index": shard[0], "of": shard[1]} if shard else None, "narrowed_by": narrowed_by(config)}
