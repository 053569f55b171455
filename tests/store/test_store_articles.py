"""Articles in and out of the store: round trips, duplicates, atomic writes, features."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.errors import StoreError
from glimpse.models import Article, Entity, Features, Sentence
from glimpse.store import Store
from glimpse.store import articles as store_articles

MakeArticle = Callable[..., Article]

_zones = st.sampled_from([UTC, timezone(timedelta(hours=2)), timezone(timedelta(hours=-5))])
_times = st.none() | st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=_zones
)
_sentence_parts = st.lists(
    st.tuples(st.text(min_size=1), st.integers(0, 10_000), st.integers(0, 10_000)), max_size=5
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    parts = draw(_sentence_parts)
    return Article(
        id=draw(st.text(min_size=1, max_size=20)),
        title=draw(st.text()),
        text=draw(st.text()),
        url=draw(st.none() | st.text(min_size=1)),
        lede=draw(st.text()),
        paragraphs=tuple(draw(st.lists(st.text(), max_size=4))),
        sentences=tuple(Sentence(i, t, a, b) for i, (t, a, b) in enumerate(parts)),
        published=draw(_times),
        updated=draw(_times),
        authors=tuple(draw(st.lists(st.text(), max_size=3))),
        source=draw(st.none() | st.text()),
        language=draw(st.none() | st.sampled_from(["en", "de"])),
        canonical_url=draw(st.none() | st.text(min_size=1)),
        paywalled=draw(st.none() | st.booleans()),
        story=draw(st.none() | st.text(min_size=1)),
        fetched=draw(_times),
    )


@settings(max_examples=40, deadline=None)
@given(article=articles())
def test_article_round_trips_through_the_store(article: Article) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "g.db") as store:
        assert store.add_article(article)
        assert store.articles([article.id]) == [article]


def test_duplicate_url_is_ingested_once(store: Store, make_article: MakeArticle) -> None:
    assert store.add_article(make_article(1))
    again = make_article(2, url="https://outlet.example/1")
    assert not store.add_article(again)
    assert store.article_count() == 1


def test_canonical_url_matches_a_stored_url_either_way(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_article(make_article(1, canonical_url="https://outlet.example/canonical"))
    assert store.has_article(make_article(2, url="https://outlet.example/canonical"))
    assert store.has_article(make_article(3, canonical_url="https://outlet.example/1"))
    assert not store.has_article(make_article(4))


def test_duplicate_text_is_ingested_once_despite_case_and_spacing(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_article(make_article(1, text="Rain fell on Paris.\nStreets flooded."))
    copy = make_article(2, text="  rain fell on   PARIS. streets flooded.  ")
    assert not store.add_article(copy)
    assert store.article_count() == 1


def test_same_id_is_ingested_once(store: Store, make_article: MakeArticle) -> None:
    store.add_article(make_article(1))
    assert not store.add_article(make_article(1, url="https://other.example/x", text="New."))
    assert [a.text for a in store.articles(["a1"])] == [make_article(1).text]


def test_empty_bodies_are_not_duplicates_of_each_other(
    store: Store, make_article: MakeArticle
) -> None:
    assert store.add_article(make_article(1, text=""))
    assert store.add_article(make_article(2, text="   "))


def test_failure_mid_write_leaves_nothing(
    store: Store, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_articles, "save_features", explode)
    article = make_article(1)
    with pytest.raises(RuntimeError):
        store.add_article(article, Features(article.id))
    assert store.article_count() == 0
    assert not store.has_article(article)
    assert store.list_stories(query="distinct") == []
    monkeypatch.undo()
    assert store.add_article(article)


def test_features_round_trip_with_float32_vectors(store: Store, make_article: MakeArticle) -> None:
    entity = Entity("Kim Jong Un", "PERSON", 3, ("a1",), ("Kim",))
    features = Features(
        "a1", (entity,), ("nuclear talks",), ("Kim Jong Un",), (0.5, -0.25, 1.0), (7, 2**61 - 1)
    )
    store.add_article(make_article(1), features)
    assert store.features(["a1"]) == [features]


@settings(max_examples=30, deadline=None)
@given(
    vector=st.lists(st.floats(width=32, allow_nan=False), max_size=8).map(tuple),
    minhash=st.lists(st.integers(-(2**63), 2**63 - 1), max_size=8).map(tuple),
    keyphrases=st.lists(st.text(), max_size=3).map(tuple),
)
def test_features_round_trip_through_the_store(
    vector: tuple[float, ...], minhash: tuple[int, ...], keyphrases: tuple[str, ...]
) -> None:
    features = Features("a1", keyphrases=keyphrases, vector=vector, minhash=minhash)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "g.db") as store:
        store.add_article(Article(id="a1", title="t", text="b"), features)
        assert store.features(["a1"]) == [features]


def test_set_features_replaces_earlier_features(store: Store, make_article: MakeArticle) -> None:
    store.add_article(make_article(1), Features("a1", keyphrases=("old",)))
    store.set_features(Features("a1", keyphrases=("new",), vector=(0.125,)))
    assert store.features(["a1"]) == [Features("a1", keyphrases=("new",), vector=(0.125,))]


def test_set_features_for_an_unknown_article_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError) as caught:
        store.set_features(Features("nope"))
    assert caught.value.code == "G015"


def test_features_keep_order_and_fill_missing_with_empty(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_article(make_article(1), Features("a1", tags=("x",)))
    store.add_article(make_article(2))
    result = store.features(["a2", "unknown", "a1"])
    assert result == [Features("a2"), Features("a1", tags=("x",))]


def test_articles_come_back_in_the_order_given(store: Store, make_article: MakeArticle) -> None:
    for n in (1, 2, 3):
        store.add_article(make_article(n))
    assert [a.id for a in store.articles(["a3", "missing", "a1", "a2"])] == ["a3", "a1", "a2"]


def test_many_ids_are_read_in_chunks(store: Store, make_article: MakeArticle) -> None:
    ids = [f"a{n}" for n in range(1, 1201)]
    for n in range(1, 1201):
        store.add_article(make_article(n))
    assert [a.id for a in store.articles(list(reversed(ids)))] == list(reversed(ids))


def test_unclustered_is_ordered_by_published_with_unknown_times_last(
    store: Store, make_article: MakeArticle
) -> None:
    store.add_article(make_article(1, published=None))
    store.add_article(make_article(2, published=datetime(2026, 1, 2, tzinfo=UTC)))
    store.add_article(make_article(3, published=datetime(2026, 1, 1, tzinfo=UTC)))
    store.add_article(make_article(4, published=None))
    assert [a.id for a in store.unclustered()] == ["a3", "a2", "a1", "a4"]
    store.save_assignments([("a3", "s1")], [], None)
    assert [a.id for a in store.unclustered()] == ["a2", "a1", "a4"]


def test_published_times_in_other_zones_sort_by_instant(
    store: Store, make_article: MakeArticle
) -> None:
    early_local = datetime(2026, 1, 1, 9, tzinfo=timezone(timedelta(hours=5)))  # 04:00 UTC
    store.add_article(make_article(1, published=datetime(2026, 1, 1, 6, tzinfo=UTC)))
    store.add_article(make_article(2, published=early_local))
    assert [a.id for a in store.unclustered()] == ["a2", "a1"]
    assert store.articles(["a2"])[0].published == early_local


def test_fetched_time_survives_although_json_lacks_it(
    store: Store, make_article: MakeArticle
) -> None:
    fetched = datetime(2026, 11, 28, 1, 2, 3, 456, tzinfo=UTC)
    store.add_article(replace(make_article(1), fetched=fetched))
    assert store.articles(["a1"])[0].fetched == fetched
