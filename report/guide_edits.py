"""Guide edits for documentation writers: for every `differs` statement, the guide's sentence
rewritten with the words the page showed, as a unified diff of the guide's text and side by side.

Where a statement's sentence is in the guide is the guide model's (its `sentence`); what goes
into it comes from the run's observed words only (the drift's `seen`), never typed in.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import astuple, dataclass
from pathlib import Path

from guide import GUIDE, GUIDE_FILE

DIFF_FILE = "guide-edits.diff"


def _menu_alternative(sentence: str, guide: str, seen: str) -> str:
    """G12's menu: the guide says "(or all sessions)"; the second item the page showed says
    which sessions it really signs out ("Sign out of all other sessions (1)")."""
    items = [i.strip() for i in seen.split(",")]
    other = re.sub(r"\s*\(\d+\)\s*$", "", items[-1])
    other = other.split(" of ", 1)[1] if " of " in other else other[:1].lower() + other[1:]
    return re.sub(r"\(or all sessions\)", f"(or {other})", sentence, count=1)


# Words the guide does not write out as the page does: how the page's words go into the sentence.
REWRITES = {"current_session_kebab": _menu_alternative}


@dataclass(frozen=True)
class GuideEdit:
    statement: str
    before: str
    after: str
    unapplied: tuple[str, ...]   # differences the sentence has no place for, said to the writer


def _flexible(words: str) -> str:
    """A pattern for words as the guide's text wraps and spaces them."""
    return r"\s+".join(re.escape(w) for w in words.split())


def sentence_span(text: str, statement: str) -> tuple[int, int]:
    first, last, occurrence = astuple(GUIDE.statement(statement).sentence)
    starts = [m.start() for m in re.finditer(_flexible(first), text)]
    if len(starts) < occurrence:
        raise ValueError(f"{statement}: the guide has no sentence beginning {first!r} (occurrence {occurrence})")
    start = starts[occurrence - 1]
    if last:
        end = re.compile(_flexible(last)).search(text, start)
        if end is None:
            raise ValueError(f"{statement}: no {last!r} after {first!r} in the guide")
        return start, end.end()
    end = re.compile(r"\.(?=\s+[A-Z]|\s*$)").search(text, start)  # not at "i.e. the"
    return start, (end.end() if end else len(text))


def _apply(sentence: str, drift: dict) -> str | None:
    rewrite = REWRITES.get(drift["key"])
    if rewrite:
        changed = rewrite(sentence, drift["guide"], drift["seen"])
        return changed if changed != sentence else None
    pattern = re.compile(_flexible(drift["guide"]), re.IGNORECASE)
    if not pattern.search(sentence):
        return None
    return pattern.sub(lambda _m: drift["seen"], sentence)


def edits_for(conformance: dict, text: str) -> list[GuideEdit]:
    edits = []
    for s in conformance["statements"]:
        if s["verdict"] != "differs":
            continue
        start, end = sentence_span(text, s["id"])
        before = after = text[start:end]
        unapplied = []
        for drift in s["drift"]:
            changed = _apply(after, drift)
            if changed is None:
                unapplied.append(f"{drift['guide']!r} -> {drift['seen']!r}: the guide's sentence has no place for it")
            else:
                after = changed
        edits.append(GuideEdit(s["id"], before, after, tuple(unapplied)))
    return edits


def edited_text(text: str, edits: list[GuideEdit]) -> str:
    """The guide with each edited sentence replaced (two statements may share one sentence)."""
    for edit in edits:
        if edit.before != edit.after and edit.before in text:
            text = text.replace(edit.before, edit.after, 1)
    return text


def unified_diff(text: str, edits: list[GuideEdit], name: str = GUIDE_FILE.name) -> str:
    new = edited_text(text, edits)
    return "".join(difflib.unified_diff(text.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def write_guide_edits(conformance: dict, report_dir: Path, guide: Path = GUIDE_FILE) -> list[GuideEdit]:
    """reports/guide-edits.diff, and the edits in the conformance result for the other formats."""
    text = guide.read_text(encoding="utf-8")
    edits = edits_for(conformance, text)
    (report_dir / DIFF_FILE).write_text(unified_diff(text, edits), encoding="utf-8")
    conformance["guide_edits"] = [{"statement": e.statement, "before": e.before, "after": e.after,
                                   "unapplied": list(e.unapplied)} for e in edits]
    return edits
