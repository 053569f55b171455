"""Headlines: written for the story from what the sources agree on, never copied from one title."""

from __future__ import annotations

from typing import Any

import pytest

from glimpse.compose.headline import headline_candidates, headline_support, make_headline
from glimpse.compose.headline_check import headline_problems
from glimpse.compose.headline_form import headline_forms
from glimpse.compose.headline_text import clean_title, fit, is_teaser, plain, sentence_case
from glimpse.extract import article_from_text
from glimpse.models import Article
from glimpse.nlp import load_spacy


def forms(sentence: str, limit: int = 12) -> list[str]:
    doc: Any = load_spacy()(sentence)
    return headline_forms(doc, limit)


def story(*pairs: tuple[str, str]) -> list[Article]:
    return [article_from_text(t, x, id=f"a{n}") for n, (t, x) in enumerate(pairs)]


def test_outlet_suffixes_and_media_tags_are_dropped() -> None:
    assert clean_title("Storm closes Riverton bridge - The Daily Planet") == (
        "Storm closes Riverton bridge"
    )
    assert clean_title("Storm closes Riverton bridge (VIDEO) | Wire") == (
        "Storm closes Riverton bridge"
    )


def test_long_title_is_cut_at_a_clause_break() -> None:
    title = (
        "Storm closes Riverton bridge for two weeks: engineers find cracks in two of five "
        "supports after record winds"
    )
    assert fit(title, 14) == ("Storm closes Riverton bridge for two weeks", True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The council approved a new ferry terminal.", "council approves new ferry terminal"),
        ("Harbour Ltd has made an offer for the shipyard.", "Harbour Ltd makes offer for shipyard"),
        ("A local farmer was sentenced to eight months in prison.", "is sentenced"),
        ("The mayor is reopening the old ferry line to Arlo.", "mayor reopening old ferry line"),
        ("The port will send two tugboats to the wreck.", "port to send two tugboats"),
    ],
)
def test_the_main_verb_is_put_in_the_present_tense(sentence: str, expected: str) -> None:
    assert expected in forms(sentence)[0]


def test_time_phrases_leading_adverbials_and_trailing_attribution_go() -> None:
    got = forms("On Monday, the storm closed the Old Mill bridge for two weeks, police said.")
    assert got[0] == "storm closes Old Mill bridge for two weeks"


def test_an_appositive_goes_whole_with_its_commas() -> None:
    got = forms("The ferry operator, a family firm, cancelled all sailings to Arlo.")
    assert got[0] == "ferry operator cancels all sailings to Arlo"


def test_a_list_of_names_is_not_read_as_an_appositive() -> None:
    assert "Anna Berg, Tom Lind" in forms("Anna Berg, Tom Lind split after four years.")[0]


def test_shorter_variants_drop_whole_phrases_and_stay_within_the_limit() -> None:
    got = forms(
        "The harbour council approved a plan to build a new ferry terminal in Riverton "
        "with money from the regional development fund on Tuesday.",
        limit=10,
    )
    assert got
    assert all(len(f.split()) <= 10 for f in got)
    assert all(not f.endswith((" in", " with", " from", " to")) for f in got)


def test_a_part_of_a_place_may_be_read_as_the_place() -> None:
    got = forms("The navy fired a test missile over Japan's northern Hokkaido island.")
    assert "navy fires test missile over Japan" in got


def test_an_opinion_is_not_a_headline() -> None:
    assert forms("The council should reopen the ferry line to Arlo at once.") == []


@pytest.mark.parametrize(
    "title",
    [
        "Is the ferry strike over?",
        "Here's what we know about the ferry strike",
        "Ferry strike: 7 things to know",
        "You won't believe what the ferry workers did",
        "Ferry workers walk out...",
    ],
)
def test_questions_and_teasers_are_recognised(title: str) -> None:
    assert is_teaser(title)


def test_a_statement_is_not_a_teaser() -> None:
    assert not is_teaser("Ferry workers end three-day strike in Riverton")


LEDE = "The storm closed the Old Mill bridge in Riverton on Thursday for two weeks."


def test_headline_is_written_from_the_lead_not_copied_from_a_title() -> None:
    articles = story(
        ("Storm closes Riverton bridge", LEDE + " Engineers found cracks."),
        ("Storm closes Riverton bridge", LEDE + " Traffic was diverted."),
        ("Is Riverton's bridge safe?", LEDE + " Residents worry."),
    )
    headline = make_headline(articles, LEDE)
    assert plain(headline) not in {plain(clean_title(a.title)) for a in articles}
    assert "closes" in headline and "Riverton" in headline
    assert "?" not in headline
    assert len(headline.split()) <= 12
    assert headline_problems(headline, articles) == []


def test_headline_has_at_most_twelve_words_even_when_asked_for_more() -> None:
    long = (
        "The regional harbour council approved a plan to build a large new ferry terminal "
        "for the islands with money from the national development fund."
    )
    articles = story(("Council backs terminal plan", long), ("Terminal plan approved", long))
    assert len(make_headline(articles, long, 20).split()) <= 12


def test_a_teaser_title_never_becomes_the_headline() -> None:
    articles = story(
        ("Here's why the Riverton bridge is closed", LEDE),
        ("What we know about the Riverton bridge", LEDE),
    )
    headline = make_headline(articles, LEDE)
    assert not is_teaser(headline)
    assert "bridge" in headline


def test_a_copy_is_used_only_when_nothing_else_is_left() -> None:
    text = "Storm closes Riverton bridge."
    articles = story(("Storm closes Riverton bridge", text), ("Storm closes Riverton bridge", text))
    assert make_headline(articles, text) == "Storm closes Riverton bridge"
    candidates = headline_candidates(articles, text)
    assert candidates and all(c.copied for c in candidates)


def test_headline_candidates_come_best_first_and_the_headline_is_one_of_them() -> None:
    articles = story(
        ("Storm closes Riverton bridge", LEDE + " Engineers found cracks."),
        ("Storm closes Riverton bridge", LEDE + " Traffic was diverted."),
    )
    candidates = headline_candidates(articles, LEDE)
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)
    headline = make_headline(articles, LEDE)
    assert headline in {c.text for c in candidates}
    assert not next(c for c in candidates if c.text == headline).copied


def test_a_candidate_repeating_a_source_title_is_marked_copied_and_a_rewrite_is_not() -> None:
    articles = story(
        ("Storm closes Riverton bridge", LEDE + " Engineers found cracks."),
        ("Storm closes Riverton bridge", LEDE + " Traffic was diverted."),
    )
    marked = {c.text: c.copied for c in headline_candidates(articles, LEDE)}
    assert marked.get("Storm closes Riverton bridge") is True
    rewrites = [text for text in marked if "Old Mill" in text]
    assert rewrites and not any(marked[text] for text in rewrites)


def test_drop_caps_and_title_case_take_the_articles_casing() -> None:
    articles = story(
        ("x", "VLADIMIR Putin ordered troops home. Later Vladimir Putin spoke to the press."),
    )
    casing = {"vladimir": "Vladimir", "putin": "Putin", "troops": "troops"}
    assert sentence_case("VLADIMIR Putin Orders Troops Home", casing) == (
        "Vladimir Putin orders troops home"
    )
    headline = make_headline(articles, articles[0].sentences[0].text)
    assert headline.startswith("Vladimir Putin")


def test_title_case_contractions_and_function_words_go_lower_case_acronyms_stay() -> None:
    casing = {"north": "North", "korea": "Korea"}
    assert sentence_case("North Korea Says It's Ready To Launch Satellites", casing) == (
        "North Korea says it's ready to launch satellites"
    )
    assert sentence_case("US Carmaker Won't Build Plant In UK", {}) == (
        "US carmaker won't build plant in UK"
    )


def test_a_sentence_case_text_keeps_the_capitals_of_its_names() -> None:
    casing = {"fire": "fire", "brigade": "brigade", "london": "London", "said": "said"}
    assert sentence_case("The London Fire Brigade said 40 people were hurt", casing) == (
        "The London Fire Brigade said 40 people were hurt"
    )
    # a drop-cap name still takes the articles' casing inside a sentence-case text
    casing = {"vladimir": "Vladimir", "syria": "Syria"}
    assert sentence_case("VLADIMIR Putin ordered troops home from Syria on Monday", casing) == (
        "Vladimir Putin ordered troops home from Syria on Monday"
    )


def test_a_present_tense_verb_passes_the_check_by_its_lemma() -> None:
    articles = story(("x", "Harbour Ltd made an offer for the shipyard."))
    assert headline_problems("Harbour Ltd makes offer for shipyard", articles) == []


def test_an_invented_word_or_a_synonym_fails_the_check() -> None:
    articles = story(("x", "Harbour Ltd made an offer for the shipyard."))
    assert headline_problems("Harbour Ltd creates offer for shipyard", articles) == [
        "headline: not in the sources: creates"
    ]
    assert headline_problems("Harbour Ltd makes bid for dockyard", articles)


def test_headline_support_covers_its_words_including_a_changed_verb() -> None:
    a = article_from_text(
        "x",
        "The storm closed the bridge. Engineers found cracks in Riverton on Friday.",
        id="a",
    )
    refs = headline_support("Storm closes Riverton bridge", [a])
    assert {r.sentence for r in refs} == {0, 1}
    b = article_from_text("x", "Prices rose. Harbour Ltd made an offer for the shipyard.", id="b")
    assert [r.sentence for r in headline_support("Harbour Ltd makes offer", [b])] == [1]


def test_a_headline_never_drops_a_hedge_or_keeps_page_junk() -> None:
    from glimpse.compose.headline_write import JUNK, keeps_meaning

    source = "South Korea seized a ship that it suspected had illegally transferred oil."
    assert not keeps_meaning("South Korea seizes ship that illegally transferred oil", source)
    assert keeps_meaning("South Korea seizes ship", source)
    assert JUNK.search("Truck rams crowd in France update 2016- 13:14")
    assert JUNK.search("SEOUL North Korea fires three missiles")
    assert not JUNK.search("NASA launches a probe to Jupiter")
