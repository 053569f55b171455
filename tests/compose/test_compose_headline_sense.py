"""The editor's headline checks: no measure left hanging, and the attribution inside a kept
clause stays."""

from __future__ import annotations

import pytest

from glimpse.compose.headline_sense import drops_clause_attribution, hanging_measure


@pytest.mark.parametrize(
    ("text", "hanging"),
    [
        ("Airline says Tokyo-bound flight returned to Los Angeles hours", True),
        ("Passengers stuck on the tarmac for hours", False),
        ("Plane returns to LA after 11 hours", False),
        ("Rescuers search rubble 48 hours", False),
        ("Storm hits coast in a few days", False),
        ("Search widened by 20 miles", False),
        ("Tram crash kills seven", False),
    ],
)
def test_a_unit_ends_a_headline_only_after_a_number_or_preposition(
    text: str, hanging: bool
) -> None:
    assert hanging_measure(text) is hanging


def test_the_attribution_inside_a_kept_relative_clause_must_stay() -> None:
    source = "South Korea seized a Hong Kong-flagged vessel that it says illegally transferred oil."
    assert drops_clause_attribution(
        "South Korea seizes Hong Kong-flagged vessel that it illegally transferred oil", source
    )
    assert not drops_clause_attribution(
        "South Korea seizes vessel that it says illegally transferred oil", source
    )
    assert not drops_clause_attribution("South Korea seizes Hong Kong-flagged vessel", source)
    suspected = (
        "South Korea has seized a Hong Kong-flagged vessel under suspicions that it illegally "
        "transferred oil to North Korea."
    )
    assert drops_clause_attribution(
        "South Korea seizes Hong Kong-flagged vessel that it illegally transferred oil", suspected
    )
    assert not drops_clause_attribution(
        "South Korea seizes vessel on suspicions that it transferred oil", suspected
    )
    assert not drops_clause_attribution("South Korea seizes Hong Kong-flagged vessel", suspected)
    kept = "North Korea launches rocket carrying what it has said is a satellite."
    assert not drops_clause_attribution(
        "North Korea launches rocket carrying what it has said is satellite", kept
    )
