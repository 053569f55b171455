"""Sentence ranking: lead position, agreement between outlets, page furniture left out."""

from __future__ import annotations

from glimpse.compose import ComposeOptions
from glimpse.compose.rank import rank_sentences, usable
from glimpse.extract import article_from_text


def test_fact_reported_by_several_outlets_outranks_a_lone_one() -> None:
    a = article_from_text(
        "Floods in Arlo",
        "Heavy rain flooded the river town of Arlo on Monday night.\n\n"
        "The local bakery sold its last loaf of rye bread before noon.\n\n"
        "Rescuers evacuated 300 residents from the flooded lower streets by boat.",
        id="a",
    )
    b = article_from_text(
        "Arlo evacuated",
        "Boats carried 300 residents out of the flooded lower streets of Arlo.\n\n"
        "Forecasters expect the river to stay high until Thursday.",
        id="b",
    )
    c = article_from_text(
        "Arlo floods",
        "About 300 residents were evacuated by boat from flooded streets in Arlo.\n\n"
        "Schools will stay closed on Tuesday.",
        id="c",
    )
    # min_centrality 0: the bakery sentence is off topic and would not be ranked at all
    options = ComposeOptions(position_weight=0.0, min_centrality=0.0)
    ranked, _ = rank_sentences([a, b, c], options=options)
    order = [(x.article, x.index) for x in ranked]
    assert order.index(("a", 2)) < order.index(("a", 1))
    on_topic, _ = rank_sentences([a, b, c], options=ComposeOptions(position_weight=0.0))
    assert ("a", 1) not in [(x.article, x.index) for x in on_topic]


def test_lead_sentence_ranks_first_in_a_single_article() -> None:
    article = article_from_text(
        "Council vote",
        "The city council voted on Tuesday to build a new library in the harbour district.\n\n"
        "Councillors debated the plan for three hours before the vote.\n\n"
        "The library will open in 2028 and hold 200,000 books.\n\n"
        "A bakery near the harbour said it expected more customers.",
        id="lib",
    )
    ranked, _ = rank_sentences([article])
    assert (ranked[0].article, ranked[0].index) == ("lib", 0)


def test_page_furniture_and_questions_are_not_usable() -> None:
    options = ComposeOptions()
    assert not usable("Follow us on Twitter for the latest updates.", options)
    assert not usable("Why are they called the Panama Papers?", options)
    assert not usable("China opposes missile launch: FM spokesperson", options)
    assert not usable("Jane Doe is a world affairs columnist for The Daily Planet.", options)
    assert usable("The council voted on Tuesday to build a new library.", options)


def test_furniture_words_match_whole_words_only() -> None:
    options = ComposeOptions()
    assert not usable("Follow us on Twitter for the latest news from the region.", options)
    assert not usable("Photos: the flooded streets of Arlo after the storm.", options)
    assert usable("Following the vote, the council approved a new library in Arlo.", options)
    assert usable("Imagine a town where every street was flooded on Monday.", options)
    assert usable("Watchdogs said the council broke its own rules on the library.", options)


def test_a_list_of_player_ratings_is_not_a_sentence() -> None:
    ratings = (
        "Queens park rangers: green 6.5; isla 6.5, onuoha 6.5; sandro 7; barton 8; austin 7.5."
    )
    assert not usable(ratings, ComposeOptions())
