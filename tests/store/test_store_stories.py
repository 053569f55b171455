"""Stories: assignments, times, merges and redirects, dirtiness, timeline, cluster state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from glimpse.errors import StoreError
from glimpse.models import Article, Brief
from glimpse.store import Store

MakeArticle = Callable[..., Article]
MakeBrief = Callable[..., Brief]


def _add(store: Store, make_article: MakeArticle, *ns: int) -> None:
    for n in ns:
        assert store.add_article(make_article(n))


def test_assignments_create_stories_with_times_from_their_articles(
    store: Store, make_article: MakeArticle
) -> None:
    _add(store, make_article, 3, 5)
    store.save_assignments([("a5", "s1"), ("a3", "s1")], [], b"state-1")
    story = store.story("s1")
    assert story is not None
    assert story.articles == ("a3", "a5")
    assert story.created_at == datetime(2026, 11, 20, 3, tzinfo=UTC)
    assert story.updated_at == datetime(2026, 11, 20, 5, tzinfo=UTC)
    assert store.cluster_state() == b"state-1"


def test_cluster_state_is_none_until_saved_and_replaced_on_each_save(store: Store) -> None:
    assert store.cluster_state() is None
    store.save_assignments([], [], b"one")
    store.save_assignments([], [], b"two")
    assert store.cluster_state() == b"two"


def test_merged_story_redirects_to_the_surviving_story(
    store: Store, make_article: MakeArticle, make_brief: MakeBrief
) -> None:
    _add(store, make_article, 1, 2)
    store.save_assignments([("a1", "old"), ("a2", "new")], [], None)
    store.save_brief(make_brief("new", "a2"))
    store.save_assignments([], [("old", "new")], None)
    assert store.resolve_story("old") == "new"
    merged = store.story("old")
    assert merged is not None and merged.id == "new"
    assert merged.articles == ("a1", "a2")
    assert store.article_story("a1") == "new"
    brief = store.brief("old")
    assert brief is not None and brief.story == "new"


def test_merge_chains_resolve_to_the_last_story(store: Store, make_article: MakeArticle) -> None:
    _add(store, make_article, 1, 2, 3)
    store.save_assignments([("a1", "x"), ("a2", "y"), ("a3", "z")], [("x", "y")], None)
    store.save_assignments([], [("y", "z")], None)
    assert store.resolve_story("x") == "z"
    assert store.story_article_ids("x") == ["a1", "a2", "a3"]


def test_assigning_to_a_merged_story_lands_in_its_successor(
    store: Store, make_article: MakeArticle
) -> None:
    _add(store, make_article, 1, 2, 3)
    store.save_assignments([("a1", "x"), ("a2", "y")], [("x", "y")], None)
    store.save_assignments([("a3", "x")], [], None)
    assert store.article_story("a3") == "y"


def test_merge_into_itself_is_ignored(store: Store, make_article: MakeArticle) -> None:
    _add(store, make_article, 1)
    store.save_assignments([("a1", "x")], [("x", "x")], None)
    assert store.resolve_story("x") == "x"
    assert store.story_article_ids("x") == ["a1"]


def test_unknown_story_resolves_to_none(store: Store) -> None:
    assert store.resolve_story("ghost") is None
    assert store.story("ghost") is None
    assert store.story_article_ids("ghost") == []
    assert store.article_arrivals("ghost") == []
    assert store.article_story("ghost") is None


def test_reassigned_article_leaves_its_old_story(store: Store, make_article: MakeArticle) -> None:
    _add(store, make_article, 1, 2)
    store.save_assignments([("a1", "s1"), ("a2", "s1")], [], None)
    store.save_assignments([("a2", "s2")], [], None)
    assert store.story_article_ids("s1") == ["a1"]
    assert store.story_article_ids("s2") == ["a2"]


def test_story_is_dirty_until_briefed_and_again_when_it_grows(
    store: Store, make_article: MakeArticle, make_brief: MakeBrief
) -> None:
    _add(store, make_article, 1, 2)
    store.save_assignments([("a1", "s1")], [], None)
    assert store.dirty_stories() == ["s1"]
    store.save_brief(make_brief("s1"))
    assert store.dirty_stories() == []
    store.save_assignments([("a1", "s1")], [], None)
    assert store.dirty_stories() == []
    store.save_assignments([("a2", "s1")], [], None)
    assert store.dirty_stories() == ["s1"]


def test_merge_makes_the_surviving_story_dirty_and_drops_the_old_one(
    store: Store, make_article: MakeArticle, make_brief: MakeBrief
) -> None:
    _add(store, make_article, 1, 2)
    store.save_assignments([("a1", "s1"), ("a2", "s2")], [], None)
    store.save_brief(make_brief("s1"))
    store.save_brief(make_brief("s2", "a2"))
    store.save_assignments([], [("s1", "s2")], None)
    assert store.dirty_stories() == ["s2"]


def test_story_that_lost_every_article_is_not_dirty(
    store: Store, make_article: MakeArticle
) -> None:
    _add(store, make_article, 1)
    store.save_assignments([("a1", "s1")], [], None)
    store.save_assignments([("a1", "s2")], [], None)
    assert store.dirty_stories() == ["s2"]


def test_article_arrivals_list_storage_times_in_order(
    store: Store, make_article: MakeArticle
) -> None:
    before = datetime.now(UTC)
    _add(store, make_article, 9, 1)
    store.save_assignments([("a1", "s1"), ("a9", "s1")], [], None)
    arrivals = store.article_arrivals("s1")
    assert [a for a, _ in arrivals] == ["a9", "a1"]
    assert all(before <= t <= datetime.now(UTC) for _, t in arrivals)


def test_failed_assignment_batch_changes_nothing(store: Store, make_article: MakeArticle) -> None:
    _add(store, make_article, 1)
    store.save_assignments([("a1", "s1")], [], b"before")
    with pytest.raises(StoreError):
        store.save_assignments([("a1", "s2"), ("not-stored", "s2")], [], b"after")
    assert store.article_story("a1") == "s1"
    assert store.resolve_story("s2") is None
    assert store.cluster_state() == b"before"
