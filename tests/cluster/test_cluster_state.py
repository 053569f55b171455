"""StoryIndex state: serialisation, stable ids across rebuilds, retirement, MinHash."""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.cluster import (
    ALGORITHM,
    ClusterItem,
    ClusterOptions,
    StoryIndex,
    assign_story,
    cluster_articles,
    minhash_signature,
    story_id_for,
)
from glimpse.models import Article, Entity, Features

T0 = datetime(2026, 11, 2, tzinfo=UTC)
EVENTS = [
    ("earthquake", "Turkey", "Strong earthquake hits eastern Turkey, buildings collapse"),
    ("election", "Brazil", "Brazil election heads to runoff after close first round"),
    ("strike", "France", "French rail strike disrupts travel for millions of commuters"),
    ("launch", "India", "India launches lunar probe from Sriharikota space centre"),
    ("merger", "Germany", "German carmakers agree battery merger worth billions"),
]
VARIANTS = 4  # each outlet's headline drops a different word of the event's wording


def variant(title: str, v: int) -> str:
    words = title.split()
    return " ".join(w for i, w in enumerate(words) if i != v + 1)


def corpus(days: int = 4) -> tuple[list[Article], list[Features]]:
    """Each event reported several times a day, over ``days`` days, in a fixed shuffle."""
    rng = random.Random(7)
    arts, feats = [], []
    for day in range(days):
        for k, (slug, place, title) in enumerate(EVENTS):
            for v in range(VARIANTS):
                aid = f"{slug}-{day}-{v}"
                when = T0 + timedelta(days=day, hours=k + v * 3 + rng.random())
                head = variant(title, v) + ("" if day == 0 else f" (day {day + 1})")
                arts.append(Article(id=aid, title=head, text="", published=when))
                feats.append(Features(article=aid, entities=(Entity(name=place, type="PLACE"),)))
    return arts, feats


def decode(state: bytes) -> object:
    return json.loads(zlib.decompress(state))


def mapping(arts: list[Article], feats: list[Features]) -> dict[str, str]:
    index = StoryIndex()
    done = cluster_articles(arts, feats, index)
    return {a.article: index.resolve(a.story) for a in done}


def test_events_are_recovered_as_stories_on_the_inline_corpus() -> None:
    stories = mapping(*corpus())
    for slug, _, _ in EVENTS:
        assert len({s for a, s in stories.items() if a.startswith(slug)}) == 1
    assert len(set(stories.values())) == len(EVENTS)


def test_rebuilding_from_scratch_gives_the_same_story_ids_whatever_the_input_order() -> None:
    arts, feats = corpus()
    order = list(range(len(arts)))
    random.Random(3).shuffle(order)
    first = mapping(arts, feats)
    second = mapping([arts[i] for i in order], [feats[i] for i in order])
    assert first == second


def test_a_story_that_grows_keeps_the_id_of_its_first_article() -> None:
    arts, feats = corpus()
    stories = mapping(arts, feats)
    first = min((a for a in arts if a.id.startswith("merger")), key=lambda a: a.published or T0)
    assert stories["merger-3-0"] == story_id_for(first.id)


def test_state_round_trip_gives_identical_assignments() -> None:
    arts, feats = corpus()
    half = len(arts) // 2
    order = sorted(range(len(arts)), key=lambda i: (arts[i].published, arts[i].id))
    head, tail = order[:half], order[half:]
    live = StoryIndex()
    cluster_articles([arts[i] for i in head], [feats[i] for i in head], live)
    restored = StoryIndex.from_state(live.to_state())
    assert decode(restored.to_state()) == decode(live.to_state())
    items = [ClusterItem.from_records(arts[i], feats[i]) for i in tail]
    assert [assign_story(live, it) for it in items] == [assign_story(restored, it) for it in items]


def test_state_is_compressed_json_not_pickle() -> None:
    index = StoryIndex(ClusterOptions(threshold=0.4))
    cluster_articles(*corpus(days=1), index)
    raw = zlib.decompress(index.to_state())
    assert raw.startswith(b"{") and ALGORITHM.encode() in raw
    assert StoryIndex.from_state(index.to_state()).options.threshold == 0.4
    assert StoryIndex.from_state(index.to_state(), ClusterOptions()).options.threshold != 0.4


def test_a_state_of_another_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        StoryIndex.from_state(zlib.compress(b'{"version": 99}'))


def test_stories_older_than_the_window_are_retired_from_the_index() -> None:
    arts, feats = corpus(days=1)
    later = [
        Article(
            id=f"late-{a.id}", title=a.title, text="", published=a.published + timedelta(days=5)
        )
        for a in arts
        if a.published is not None
    ]
    options = ClusterOptions(window_hours=24.0, window_growth=0.0, reopen_hours=None)
    index = StoryIndex(options)
    cluster_articles(arts + later, feats + feats, index)
    assert len(index.stories) == len(EVENTS)
    assert all(a.startswith("late-") for a in index.article_story)
    assert set(index.signatures) <= set(index.article_story)
    assert all(sid in index.stories for ids in index.postings.values() for sid in ids)
    # with reopening, the first day's stories wait in the dormant index instead: the
    # headlines that come five days later neither search nor reopen them
    index = StoryIndex(replace(options, reopen_hours=24.0 * 30))
    cluster_articles(arts + later, feats + feats, index)
    assert len(index.stories) == 2 * len(EVENTS) and len(index.dormant) == len(EVENTS)
    early = {index.article_story[a.id] for a in arts}
    assert early == set(index.dormant)
    assert all(sid in early for ids in index.archive.values() for sid in ids)
    assert all(sid not in early for ids in index.postings.values() for sid in ids)


def test_minhash_signature_is_deterministic_and_sized() -> None:
    text = "the quick brown fox jumps over the lazy dog near the river bank"
    sig = minhash_signature(text, num_perm=32)
    assert len(sig) == 32 and sig == minhash_signature(text, num_perm=32)
    assert minhash_signature("") == ()
    assert minhash_signature(text) != minhash_signature(text + " and then sleeps all day long")


WORDS = ["storm", "flood", "vote", "court", "bank", "rates", "fire", "rescue", "talks", "deal"]


@settings(max_examples=25, deadline=None)
@given(
    heads=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=0, max_size=5), min_size=2, max_size=16
    ),
    cut=st.integers(min_value=0, max_value=16),
)
def test_any_state_round_trips_to_an_index_that_assigns_identically(
    heads: list[list[str]], cut: int
) -> None:
    arts = [
        Article(id=f"h{i}", title=" ".join(h), text="", published=T0 + timedelta(hours=i))
        for i, h in enumerate(heads)
    ]
    feats = [Features(article=a.id) for a in arts]
    cut = min(cut, len(arts))
    live = StoryIndex()
    cluster_articles(arts[:cut], feats[:cut], live)
    restored = StoryIndex.from_state(live.to_state())
    items = [ClusterItem.from_records(a, f) for a, f in zip(arts[cut:], feats[cut:], strict=True)]
    assert [assign_story(live, it) for it in items] == [assign_story(restored, it) for it in items]
    assert decode(restored.to_state()) == decode(live.to_state())


def test_a_large_storys_head_holds_its_heaviest_terms_and_is_refreshed_as_it_grows() -> None:
    from glimpse.cluster.story import StoryProfile

    story = StoryProfile("s1", first=None, last=None)
    for i in range(1, 301):
        story.add({f"t{i}": float(i)}, (), None, memory=4)
    head, norm2 = story.head(10)
    assert set(head) == {f"t{i}" for i in range(291, 301)}
    assert norm2 == sum(float(i) ** 2 for i in range(291, 301))
    assert story.head(1000) == (story.terms, story.norm2)  # small enough: the whole centroid
    for i in range(301, 461):  # grown by more than half: recomputed
        story.add({f"t{i}": float(i)}, (), None, memory=4)
    assert "t460" in story.head(10)[0]


def test_dormant_stories_round_trip_in_their_own_index() -> None:
    """A state saved while stories sleep restores them dormant, in the same order, and the
    restored index reopens (or not) exactly as the live one."""
    arts, feats = corpus(days=1)
    body = " ".join(f"{a.title}." for a in arts[:6])  # a full article on the first events
    feats = [replace(f, vector=(1.0, 0.5, 0.25)) for f in feats]
    live = StoryIndex(ClusterOptions(window_hours=24.0))
    cluster_articles(arts, feats, live)
    live.advance((T0 + timedelta(days=5)).timestamp())
    assert live.dormant and not live.postings
    restored = StoryIndex.from_state(live.to_state())
    assert list(restored.dormant) == list(live.dormant)
    assert restored.archive == live.archive and not restored.postings
    late = Article(id="late", title=arts[0].title, text=body, published=T0 + timedelta(days=6))
    item = ClusterItem.from_records(late, Features(article="late", vector=(1.0, 0.5, 0.25)))
    assert assign_story(live, item) == assign_story(restored, item)
