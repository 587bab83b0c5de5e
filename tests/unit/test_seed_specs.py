"""Seed specs read and refused by field, and the counts' mix, without a homeserver. The seed against
the real Synapse: tests/stack/test_seed.py."""

from __future__ import annotations

import pytest

from fixtures.matrix.seed import SpecError, parse_specs, specs_from_counts


@pytest.mark.parametrize("raw, message", [
    ([{"state": "trusted"}], "sessions[0].state: 'trusted' is not one of"),
    ([{}, {"inactive_days": -3}], "sessions[1].inactive_days: -3 is not a whole number"),
    ([{"colour": "red"}], "sessions[0]: unknown field 'colour'"),
    ([{"pusher": "yes"}], "sessions[0].pusher: 'yes' is not true or false"),
    ({"users": []}, "unknown top-level field 'users'"),
    ("just text", "spec.sessions: expected a list"),
])
def test_bad_spec_names_the_field(raw, message):
    with pytest.raises(SpecError, match=message.replace("[", r"\[").replace("]", r"\]").replace(".", r"\.")):
        parse_specs(raw)


def test_counts_make_the_promised_mix():
    specs = specs_from_counts(verified=2, unverified=1, no_keys=1, inactive=2, push=3, inactive_days=120)
    assert [s.state for s in specs] == ["verified", "verified", "unverified", "no-keys", "unverified", "unverified"]
    assert [s.pusher for s in specs] == [True, True, True, False, False, False]
    assert [s.inactive_days for s in specs][-2:] == [120, 120]
    with pytest.raises(SpecError, match="--push: 5 is more than the 4 active sessions"):
        specs_from_counts(verified=4, push=5)
