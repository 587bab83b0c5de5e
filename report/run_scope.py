"""What a run is about to collect, judged from its command line before collection (the xdist
controller never collects, yet it is the one that must refuse a run or judge it whole)."""

from __future__ import annotations

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


def collects_whole_suite(config: pytest.Config) -> bool:
    """Does this run collect every scenario: features/ or a folder above it among the arguments
    (or the default testpaths), and nothing narrowing it (-k, -m, --deselect, --shard)?"""
    if config.getoption("keyword") or config.getoption("markexpr") or config.getoption("deselect"):
        return False
    if config.getoption("--shard", None):
        return False
    features = features_dir(config)
    return any(not nodes and (p == features or p in features.parents) for p, nodes in _arg_paths(config))
