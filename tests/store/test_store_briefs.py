"""Briefs: round trips, versions and history."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.errors import StoryNotFound
from glimpse.models import (
    Article,
    Brief,
    BriefSentence,
    Entity,
    Quote,
    SourceRef,
    SupportRef,
    Writer,
)
from glimpse.store import Store

MakeArticle = Callable[..., Article]
MakeBrief = Callable[..., Brief]

_words = st.text(min_size=1).filter(lambda t: t.strip() != "")
_times = st.none() | st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
_refs = st.builds(SupportRef, st.text(min_size=1, max_size=8), st.integers(0, 500))
_sentences = st.builds(BriefSentence, _words, st.lists(_refs, min_size=1, max_size=3).map(tuple))
_quotes = st.builds(
    Quote,
    st.text(),
    st.none() | st.text(),
    st.text(),
    st.integers(0, 99),
    st.none() | st.text(),
    st.none() | st.text(),
)
_sources = st.builds(
    SourceRef, st.text(), st.none() | st.text(), st.none() | st.text(), st.text(), st.text(), _times
)
_entities = st.builds(
    Entity,
    st.text(),
    st.sampled_from(["PERSON", "PLACE", "ORG"]),
    st.integers(1, 9),
    st.lists(st.text(), max_size=2).map(tuple),
    st.lists(st.text(), max_size=2).map(tuple),
)


def _tuple_of(strategy: st.SearchStrategy[object], n: int) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(strategy, max_size=n).map(tuple)


@st.composite
def briefs(draw: st.DrawFn) -> Brief:
    return Brief(
        story="s1",
        headline=draw(st.text()),
        summary=draw(_tuple_of(_sentences, 3)),
        body=draw(_tuple_of(_tuple_of(_sentences, 3), 3)),
        key_quote=draw(st.none() | _quotes),
        tags=draw(_tuple_of(st.text(), 4)),
        updated_at=draw(_times),
        sources=draw(_tuple_of(_sources, 3)),
        entities=draw(_tuple_of(_entities, 2)),
        headline_support=draw(_tuple_of(_refs, 2)),
    )  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(brief=briefs())
def test_brief_round_trips_through_the_store(brief: Brief) -> None:
    article = Article(id="a1", title="t", text="body")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "g.db") as store:
        store.add_article(article)
        store.save_assignments([("a1", "s1")], [], None)
        assert store.save_brief(brief) == 1
        assert store.brief("s1") == brief
        assert store.brief_history("s1")[0].brief == brief


@pytest.fixture
def story_store(store: Store, make_article: MakeArticle) -> Store:
    store.add_article(make_article(1))
    store.save_assignments([("a1", "s1")], [], None)
    return store


def test_brief_history_keeps_every_version_oldest_first(
    story_store: Store, make_article: MakeArticle, make_brief: MakeBrief
) -> None:
    first = make_brief("s1")
    assert story_store.save_brief(first) == 1
    story_store.add_article(make_article(2))
    story_store.save_assignments([("a2", "s1")], [], None)
    second = replace(first, headline="Volcano eruption forces evacuation")
    assert story_store.save_brief(second) == 2
    history = story_store.brief_history("s1")
    assert [(v.version, v.brief.headline) for v in history] == [
        (1, first.headline),
        (2, second.headline),
    ]
    assert [v.article_ids for v in history] == [("a1",), ("a1", "a2")]
    assert history[0].built_at <= history[1].built_at
    assert story_store.brief("s1") == second


def test_a_story_page_reads_in_one_go_what_the_three_reads_give(
    story_store: Store, make_article: MakeArticle, make_brief: MakeBrief
) -> None:
    first = make_brief("s1")
    story_store.save_brief(first)
    story_store.add_article(make_article(2))
    story_store.save_assignments([("a2", "s1")], [], None)
    second = replace(first, headline="Volcano eruption forces evacuation")
    story_store.save_brief(second)
    brief, history, arrivals, articles = story_store.story_page("s1")
    assert brief == story_store.brief("s1") == second
    assert history == story_store.brief_history("s1")
    assert [v.version for v in history] == [1, 2]
    assert arrivals == story_store.article_arrivals("s1")
    assert [a for a, _ in arrivals] == ["a1", "a2"]
    assert articles == story_store.articles(["a1", "a2"])
    assert story_store.story_page("nothing") == (None, [], [], [])


def test_saving_an_identical_brief_adds_no_version(
    story_store: Store, make_brief: MakeBrief
) -> None:
    assert story_store.save_brief(make_brief("s1")) == 1
    assert story_store.save_brief(make_brief("s1")) == 1
    assert len(story_store.brief_history("s1")) == 1


def test_brief_for_an_unknown_story_is_refused(store: Store, make_brief: MakeBrief) -> None:
    with pytest.raises(StoryNotFound) as caught:
        store.save_brief(make_brief("ghost"))
    assert caught.value.code == "G014"


def test_story_without_a_brief_has_none(story_store: Store) -> None:
    assert story_store.brief("s1") is None
    assert story_store.brief_history("s1") == []
    assert story_store.brief("ghost") is None


def test_brief_saved_under_a_merged_id_goes_to_the_surviving_story(
    story_store: Store, make_article: MakeArticle, make_brief: MakeBrief
) -> None:
    story_store.add_article(make_article(2))
    story_store.save_assignments([("a2", "s2")], [("s1", "s2")], None)
    story_store.save_brief(make_brief("s1"))
    brief = story_store.brief("s2")
    assert brief is not None and brief.story == "s2"
    assert story_store.dirty_stories() == []


def test_a_brief_by_another_writer_makes_its_story_dirty_again(
    story_store: Store, make_brief: MakeBrief
) -> None:
    # an upgrade: the stored brief was written by v1; a build with v2 must rewrite it
    story_id = story_store.dirty_stories()[0]
    story_store.save_brief(
        replace(make_brief(story_id), writer=Writer(version="glimpse.compose.extractive.v1"))
    )
    assert story_store.dirty_stories("glimpse.compose.extractive.v1") == []
    assert story_store.dirty_stories("glimpse.compose.extractive.v2") == [story_id]


def test_a_story_page_still_shows_a_cited_article_that_moved_to_another_story(
    story_store: Store, make_article: MakeArticle, make_brief: MakeBrief
) -> None:
    from glimpse.publish.story_view import load_story

    story_store.add_article(make_article(2))
    story_store.save_brief(make_brief("s1", article="a2"))
    story_store.save_assignments([("a2", "s2")], [], None)  # cited by s1, filed under s2
    view = load_story(story_store, "s1")
    assert view is not None
    assert [a.id for a in view.articles] == ["a1", "a2"]  # its own a1, the cited a2
    cited = view.summary[0].evidence[0]
    assert cited.headline == make_article(2).title and "not stored" not in cited.text
