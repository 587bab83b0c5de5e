"""The guide model (guide/statements.yaml) against what it describes: the team's list of statements,
the guide's text, the steps that declare its documented states and the feature files that reach
them, the UI words the steps record (no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pytest_bdd.parser import FeatureParser
from pytest_bdd.steps import step_function_context_registry

from guide import GUIDE, GUIDE_FILE, MODEL_FILE, REFERENCE_FILE, GuideError, documented_state
from guide.model import load, reference_statements
from guide.states import ATTRIBUTE
from report.guide_edits import sentence_span

REPO = Path(__file__).resolve().parents[2]
FEATURES = REPO / "features"
SHARED_LIST = REPO.parent / "shared" / "reference" / "guide-statements.md"


def test_the_statements_are_the_teams_list_word_for_word():
    assert [(s.id, s.section, s.text) for s in GUIDE.statements] == reference_statements(REFERENCE_FILE)
    if SHARED_LIST.exists():  # the copy in guide/ must not drift from the team's reference
        assert REFERENCE_FILE.read_text() == SHARED_LIST.read_text()


def test_every_statement_has_its_sentence_in_the_guide():
    text = GUIDE_FILE.read_text()
    for statement in GUIDE.statements:
        start, end = sentence_span(text, statement.id)
        assert end > start, statement.id


def test_sections_and_ids():
    assert GUIDE.ids == [f"G{n}" for n in range(1, len(GUIDE.statements) + 1)]
    assert GUIDE.section_tags == ["accessing", "recommendations", "current_session", "other_sessions", "filters"]
    tags_in_features = {t for path in FEATURES.glob("*.feature") for t in re.findall(r"@(\w+)", path.read_text())}
    assert set(GUIDE.section_tags) <= tags_in_features


# -- documented states: declared by steps, reached by the features, by the statements' own scenarios --
def _reached_states() -> dict[str, set[str]]:
    """Each documented state the features reach -> the guide ids of the scenarios reaching it."""
    declaring = [c for c in step_function_context_registry.values() if hasattr(c.step_func, ATTRIBUTE)]
    reached: dict[str, set[str]] = {}
    for path in sorted(FEATURES.glob("*.feature")):
        feature = FeatureParser(str(FEATURES), path.name).parse()
        for template in feature.scenarios.values():
            rows = [(c, e.tags) for e in template.examples for c in e.as_contexts()] or [({}, set())]
            for context, row_tags in rows:
                tags = set(feature.tags) | set(template.tags) | set(row_tags)
                for step in template.render(context).steps:
                    for c in declaring:
                        if c.type in (None, step.type) and c.parser.is_matching(step.name):
                            reached.setdefault(getattr(c.step_func, ATTRIBUTE), set()).update(tags)
    return reached


def test_every_documented_state_is_declared_by_a_step_and_reached_by_its_statements_scenarios():
    reached = _reached_states()
    for state, statements in GUIDE.states().items():
        assert state in reached, f"documented state {state!r}: no step of the features declares it"
        missing = [gid for gid in statements if gid not in reached[state]]
        assert not missing, f"documented state {state!r} is reached by no scenario of {missing}"


def test_a_step_cannot_declare_a_state_the_model_does_not_hold_or_an_argument_it_does_not_take():
    with pytest.raises(GuideError, match="no statement's"):
        documented_state("menu-half-open")
    with pytest.raises(GuideError, match="takes 'name'"):
        documented_state("filter-{name}")(lambda sessions_tab: None)


# -- UI words ---------------------------------------------------------------------------------
def test_every_word_a_step_records_is_a_statements_word():
    sources = [*REPO.glob("steps/*.py"), *REPO.glob("pages/*.py")]
    keys = {k for p in sources for k in re.findall(r'ui_words_seen\("(\w+)"', p.read_text())}
    keys |= {"shortcut_Notifications", "filter_all", "filter_all_description", "sign_out_this_session",
             "rename", "push_heading"}   # recorded under a computed key
    for key in sorted(keys):
        assert GUIDE.word(key).statements, key
    with pytest.raises(GuideError, match="no statement's word"):
        GUIDE.word("nobody_knows")


def test_a_word_speaks_to_the_statements_that_list_it():
    assert GUIDE.word("first_tab").statements == ("G3",)
    assert GUIDE.word("rename").statements == ("G13", "G18")
    assert GUIDE.word("shortcut_Security & Privacy").statements == ("G2",)
    assert GUIDE.word("first_tab").guide == "General"
    assert GUIDE.word("other_sessions_kebab").guide is None


def test_a_word_listed_twice_must_say_the_same(tmp_path):
    data = yaml.safe_load(MODEL_FILE.read_text())
    data["statements"][17]["words"] = {"rename": "Rename it"}
    model = tmp_path / "statements.yaml"
    model.write_text(yaml.safe_dump(data))
    with pytest.raises(GuideError, match="'rename': G13 and G18 give it different words"):
        load(model)
