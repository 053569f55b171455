"""Front-page sections from tags, headline, summary and places."""

from __future__ import annotations

from glimpse.sections import NATIONAL, OTHER, WORLD, DeskOptions, section_of, section_order


def test_a_cue_word_in_a_tag_files_the_story() -> None:
    tags = ("Ferrari crash", "Grand Prix", "Brazil", "Lewis Hamilton")
    assert section_of(tags, "Chaotic race is suspended") == "Sport"


def test_the_headline_and_summary_add_up() -> None:
    assert section_of((), "Broadcom raises its takeover bid", "Shares rose on the deal.") == (
        "Business"
    )


def test_one_cue_word_in_the_summary_alone_is_not_enough() -> None:
    assert section_of((), "Tram overturns", "Seven people were taken to hospital.") == OTHER


def test_a_story_with_only_places_is_world_news_unless_they_are_home() -> None:
    assert section_of(("Croydon",), "Tram overturns", places=("Croydon",)) == WORLD
    home = DeskOptions(home_places=("Croydon", "London"))
    assert section_of(("Croydon",), "Tram overturns", places=("croydon",), options=home) == NATIONAL


def test_a_desk_mapping_replaces_the_built_in_one() -> None:
    desk = DeskOptions(sections={"Climate": ["emissions", "heatwave"]})
    assert section_of(("Heatwave",), "Records fall", options=desk) == "Climate"
    assert section_of(("Grand Prix",), "A race", options=desk) == OTHER
    assert section_order(desk) == (WORLD, NATIONAL, "Climate", OTHER)


def test_phrases_match_whole_words_in_order() -> None:
    assert section_of((), "Wall Street falls", "Wall Street fell.") == "Business"
    assert section_of((), "A street wall collapses", "") == OTHER
