"""Property tests: any article text gives a grounded brief, and quotes are always verbatim."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glimpse.compose import check_grounding, compose_brief
from glimpse.compose.grounding import quote_span
from glimpse.compose.quote import find_quotations
from glimpse.errors import EmptyInput
from glimpse.extract import article_from_text

VOCABULARY = (
    "the mayor said police on Monday 12 people were hurt when a storm hit "
    "Riverton and “ ” \" ' , . ! ? ( ) - Helen Ortiz told reporters not 3,000"
)
WORDS = st.sampled_from(VOCABULARY.split())
TEXT = st.lists(WORDS, min_size=1, max_size=120).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, TEXT)
def test_any_text_gives_a_brief_that_passes_its_own_check(title: str, text: str) -> None:
    try:
        article = article_from_text(title, text, id="p")
        brief = compose_brief("p", [article])
    except EmptyInput:
        return
    assert check_grounding(brief, [article]) == []
    assert brief.summary
    shown = [s.support for s in brief.summary] + [s.support for p in brief.body for s in p]
    assert len(shown) == len(set(shown))  # no source sentence twice (the body may be empty)


@settings(max_examples=80, deadline=None)
@given(TEXT)
def test_found_quotations_are_verbatim_in_their_sentence(text: str) -> None:
    try:
        article = article_from_text("t", text, id="q")
    except EmptyInput:
        return
    for found in find_quotations(article):
        span = quote_span(article, found.sentence)
        assert 0 <= span.find(found.text) < len(article.sentences[found.sentence].text)
