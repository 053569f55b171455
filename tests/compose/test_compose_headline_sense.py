"""The editor's headline checks: it names the story, no measure left hanging, and the
attribution inside a kept clause stays."""

from __future__ import annotations

import pytest

from glimpse.compose.headline import make_headline
from glimpse.compose.headline_sense import drops_clause_attribution, hanging_measure, names_story
from glimpse.extract import article_from_text


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("At least seven people are killed", False),
        ("Seven killed as tram overturns in Croydon", True),
        ("Croydon tram crash kills seven", True),
        ("Scores of people are killed", False),
    ],
)
def test_a_headline_names_the_story_by_one_of_its_first_tags(text: str, named: bool) -> None:
    tags = ["Croydon tram crash", "Croydon", "London", "Martin Bamford"]
    assert names_story(text, tags) is named


def test_a_story_without_tags_asks_nothing_and_only_the_first_three_tags_count() -> None:
    assert names_story("Scores of people are killed", [])
    assert not names_story("Obama is briefed", ["Nice attack", "France", "Nice", "Barack Obama"])


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


def test_make_headline_prefers_a_candidate_that_names_the_story() -> None:
    articles = [
        article_from_text(
            "Several dead after tram overturns",
            "At least seven people were killed. A tram overturned in Croydon, south London, "
            "on Wednesday morning, police said. Dozens of passengers were injured.",
            id="t1",
            source="Outlet 1",
        ),
        article_from_text(
            "Seven dead in tram crash",
            "A tram overturned in Croydon on Wednesday and seven people were killed. "
            "The tram was going too fast, investigators said.",
            id="t2",
            source="Outlet 2",
        ),
    ]
    lead = articles[0].sentences[0].text
    plain = make_headline(articles, lead)
    named = make_headline(articles, lead, tags=("Croydon tram crash", "Croydon", "London"))
    assert names_story(named, ("Croydon tram crash", "Croydon", "London")), (plain, named)
