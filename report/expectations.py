"""features/expectations.yaml: the scenarios known to fail on a given Element, and why.

    versions:
      "<Element version, as the report records it>":
        - scenario: "<the scenario's name as written; an outline's keeps its <placeholders>>"
          example: {<column>: <value>, ...}   # an outline's example row, every column; only for outlines
          statements: [G12]                   # the guide statements the failure is about
          reason: "<why it fails>"
          link: "https://..."                 # optional: the upstream issue
          match: "<regex>"                    # optional: searched in the failure's message

A scenario is named by its name and, for an outline, its whole example row. Every entry is
checked when loaded; the entries of the version under test must also name a scenario row in
features/ that carries each of their statements as a tag, so a renamed scenario is an error
naming the entry instead of an expectation silently lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from report.feature_index import ScenarioRow

ENTRY_KEYS = {"scenario", "example", "statements", "reason", "link", "match"}
REQUIRED_KEYS = {"scenario", "statements", "reason"}


class ExpectationsError(ValueError):
    """The expectations file is malformed, or an entry names nothing in features/."""


@dataclass(frozen=True)
class Expectation:
    version: str
    index: int
    scenario: str
    statements: tuple[str, ...]
    reason: str
    example: dict[str, str] | None = field(default=None, hash=False)
    link: str | None = None
    match: str | None = None

    def names(self, name: str, example: dict[str, str] | None) -> bool:
        """Does this entry name the scenario `name` with this example row (None: not an outline)?"""
        return name == self.scenario and (example or None) == self.example

    def describe(self) -> str:
        row = f", example {self.example}" if self.example else ""
        return f"versions[{self.version!r}][{self.index}] (scenario {self.scenario!r}{row})"

    def as_dict(self) -> dict:
        return {"statements": list(self.statements), "reason": self.reason, "link": self.link,
                "match": self.match, "version": self.version}


def load(path: Path, guide_ids: list[str]) -> dict[str, list[Expectation]]:
    """Every entry of the file, by Element version, each checked for shape."""
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as e:
        raise ExpectationsError(f"{path}: cannot read it ({e.strerror})") from None
    except yaml.YAMLError as e:
        raise ExpectationsError(f"{path}: not valid YAML ({e})") from None
    if data is None:
        return {}
    if not isinstance(data, dict) or set(data) - {"versions", "accessibility"}:
        raise ExpectationsError(f"{path}: the top level must be a mapping with the keys 'versions' "
                                "(known failing scenarios) and 'accessibility' (known violations, report/a11y.py)")
    versions = data.get("versions") or {}
    if not isinstance(versions, dict):
        raise ExpectationsError(f"{path}: 'versions' must map Element versions to lists of entries")
    loaded = {}
    for version, entries in versions.items():
        if not isinstance(entries, list):
            raise ExpectationsError(f"{path}: versions[{version!r}] must be a list of entries")
        loaded[str(version)] = [_entry(path, str(version), i, e, guide_ids) for i, e in enumerate(entries)]
        for later in loaded[str(version)]:
            first = find(loaded[str(version)], later.scenario, later.example)
            if first is not later:
                raise ExpectationsError(f"{path}: {later.describe()}: names the same scenario as entry {first.index}")
    return loaded


def _entry(path: Path, version: str, index: int, raw: object, guide_ids: list[str]) -> Expectation:
    where = f"{path}: versions[{version!r}][{index}]"
    if not isinstance(raw, dict):
        raise ExpectationsError(f"{where}: an entry must be a mapping")
    if isinstance(raw.get("scenario"), str):
        where += f" (scenario {raw['scenario']!r})"
    if unknown := set(raw) - ENTRY_KEYS:
        raise ExpectationsError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(ENTRY_KEYS)}")
    if missing := REQUIRED_KEYS - set(raw):
        raise ExpectationsError(f"{where}: missing {sorted(missing)}")
    for key in ("scenario", "reason"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ExpectationsError(f"{where}: '{key}' must be a non-empty string")
    statements = raw["statements"]
    if (not isinstance(statements, list) or not statements
            or any(not isinstance(s, str) or s not in guide_ids for s in statements)):
        raise ExpectationsError(f"{where}: 'statements' must be a non-empty list of guide ids "
                                f"(G1..G{len(guide_ids)}), got {statements!r}")
    example = raw.get("example")
    if example is not None and (not isinstance(example, dict) or not example
                                or any(not isinstance(k, str) for k in example)):
        raise ExpectationsError(f"{where}: 'example' must map the outline's columns to their values")
    link = raw.get("link")
    if link is not None and (not isinstance(link, str) or not re.match(r"https?://\S+$", link)):
        raise ExpectationsError(f"{where}: 'link' must be an http(s) URL, got {link!r}")
    match = raw.get("match")
    if match is not None:
        if not isinstance(match, str) or not match:
            raise ExpectationsError(f"{where}: 'match' must be a non-empty regex string")
        try:
            re.compile(match)
        except re.error as e:
            raise ExpectationsError(f"{where}: 'match' is not a valid regex ({e})") from None
    return Expectation(version=version, index=index, scenario=raw["scenario"], statements=tuple(statements),
                       reason=raw["reason"].strip(), link=link, match=match,
                       example={str(k): str(v) for k, v in example.items()} if example else None)


def check_against_features(path: Path, entries: list[Expectation], rows: list[ScenarioRow]) -> None:
    """Each entry names a scenario row of features/ that carries its statements; else an error."""
    for entry in entries:
        named = [r for r in rows if entry.names(r.name, r.example)]
        where = f"{path}: {entry.describe()}"
        if not named:
            same_name = [r for r in rows if r.name == entry.scenario]
            if not same_name:
                raise ExpectationsError(f"{where}: no scenario in features/ has this name "
                                        "(renamed? update the entry)")
            if any(r.example is None for r in same_name):
                raise ExpectationsError(f"{where}: this scenario is not an outline; drop 'example'")
            rows_text = "; ".join(str(r.example) for r in same_name)
            raise ExpectationsError(f"{where}: the outline has no such example row (every column must "
                                    f"be given); its rows: {rows_text}")
        for row in named:
            if missing := [s for s in entry.statements if s not in row.guide_ids]:
                raise ExpectationsError(f"{where}: the scenario is not tagged {', '.join('@' + s for s in missing)}")


def for_version(loaded: dict[str, list[Expectation]], version: str) -> list[Expectation]:
    return loaded.get(version, [])


def find(entries: list[Expectation], name: str, example: dict[str, str] | None) -> Expectation | None:
    return next((e for e in entries if e.names(name, example)), None)
