"""Push toggles in a seed spec and a Gherkin table: a disabled pusher asked for, bad values refused."""

from __future__ import annotations

import pytest

from fixtures.matrix.seed import SpecError, parse_specs
from steps.session_tables import specs_from_table


def test_a_spec_may_ask_for_a_disabled_pusher():
    (spec,) = parse_specs([{"pusher": True, "pusher_enabled": False}])
    assert (spec.pusher, spec.pusher_enabled) == (True, False)
    assert parse_specs([{"pusher": True}])[0].pusher_enabled is True


@pytest.mark.parametrize("raw, message", [
    ({"pusher_enabled": False}, "sessions[0].pusher_enabled: false needs pusher: true"),
    ({"pusher": True, "pusher_enabled": "no"}, "sessions[0].pusher_enabled: 'no' is not true or false"),
])
def test_a_bad_pusher_spec_is_refused_by_name(raw, message):
    with pytest.raises(SpecError) as refused:
        parse_specs([raw])
    assert str(refused.value) == message


def test_the_pusher_column_says_on_off_or_none():
    header = ["name", "pusher"]
    specs = specs_from_table([header, ["A", "on"], ["B", "off"], ["C", ""], ["D", "yes"]])
    assert [(s.pusher, s.pusher_enabled) for s in specs] == [(True, True), (True, False), (False, True), (True, True)]
    with pytest.raises(ValueError, match="pusher: 'maybe' is not one of"):
        specs_from_table([header, ["E", "maybe"]])
