"""compose_brief: every field of the brief, grounded, on small stories."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from glimpse.compose import ComposeOptions, check_grounding, compose_brief
from glimpse.compose.edits import undo_edits
from glimpse.compose.terms import term_pairs
from glimpse.errors import EmptyInput
from glimpse.models import Article, Brief

Story = Callable[[str], list[Article]]
STORIES = ["one_article", "disagreeing_numbers", "no_quote", "split_quote", "surname_speaker"]


def _sentences(brief: Brief) -> list:
    return [*brief.summary, *(s for p in brief.body for s in p)]


def test_one_article_story_gives_every_field(story: Story) -> None:
    articles = story("one_article")
    brief = compose_brief("s1", articles)
    assert brief.story == "s1"
    assert brief.headline and len(brief.headline.split()) <= 14
    assert 1 <= len(brief.summary) <= 3
    assert sum(len(s.text.split()) for s in brief.summary) <= 75
    assert brief.body and all(brief.body)
    assert brief.key_quote is not None
    assert brief.updated_at == articles[0].published
    (source,) = brief.sources
    assert (source.article, source.url, source.headline) == (
        "wire-1",
        "https://wire.example/bridge",
        "Storm closes Riverton bridge for two weeks",
    )
    assert source.outlet == "Wire Service" and source.lede
    assert brief.headline_support


@pytest.mark.parametrize("name", STORIES)
def test_every_brief_sentence_has_valid_support(story: Story, name: str) -> None:
    articles = story(name)
    brief = compose_brief(name, articles)
    by_id = {a.id: a for a in articles}
    for sentence in _sentences(brief):
        assert sentence.support
        for ref in sentence.support:
            assert 0 <= ref.sentence < len(by_id[ref.article].sentences)
    assert check_grounding(brief, articles) == []


@pytest.mark.parametrize("name", STORIES)
def test_no_fact_is_repeated(story: Story, name: str) -> None:
    brief = compose_brief(name, story(name))
    refs = [ref for s in _sentences(brief) for ref in s.support]
    texts = [s.text for s in _sentences(brief)]
    assert len(refs) == len(set(refs))
    assert len(texts) == len(set(texts))


def test_disagreeing_outlets_are_not_fused_and_no_number_is_invented(story: Story) -> None:
    articles = story("disagreeing_numbers")
    brief = compose_brief("quake", articles)
    by_id = {a.id: a for a in articles}
    stated = []
    for sentence in _sentences(brief):
        support_text = " ".join(
            by_id[r.article].sentences[r.sentence].text for r in sentence.support
        )
        numbers = {k for _, k in term_pairs(sentence.text) if k[:1].isdigit()}
        assert numbers <= {k for _, k in term_pairs(support_text) if k[:1].isdigit()}
        assert len({r.article for r in sentence.support}) == 1
        stated += [n for n in numbers if n in ("12", "15")]
    assert len(set(stated)) <= 1, "both tolls stated as if each were the fact"


def test_multi_source_brief_draws_on_every_article(story: Story) -> None:
    articles = story("no_quote")
    brief = compose_brief("rates", articles)
    used = {r.article for s in _sentences(brief) for r in s.support}
    assert used == {a.id for a in articles}
    assert [s.article for s in brief.sources] == ["rates-a", "rates-b"]


def test_updated_at_is_the_newest_article_time(story: Story) -> None:
    articles = story("surname_speaker")
    brief = compose_brief("summit", list(reversed(articles)))
    assert brief.updated_at == max(a.published for a in articles if a.published)


def test_without_trimming_every_sentence_is_a_source_sentence(story: Story) -> None:
    articles = story("one_article")
    brief = compose_brief("s1", articles, options=ComposeOptions(trim=False))
    for sentence in _sentences(brief):
        (ref,) = sentence.support
        # words only change by recorded edits ("Ortiz said" -> "Helen Ortiz said")
        written = undo_edits(sentence.text, sentence.edits)
        assert written == articles[0].sentences[ref.sentence].text


def test_trimmed_dateline_keeps_support(story: Story) -> None:
    article = story("one_article")[0]
    text = "RIVERTON (Wire) - " + article.text
    from glimpse.extract import article_from_text

    dated = article_from_text(article.title, text, id="dated")
    brief = compose_brief("s1", [dated])
    assert not brief.summary[0].text.startswith("RIVERTON")
    assert check_grounding(brief, [dated]) == []


def test_headline_is_short_and_from_the_sources(story: Story) -> None:
    for name in STORIES:
        brief = compose_brief(name, story(name))
        assert 0 < len(brief.headline.split()) <= 14
        assert not re.search(r"\s[|]\s", brief.headline)


def test_headline_without_titles_comes_from_the_lead(story: Story) -> None:
    article = story("one_article")[0]
    from dataclasses import replace

    untitled = replace(article, title="")
    brief = compose_brief("s1", [untitled])
    assert 0 < len(brief.headline.split()) <= 14
    assert not brief.headline.endswith(".")
    assert check_grounding(brief, [untitled]) == []


def test_story_without_sentences_is_skipped() -> None:
    empty = Article(id="e", title="Nothing", text="")
    with pytest.raises(EmptyInput):
        compose_brief("empty", [empty])


def test_body_leads_with_the_most_important_then_runs_in_time_order(story: Story) -> None:
    articles = story("one_article")
    options = ComposeOptions(summary_sentences=1, paragraph_sentences=1)
    brief = compose_brief("s1", articles, options=options)
    lead, *rest = brief.body
    assert 1 <= len(lead) <= 2
    indices = [p[0].support[0].sentence for p in rest]
    assert len(indices) >= 2 and indices == sorted(indices)


def test_summary_stays_within_its_budget(story: Story) -> None:
    options = ComposeOptions(summary_sentences=2, summary_words=40)
    for name in STORIES:
        brief = compose_brief(name, story(name), options=options)
        assert 1 <= len(brief.summary) <= 2
        assert sum(len(s.text.split()) for s in brief.summary) <= 40
