"""The mutants of bench/mutants.yaml: read, checked field by field, and their anchors checked
against a build. A mutant whose anchor is missing or repeated is refused by name: after an
Element upgrade the anchors need refreshing, and a silent no-op mutant would prove nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FIELDS = ("name", "statements", "file", "anchor", "replacement", "description")
OPTIONAL = ("try_first",)  # the label of the scenario expected to catch it: only orders the run
PATCHABLE = ("bundle.js", "i18n/en_EN.json")
# The guide model's statement ids, read from its file: bench/mutants.py runs as a script, without
# the repository (and so the guide package) on its path.
GUIDE_MODEL = Path(__file__).resolve().parents[2] / "guide" / "statements.yaml"
GUIDE_IDS = tuple(s["id"] for s in yaml.safe_load(GUIDE_MODEL.read_text(encoding="utf-8"))["statements"])
# A name becomes a folder (artifacts/mutants/<name>/) and a pytest-free word in reports.
NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class MutantError(ValueError):
    """A mutant that cannot be run as written; the message names it."""


@dataclass(frozen=True)
class Mutant:
    name: str
    statements: tuple[str, ...]
    file: str
    anchor: str
    replacement: str
    description: str
    try_first: str | None = None

    @property
    def marker_expression(self) -> str:
        """pytest's -m for the scenarios proving the statements this mutant breaks: "G12 or G15"."""
        return " or ".join(self.statements)


def load(path: Path) -> list[Mutant]:
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as e:
        raise MutantError(f"{path}: cannot read the mutants ({e})") from e
    entries = data.get("mutants") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise MutantError(f"{path}: expected a top-level 'mutants:' list")
    mutants = [_parse(entry, i + 1) for i, entry in enumerate(entries)]
    seen: set[str] = set()
    for m in mutants:
        if m.name in seen:
            raise MutantError(f"mutant {m.name!r} is defined twice")
        seen.add(m.name)
    return mutants


def _parse(entry: object, position: int) -> Mutant:
    label = f"mutant #{position}"
    if not isinstance(entry, dict):
        raise MutantError(f"{label}: expected a mapping with {', '.join(FIELDS)}")
    if isinstance(entry.get("name"), str):
        label = f"mutant {entry['name']!r}"
    missing = [f for f in FIELDS if entry.get(f) in (None, "", [])]
    if missing:
        raise MutantError(f"{label}: missing {', '.join(missing)}")
    unknown = sorted(set(entry) - set(FIELDS) - set(OPTIONAL))
    if unknown:
        raise MutantError(f"{label}: unknown field {unknown[0]!r}; the fields are "
                          f"{', '.join(FIELDS + OPTIONAL)}")
    if not all(isinstance(entry[f], str) for f in FIELDS + OPTIONAL if f != "statements" and f in entry):
        raise MutantError(f"{label}: every field but statements is a string")
    if not NAME.match(entry["name"]):
        raise MutantError(f"{label}: a name is lower-case letters, digits and dashes")
    statements = entry["statements"]
    if isinstance(statements, str):
        statements = [statements]
    bad = [s for s in statements if s not in GUIDE_IDS]
    if bad:
        raise MutantError(f"{label}: {bad[0]!r} is not a guide statement (G1..G18)")
    if entry["file"] not in PATCHABLE:
        raise MutantError(f"{label}: file {entry['file']!r} is not one of {', '.join(PATCHABLE)}")
    if entry["anchor"] == entry["replacement"]:
        raise MutantError(f"{label}: the replacement is the anchor itself: nothing would change")
    return Mutant(entry["name"], tuple(statements), entry["file"], entry["anchor"], entry["replacement"],
                  entry["description"].strip(), entry.get("try_first"))


def check_anchor(mutant: Mutant, text: str) -> None:
    """The anchor must occur exactly once in the built file, or the patch means nothing sure."""
    count = text.count(mutant.anchor)
    if count != 1:
        where = "is missing from" if count == 0 else f"occurs {count} times in"
        raise MutantError(f"mutant {mutant.name!r}: its anchor {where} {mutant.file} (it must occur exactly "
                          "once): refresh the anchor for this Element build")


def patched(mutant: Mutant, text: str) -> str:
    check_anchor(mutant, text)
    return text.replace(mutant.anchor, mutant.replacement, 1)


def built_texts(mutants: list[Mutant], dist: Path) -> dict[str, str]:
    """The built files the mutants patch, each read once."""
    return {f: (dist / f).read_text(encoding="utf-8") for f in {m.file for m in mutants}}


def check_all(mutants: list[Mutant], dist: Path) -> list[str]:
    """Every mutant's anchor against a build: the problems, one line each (empty when all is well)."""
    texts = built_texts(mutants, dist)
    problems = []
    for m in mutants:
        try:
            check_anchor(m, texts[m.file])
        except MutantError as e:
            problems.append(str(e))
    return problems


def check_try_first(mutants: list[Mutant], index: list[dict]) -> list[str]:
    """Each try_first must name a scenario that the mutant's statements select (index: every
    scenario's label and statements); the problems, one line each."""
    problems = []
    for m in mutants:
        if m.try_first is None:
            continue
        match = [s for s in index if s["label"] == m.try_first]
        if not match:
            problems.append(f"mutant {m.name!r}: try_first names no scenario: {m.try_first!r}")
        elif not set(match[0]["statements"]) & set(m.statements):
            problems.append(f"mutant {m.name!r}: try_first {m.try_first!r} is not tagged with "
                            f"{' or '.join(m.statements)}, so its run would not include it")
    return problems
