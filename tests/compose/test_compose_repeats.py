"""The repeat rule: one fact is stated once, and the key quote is not said again in the brief."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from glimpse.compose.options import ComposeOptions
from glimpse.compose.quote import pick_quote
from glimpse.compose.rank import Candidate
from glimpse.compose.repeats import (
    Repeats,
    event_of,
    quotes_again,
    same_event,
    same_participant,
)
from glimpse.compose.select import select_body
from glimpse.extract import article_from_text
from glimpse.models import Entity

RULE = Repeats(share=0.5, least=3)
BEACH = "Thousands of people on the beach had to be moved to safety and police sealed off the area."
CROWDS = "Police said the crowds of people were moved from the beach to safety as a precaution."
OTHER_FACT = "Police arrested a 23-year-old man near the beach on Sunday after a knife was found."


def test_a_sentence_that_tells_a_chosen_fact_again_is_a_repeat() -> None:
    assert RULE.same_words(CROWDS, [BEACH])


def test_a_different_fact_with_the_same_names_is_kept() -> None:
    assert not RULE.same_words(OTHER_FACT, [BEACH])
    bears = "Chicago Bears fire coach John Fox after a 5-11 season."
    record = "The Bears never had a winning streak of more than two games under Fox."
    assert not RULE.same_words(record, [bears])


def test_reporting_words_do_not_make_two_sentences_one_fact() -> None:
    said = "The minister said on Tuesday that the talks had failed, a spokesman told reporters."
    other = "The minister said the border would reopen, a spokesman told reporters on Tuesday."
    assert not RULE.same_words(other, [said])


def _candidates(texts: list[str]) -> list[Candidate]:
    return [Candidate("a", i, t, 0, 1.0 - i / 10, i) for i, t in enumerate(texts)]


def test_a_repeat_is_skipped_and_the_next_best_sentence_takes_its_place() -> None:
    texts = [BEACH, CROWDS, OTHER_FACT]
    sims = np.zeros((3, 3))
    options = ComposeOptions(min_words=10, max_words=60, novelty=0.0)
    body = select_body(_candidates(texts), sims, [], options, RULE)
    assert [c.text for c in body] == [BEACH, OTHER_FACT]
    without_rule = select_body(_candidates(texts), sims, [], options, None)
    assert CROWDS in [c.text for c in without_rule]  # the rule, not the budget, left it out


QUOTE = "We will keep searching the river until every family has the answers it deserves."


def test_the_key_quote_said_again_with_other_marks_is_a_repeat() -> None:
    again = "'We will keep searching the river until every family has the answers,' he said."
    assert quotes_again(again, QUOTE)
    assert Repeats(QUOTE, 0.5, 3).same_words(again, [])


def test_a_near_paraphrase_of_the_key_quote_is_not_used_in_the_body() -> None:
    paraphrase = "The chief said searchers would keep combing the river until families had answers."
    rule = Repeats(QUOTE, 0.5, 3)
    assert not quotes_again(paraphrase, QUOTE)
    assert rule.same_words(paraphrase, [])
    body = select_body(
        _candidates([paraphrase, OTHER_FACT]), np.zeros((2, 2)), [],
        ComposeOptions(min_words=5, max_words=60), rule,
    )  # fmt: skip
    assert [c.text for c in body] == [OTHER_FACT]


def test_the_fact_a_key_quote_reacts_to_may_still_be_stated() -> None:
    quote = "The club is deeply saddened to announce that Sir Philip Carter has passed away."
    assert not Repeats(quote, 0.5, 3).same_words("Sir Philip Carter has died aged 87.", [])


def test_a_paraphrase_in_other_words_is_caught_by_minilm() -> None:
    from glimpse.enrich.embed import default_embedder

    first = "The iceberg shattered into more than 20 fragments within weeks."
    again = "Within a few weeks the ice sheet had broken into more than twenty pieces."
    other = "Scientists flew a survey plane over the ice shelf on Tuesday."
    memo: dict[str, object] = {}
    rule = Repeats("", 0.5, 3, 0.6, default_embedder().embed, memo)
    assert not rule.same_words(again, [first])  # other words: the term rule misses it
    assert rule.paraphrase(again, [first])
    assert not rule.paraphrase(other, [first])
    assert set(memo) == {first, again, other}  # each text embedded once, kept for reuse
    assert not Repeats("", 0.5, 3, 0.0, default_embedder().embed).paraphrase(again, [first])


def test_a_function_word_tagged_as_an_organisation_is_no_speaker() -> None:
    text = (
        "Rescue teams searched the river all night. "
        '"We will keep searching the river until every family has answers," '
        "None of the officials said."
    )
    article = article_from_text("Search goes on", text, id="a1")
    quote = pick_quote([article], [Entity("None", "ORG", 1)], min_words=4)
    assert quote is not None
    assert quote.speaker is None


RAISED_BID = "Broadcom raised its bid for Qualcomm to $121 billion on Monday."
RAISED_OFFER = "Broadcom on Monday raised its offer to $82 a share in cash and stock."
DELAYED = "A flight from Auckland to Hawaii was delayed by ten minutes on Sunday."
CELEBRATED = "Passengers on a flight from Auckland to Hawaii celebrated the new year twice."


def test_one_event_of_one_participant_in_other_words_is_the_same_event() -> None:
    assert same_event(event_of(RAISED_BID), event_of(RAISED_OFFER))


def test_shared_names_in_different_events_are_not_the_same_event() -> None:
    delayed, celebrated = event_of(DELAYED), event_of(CELEBRATED)
    assert not same_event(delayed, celebrated)
    assert same_participant(delayed, celebrated)


def test_whoever_gives_a_figure_is_not_a_participant_of_its_event() -> None:
    event = event_of("Interior Minister Bernard Cazeneuve said 80 people were killed.")
    assert ("kill", "80") in event.pairs
    assert not any("cazeneuve" in who for _, who in event.pairs)


def _fixed(cosine: float) -> Callable[[list[str]], Any]:
    """An embedder whose first text and every other text are exactly ``cosine`` apart."""
    first = np.array([1.0, 0.0])
    other = np.array([cosine, (1 - cosine**2) ** 0.5])

    def embed(texts: list[str]) -> Any:
        return [first if t in (RAISED_BID, DELAYED) else other for t in texts]

    return embed


def test_close_sentences_of_one_event_are_a_repeat_below_the_paraphrase_limit() -> None:
    rule = Repeats("", 0.5, 3, 0.7, _fixed(0.55), {}, event_limit=0.5, subject_limit=0.6)
    assert rule.paraphrase(RAISED_OFFER, [RAISED_BID])
    assert not rule.paraphrase(CELEBRATED, [DELAYED])  # one subject, two facts
    off = Repeats("", 0.5, 3, 0.7, _fixed(0.55), {})
    assert not off.paraphrase(RAISED_OFFER, [RAISED_BID])


def test_closer_sentences_about_one_participant_are_a_repeat() -> None:
    rule = Repeats("", 0.5, 3, 0.7, _fixed(0.65), {}, event_limit=0.5, subject_limit=0.6)
    assert rule.paraphrase(CELEBRATED, [DELAYED])
    rule = Repeats("", 0.5, 3, 0.7, _fixed(0.65), {}, event_limit=0.5, subject_limit=0.0)
    assert not rule.paraphrase(CELEBRATED, [DELAYED])


def test_one_figure_of_one_quantity_in_other_words_is_a_repeat() -> None:
    fled = "Thousands of revellers fled and two people suffered minor injuries at the beach."
    evacuated = "Thousands of spectators were evacuated and two were injured during the incident."
    three = "Thousands of spectators were evacuated and three were injured during the incident."

    def embed(texts: list[str]) -> Any:
        return [np.array([1.0, 0.0]) if t == fled else np.array([0.55, 0.835]) for t in texts]

    rule = Repeats("", 0.5, 3, 0.7, embed, {}, event_limit=0.5)
    assert rule.paraphrase(evacuated, [fled])
    assert not rule.paraphrase(three, [fled])
