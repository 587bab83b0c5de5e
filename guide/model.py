"""The guide model (statements.yaml), loaded and checked: per statement its id, section, text, the
guide's sentence, the UI words it compares and their meanings, and its documented states."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml


class GuideError(ValueError):
    """The model contradicts itself, or something asks it for what it does not hold."""


@dataclass(frozen=True)
class Meaning:
    """What the guide means by a description or a label, as a test of the page's own words (any
    case): they must match `says` and must not match `never`. Words may drift; meanings may not."""

    guide: str                # the meaning, in the guide's words, for failure messages
    says: str                 # a regular expression the words must match
    never: str | None = None  # one they must not match (a negation, the opposite meaning)

    def read_in(self, words: str | None) -> bool:
        """Do these words (read from the page) say what the guide means?"""
        text = words or ""
        return bool(re.search(self.says, text, re.I)) and not (self.never and re.search(self.never, text, re.I))


@dataclass(frozen=True)
class Word:
    """A UI word scenarios record: the guide's word for it (None where the guide does not name
    it), its meaning if the guide gives one, and the statements it speaks to."""

    key: str                        # ends in * when it covers every key it starts
    guide: str | None
    meaning: Meaning | None
    statements: tuple[str, ...]

    def covers(self, key: str) -> bool:
        return key == self.key or (self.key.endswith("*") and key.startswith(self.key[:-1]))


@dataclass(frozen=True)
class Sentence:
    """Where a statement stands in the guide's text: the first words of its sentence, the last
    words when it is a passage, which occurrence of the first words."""

    first: str
    last: str | None = None
    occurrence: int = 1


@dataclass(frozen=True)
class Statement:
    id: str
    section: str
    text: str
    sentence: Sentence
    states: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    name: str
    tag: str | None  # the marker of its scenarios; None where the section has no feature of its own


@dataclass(frozen=True)
class Guide:
    sections: tuple[Section, ...]
    statements: tuple[Statement, ...]
    words: tuple[Word, ...]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.statements]

    @property
    def section_tags(self) -> list[str]:
        return [s.tag for s in self.sections if s.tag]

    def statement(self, gid: str) -> Statement:
        for s in self.statements:
            if s.id == gid:
                return s
        raise GuideError(f"{gid} is not a statement of the guide model")

    def word(self, key: str) -> Word:
        """The word a recorded key stands for; a key no statement lists is a mistake in a step."""
        for word in self.words:
            if word.covers(key):
                return word
        raise GuideError(f"UI word {key!r} is no statement's word: add it under the statement it "
                         f"speaks to in guide/statements.yaml")

    def states(self) -> dict[str, tuple[str, ...]]:
        """Each documented state (a name, or a template like filter-{name}) -> its statements."""
        states: dict[str, tuple[str, ...]] = {}
        for s in self.statements:
            for state in s.states:
                states[state] = states.get(state, ()) + (s.id,)
        return states


# -- loading ---------------------------------------------------------------------------------
def load(path: Path) -> Guide:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise GuideError(f"{path}: cannot read the guide model ({e})") from e
    sections = tuple(Section(s["name"], s.get("tag")) for s in data["sections"])
    statements = tuple(_statement(entry, sections) for entry in data["statements"])
    ids = [s.id for s in statements]
    if not statements or len(set(ids)) != len(ids):
        raise GuideError(f"{path}: statement ids must be there, once each: {ids}")
    return Guide(sections, statements, _words(data["statements"]))


def _statement(entry: dict, sections: tuple[Section, ...]) -> Statement:
    gid = entry.get("id", "?")
    if not re.fullmatch(r"G\d+", gid):
        raise GuideError(f"statement {gid!r}: an id is G and a number")
    if entry.get("section") not in [s.name for s in sections]:
        raise GuideError(f"{gid}: section {entry.get('section')!r} is not one of the sections")
    unknown = set(entry) - {"id", "section", "text", "sentence", "words", "states"}
    if unknown:
        raise GuideError(f"{gid}: unknown field(s) {sorted(unknown)}")
    sentence = entry.get("sentence")
    if not sentence or not entry.get("text"):
        raise GuideError(f"{gid}: a statement has a text and the first words of its sentence in the guide")
    if isinstance(sentence, str):
        sentence = {"first": sentence}
    return Statement(gid, entry["section"], entry["text"], Sentence(**sentence), tuple(entry.get("states") or ()))


def _words(entries: list[dict]) -> tuple[Word, ...]:
    """One Word per key, with every statement that lists it; listed twice, it must say the same."""
    found: dict[str, Word] = {}
    for entry in entries:
        for key, value in (entry.get("words") or {}).items():
            guide, means = (value.get("guide"), value.get("means")) if isinstance(value, dict) else (value, None)
            word = Word(key, guide, Meaning(**means) if means else None, (entry["id"],))
            known = found.get(key)
            if known and (known.guide, known.meaning) != (word.guide, word.meaning):
                raise GuideError(f"UI word {key!r}: {known.statements[0]} and {entry['id']} give it different words")
            found[key] = Word(key, guide, word.meaning, (known.statements if known else ()) + (entry["id"],))
    return tuple(found.values())


def reference_statements(path: Path) -> list[tuple[str, str, str]]:
    """(id, section, text) of each row of the team's list (a Markdown table)."""
    return re.findall(r"^\|\s*(G\d+)\s*\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$", path.read_text(encoding="utf-8"), re.M)
