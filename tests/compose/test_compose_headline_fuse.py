"""Headline fusion: forms of one event joined at a shared word, never two events mixed."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from glimpse.compose.headline import headline_candidates, headline_support
from glimpse.compose.headline_check import headline_problems
from glimpse.compose.headline_fuse import Word, can_splice, fuse, words_of
from glimpse.compose.terms import content_words
from glimpse.extract import article_from_text
from glimpse.nlp import load_spacy


def fused(*titles: str) -> list[str]:
    nlp: Any = load_spacy()
    return [text for text, _ in fuse([words_of(nlp(t)) for t in titles], 12)]


def pairs(text: str) -> set[tuple[str, str]]:
    words = [w.lower() for w in text.split()]
    return set(pairwise(words))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (
            "Harbour Ltd makes offer for shipyard",
            "Harbour Ltd makes $40 million offer",
            "Harbour Ltd makes $40 million offer for shipyard",
        ),
        (
            "Storm closes Riverton bridge",
            "Storm closes bridge for two weeks",
            "Storm closes Riverton bridge for two weeks",
        ),
    ],
)
def test_two_forms_of_one_event_fuse_at_the_word_they_share(a: str, b: str, expected: str) -> None:
    assert expected in fused(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same verb and object, different subjects: who attacked whom must not swap
        ("Rebels attack army base in the north", "Army attacks rebel base near the capital"),
        # one girl, two events: indicted by one, arrested by others
        ("Israel indicts girl who slapped soldiers", "Soldiers arrest girl in West Bank"),
        # the same verb, one negated
        ("Court does not block travel ban", "Court blocks travel ban in Hawaii"),
        # perhaps two bridges: a phrase of one is never given to the other
        ("Flood closes Riverton bridge for two weeks", "Flood closes Old Mill bridge in Riverton"),
    ],
)
def test_forms_of_different_events_or_things_never_fuse(a: str, b: str) -> None:
    assert fused(a, b) == []


def test_every_word_pair_of_a_fused_headline_is_a_pair_of_one_form() -> None:
    forms = [
        "Harbour Ltd makes offer for shipyard",
        "Harbour Ltd makes $40 million offer",
        "Harbour Ltd makes offer for shipyard in Arlo",
    ]
    out = fused(*forms)
    assert out
    known = set().union(*(pairs(f) for f in forms))
    for text in out:
        assert pairs(text) <= known, text
        assert set(content_words(text)) <= set(content_words(" ".join(forms)))


def _word(key: str, subject: str, modifiers: frozenset[str] = frozenset()) -> Word:
    splice = ("NOUN", "dobj", ("raise",), "raise", frozenset())
    return Word(key, " ", key, True, splice, frozenset(subject.split()), modifiers)


def test_a_splice_needs_the_same_subject_and_compatible_modifiers() -> None:
    offer = _word("offer", "broadcom")
    assert can_splice(offer, _word("offer", "broadcom", frozenset({"hostile"})))
    assert can_splice(offer, _word("offer", "broadcom ltd."))
    assert not can_splice(offer, _word("offer", "qualcomm"))
    # a shared word is not a shared subject, and no subject named is not the same subject
    assert not can_splice(_word("offer", "broadcom fires"), _word("offer", "qualcomm fires"))
    assert not can_splice(offer, _word("offer", ""))
    first = _word("offer", "broadcom", frozenset({"first"}))
    assert not can_splice(first, _word("offer", "broadcom", frozenset({"second"})))


def test_a_fused_headline_is_offered_and_grounded_in_the_sources() -> None:
    articles = [
        article_from_text(
            "Harbour Ltd makes offer for shipyard",
            "Harbour Ltd made an offer for the Arlo shipyard on Monday. The yard has 300 staff.",
            id="a0",
        ),
        article_from_text(
            "Harbour Ltd makes $40 million offer",
            "Harbour Ltd offered $40 million for the shipyard, the company said.",
            id="a1",
        ),
    ]
    lead = articles[0].sentences[0].text
    pool = headline_candidates(articles, lead)
    fresh = [c.text for c in pool if not c.copied]
    assert "Harbour Ltd makes $40 million offer for shipyard" in fresh
    for text in fresh:
        assert headline_problems(text, articles) == []
    assert headline_support("Harbour Ltd makes $40 million offer for shipyard", articles)
