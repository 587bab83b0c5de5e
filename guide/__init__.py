"""The guide: Element's user guide for the Sessions settings, and the one model of what it states
(statements.yaml: per statement its section, text, sentence, UI words, meanings and documented
states). Everything else reads it from here.

    GUIDE                 the model, loaded and checked on import (guide/model.py)
    GUIDE_FILE            the guide's text (a copy of the team's reference)
    REFERENCE_FILE        the team's list of statements (a verbatim copy)
    documented_state      a step's declaration of the documented state it shows (guide/states.py)
"""

from __future__ import annotations

from pathlib import Path

from guide.model import Guide, GuideError, Meaning, Sentence, Statement, Word, load

HERE = Path(__file__).resolve().parent
MODEL_FILE = HERE / "statements.yaml"
GUIDE_FILE = HERE / "sessions-guide.txt"
REFERENCE_FILE = HERE / "guide-statements.md"

GUIDE: Guide = load(MODEL_FILE)

from guide.states import documented_state, state_of  # noqa: E402 (reads GUIDE)

__all__ = ["GUIDE", "GUIDE_FILE", "MODEL_FILE", "REFERENCE_FILE", "Guide", "GuideError", "Meaning",
           "Sentence", "Statement", "Word", "documented_state", "state_of"]
