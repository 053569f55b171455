"""The shortcuts that keep a brief fast give the answers of the slow paths they skip."""

from __future__ import annotations

import pytest

from glimpse.compose.amounts import MAYBE_NUMBER, is_number_start, tokenize
from glimpse.compose.figures import figures
from glimpse.compose.headline_form import needs_entities
from glimpse.compose.headline_text import case_map, casing_keys
from glimpse.compose.headline_write import parse
from glimpse.compose.quote import pick_quote
from glimpse.extract import article_from_text
from glimpse.models import Article, Sentence
from glimpse.nlp import load_spacy


@pytest.mark.parametrize(
    ("text", "needed"),
    [
        ("North Korea fired a missile on Tuesday.", True),
        ("The missile flew over Japan's northern island of Hokkaido.", True),
        ("North Korea fired a missile into the sea.", False),
    ],
)
def test_entities_are_asked_for_exactly_where_the_headline_forms_read_them(
    text: str, needed: bool
) -> None:
    doc = load_spacy()(text)
    assert needs_entities(doc) is needed


def test_parse_gives_the_full_pipelines_entities_where_they_are_read() -> None:
    texts = [
        "Police arrested two men in Paris on Monday.",
        "The missile flew over Japan's northern island of Hokkaido.",
        "The company raised its offer.",
    ]
    full = list(load_spacy().pipe(texts))
    for ours, theirs in zip(parse(texts), full, strict=True):
        assert [t.dep_ for t in ours] == [t.dep_ for t in theirs]
        if needs_entities(ours):
            assert [(e.text, e.label_) for e in ours.ents] == [
                (e.text, e.label_) for e in theirs.ents
            ]
    assert parse(texts)[0].ents  # a dated sentence is read for its entities


@pytest.mark.parametrize(
    "text",
    [
        "Fifty-nine people were killed.",
        "About seven men fled.",
        "It cost £5 million.",
        "At least 50 people died.",
        "US$ 4 billion was raised.",
        "Nobody was hurt.",
    ],
)
def test_the_number_prefilter_never_skips_a_sentence_with_a_number(text: str) -> None:
    has_number = any(is_number_start(t) for t in tokenize(text))
    assert bool(MAYBE_NUMBER.search(text)) or not has_number
    if not MAYBE_NUMBER.search(text):
        assert figures(text) == []


def _article(*texts: str) -> Article:
    sentences = tuple(Sentence(i, t, 0, len(t)) for i, t in enumerate(texts))
    return Article(id="a", title="t", text=" ".join(texts), sentences=sentences)


def test_a_case_map_of_the_wanted_words_agrees_with_the_whole_map() -> None:
    article = _article(
        "The NASA probe flew by the Moon on Monday.",
        "Officials at Nasa and the moon team cheered.",
        "A second NASA team watched the moon.",
    )
    whole = case_map([article])
    wanted = casing_keys(["NASA PROBE REACHES THE MOON"])
    assert case_map([article], wanted) == {k: v for k, v in whole.items() if k in wanted}


@pytest.mark.parametrize(
    "before",
    [
        'He had written "a novel" before. Prime Minister Theresa May said: ',
        "Theresa May told reporters in London that ",
        '"We will win," he said, and "we will stay", Theresa May said: ',
        "“It is over,” the minister said. Later Theresa May added in a statement: ",
    ],
)
def test_the_quote_frame_search_from_the_last_quote_mark_finds_the_same_frame(
    before: str,
) -> None:
    from glimpse.compose.attribution import _BEFORE

    start = max(before.rfind(mark) for mark in '"“”') + 1
    whole, fast = _BEFORE.search(before), _BEFORE.search(before, start)
    assert whole is not None and fast is not None
    assert (fast.span(), fast.groupdict()) == (whole.span(), whole.groupdict())


def test_a_quote_after_earlier_quotations_is_credited_to_its_frame() -> None:
    text = (
        'Marta Velasquez spoke of "a hard winter" on Monday. '
        'Marta Velasquez said: "We will hold the line on prices this winter and beyond."'
    )
    article = article_from_text("Prices", text, id="p1")
    quote = pick_quote([article], min_words=4)
    assert quote is not None and quote.speaker == "Marta Velasquez"
