"""What features/ holds, read with pytest-bdd's own parser: every scenario (every example row of
an outline) and the tags it carries, without collecting or running anything.

The tags of a row are those pytest-bdd turns into its markers: the Feature's, the Rule's, the
Scenario's and the row's Examples block's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pytest_bdd.parser import FeatureParser


@dataclass(frozen=True)
class ScenarioRow:
    name: str                     # the scenario's name as written (an outline's keeps its <placeholders>)
    example: dict[str, str] | None  # the outline's example row; None for a plain scenario
    tags: frozenset[str]
    file: str                     # relative to the features folder

    @property
    def guide_ids(self) -> set[str]:
        return {t for t in self.tags if t[:1] == "G" and t[1:].isdigit()}


def scenario_rows(features_dir: Path) -> list[ScenarioRow]:
    rows = []
    for path in sorted(features_dir.rglob("*.feature")):
        feature = FeatureParser(str(features_dir), str(path.relative_to(features_dir))).parse()
        for template in feature.scenarios.values():
            base = set(feature.tags) | set(template.tags) | (template.rule.tags if template.rule else set())
            rel = str(path.relative_to(features_dir))
            if not template.templated:
                rows.append(ScenarioRow(template.name, None, frozenset(base), rel))
                continue
            for examples in template.examples:
                for context in examples.as_contexts():
                    rows.append(ScenarioRow(template.name, context, frozenset(base | examples.tags), rel))
    return rows


def statements_without_scenario(guide_ids: list[str], rows: list[ScenarioRow]) -> list[str]:
    """The guide ids that no scenario row is tagged with."""
    tagged = set().union(*(r.guide_ids for r in rows)) if rows else set()
    return [gid for gid in guide_ids if gid not in tagged]


def scenarios_per_statement(rows: list[ScenarioRow]) -> dict[str, int]:
    """How many scenario rows carry each guide id: the whole of what a statement could run."""
    counts: dict[str, int] = {}
    for row in rows:
        for gid in row.guide_ids:
            counts[gid] = counts.get(gid, 0) + 1
    return counts
