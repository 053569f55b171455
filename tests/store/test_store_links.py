"""Sections and threads stored by ``build`` equal the request-time computation, and go stale
(so pages compute them again) as soon as a story changes, until the next refresh."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from glimpse import pipeline
from glimpse.models import RunReport
from glimpse.publish.front import load_front
from glimpse.publish.list_view import load_listing
from glimpse.publish.sample import add_story, fill_store, sample_article, sample_brief, story_id
from glimpse.publish.thread_view import load_thread
from glimpse.sections import DeskOptions, section_of
from glimpse.serve.stored import front, front_page, front_pool, thread_view
from glimpse.store import Store

NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)
SPORT_DESK = DeskOptions(sections={"Sport": ["lisbon"], "Travel": ["tram"]})


def _fill(store: Store) -> list[str]:
    """Sample stories (topics repeat every 8) plus stories whose tags cross topics, spell a
    subject two ways, or carry no tags at all: threads, related stories and 'More news'."""
    ids = fill_store(store, 26)
    extra = {
        90: ("Lisbon", "Tram fares", "Ana Costa"),
        91: ("Kim Jong-un", "Missile test", "Pyongyang"),
        92: ("Kim Jong Un", "Missile Test", "Pyongyang", "Lisbon"),
        93: (),
    }
    for n, tags in extra.items():
        add_story(store, story_id(n), [sample_article(n, 0), sample_article(n, 1)], tags)
        ids.append(story_id(n))
    return ids


@pytest.fixture
def desk(store: Store) -> tuple[Store, list[str]]:
    return store, _fill(store)


def _same_thread(store: Store, sid: str) -> None:
    stored, computed = thread_view(store, sid), load_thread(store, sid)
    assert stored is not None and computed is not None
    for part in ("earlier", "later", "related"):
        assert [r.story for r in getattr(stored, part)] == [
            r.story for r in getattr(computed, part)
        ], (sid, part)
    assert stored.story.story == computed.story.story == sid


def test_stored_threads_equal_the_request_time_threads(desk: tuple[Store, list[str]]) -> None:
    store, ids = desk
    assert store.refresh_desk() is True
    assert any(not load_thread(store, sid).empty for sid in ids)  # type: ignore[union-attr]
    for sid in ids:
        assert store.stored_thread(sid) is not None, sid
        _same_thread(store, sid)


def test_a_stored_thread_comes_with_the_rows_story_rows_gives(
    desk: tuple[Store, list[str]],
) -> None:
    store, ids = desk
    assert store.stored_thread_rows(ids[0], NOW) is None  # nothing stored yet
    store.refresh_desk()
    linked = 0
    for sid in ids:
        stored = store.stored_thread_rows(sid, NOW)
        assert stored is not None and stored[0] == store.stored_thread(sid)
        thread, rows = stored
        wanted = [sid, *thread.earlier, *thread.later, *thread.related]
        expected = store.story_rows(wanted, NOW)  # the same rows, scores included
        assert sorted(rows, key=lambda r: r.story) == sorted(expected, key=lambda r: r.story)
        linked += len(rows) - 1
    assert linked > len(ids)  # the stories have threads to read


@pytest.mark.parametrize("options", [DeskOptions(), SPORT_DESK], ids=["default", "custom"])
def test_stored_sections_file_every_story_as_section_of_does(
    desk: tuple[Store, list[str]], options: DeskOptions
) -> None:
    store, ids = desk
    store.refresh_desk(options)
    rows = store.story_rows(ids)
    places = store.story_places(ids)
    expected = {
        r.story: section_of(r.tags, r.headline, r.summary_text, places.get(r.story, ()), options)
        for r in rows
    }
    assert store.stored_sections(ids, options) == expected
    assert len(set(expected.values())) > 1  # the check compares several sections
    other = SPORT_DESK if options == DeskOptions() else DeskOptions()
    assert store.stored_sections(ids, other) is None  # filed under other options: not used


def test_the_front_page_from_stored_sections_equals_the_computed_one(
    desk: tuple[Store, list[str]],
) -> None:
    store, _ = desk
    store.refresh_desk()
    pool, listing = front_pool(store, NOW)
    assert front_page(store, pool, DeskOptions()) == load_front(store, DeskOptions(), NOW)
    computed = load_listing(store)
    assert [r.story for r in listing.rows] == [r.story for r in computed.rows]
    assert (listing.total, listing.pages, listing.title, listing.base) == (
        computed.total,
        computed.pages,
        computed.title,
        computed.base,
    )


@pytest.mark.parametrize("options", [DeskOptions(), SPORT_DESK], ids=["default", "custom"])
def test_the_front_page_from_the_stored_ranking_equals_the_computed_one_as_time_passes(
    desk: tuple[Store, list[str]], options: DeskOptions
) -> None:
    store, _ = desk
    store.refresh_desk(options)
    built = datetime.now(UTC)
    for later in (built, built + timedelta(hours=5), built + timedelta(days=400)):
        stored = store.stored_front(options, later)
        assert stored is not None
        page, listing = front(store, options, later)
        assert page == load_front(store, options, later)  # same rows, scores, sections, lead
        ranked = store.list_stories(limit=len(stored[0]) + 5, now=later)
        assert [r.story for r in stored[0]] == [r.story for r in ranked][: len(stored[0])]
        assert list(listing.rows) == ranked[: len(listing.rows)]
        assert (listing.total, listing.pages) == (
            store.count_stories(),
            load_listing(store).pages,
        )


def test_a_story_dated_ahead_of_the_clock_keeps_the_front_page_ranked_per_request(
    desk: tuple[Store, list[str]],
) -> None:
    store, _ = desk
    ahead = replace(sample_article(94, 0), published=datetime.now(UTC) + timedelta(days=2))
    add_story(store, story_id(94), [ahead], ("Lisbon",))
    store.refresh_desk()
    assert store.stored_sections([story_id(94)]) is not None  # the rest is stored
    assert store.stored_front() is None  # its place changes as the clock reaches it
    now = datetime.now(UTC)
    page, _ = front(store, DeskOptions(), now)
    assert page == load_front(store, DeskOptions(), now)


def test_a_write_makes_the_stored_ranking_stale(desk: tuple[Store, list[str]]) -> None:
    store, _ = desk
    store.refresh_desk()
    assert store.stored_front() is not None
    add_story(store, story_id(95), [sample_article(95, 0), sample_article(95, 1)], ("Lisbon",))
    assert store.stored_front() is None
    now = datetime.now(UTC)
    page, _ = front(store, DeskOptions(), now)  # ranked per request, with the new story
    assert page == load_front(store, DeskOptions(), now)
    assert story_id(95) in {r.story for r in store.list_stories(limit=100, now=now)}


def test_a_changed_story_makes_the_stored_links_stale_until_the_next_refresh(
    desk: tuple[Store, list[str]],
) -> None:
    store, ids = desk
    store.refresh_desk()
    assert store.refresh_desk() is False  # nothing changed: nothing to do
    # story 3 takes the tags of the Lisbon thread: its thread and section change
    articles = store.articles(store.story_article_ids(story_id(3)))
    store.save_brief(sample_brief(story_id(3), articles, ("Lisbon Harbour Bridge", "Lisbon")))
    assert store.stored_thread(story_id(0)) is None
    assert store.stored_sections(ids) is None
    assert store.refresh_desk() is True
    assert story_id(3) in store.stored_thread(story_id(0)).earlier  # type: ignore[union-attr]
    for sid in ids:
        _same_thread(store, sid)


def test_new_assignments_make_the_stored_links_stale(desk: tuple[Store, list[str]]) -> None:
    store, _ = desk
    store.refresh_desk()
    article = sample_article(0, 7)
    store.add_article(article)
    store.save_assignments([(article.id, story_id(0))], [], None)
    assert store.stored_thread(story_id(8)) is None
    store.refresh_desk()
    _same_thread(store, story_id(8))


def test_build_stores_the_links_after_writing_briefs(
    desk: tuple[Store, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, ids = desk
    monkeypatch.setattr(pipeline, "write_briefs", lambda *args: args[1])
    assert store.stored_thread(ids[0]) is None
    pipeline.build(store, RunReport(), desk_options=SPORT_DESK)
    assert store.stored_thread(ids[0]) is not None
    assert store.stored_sections(ids, SPORT_DESK) is not None


def test_an_empty_desk_stores_empty_links_once(store: Store) -> None:
    assert store.stored_sections([]) is None  # never built: pages compute
    assert store.refresh_desk() is True
    assert store.refresh_desk() is False
    assert store.stored_sections([]) == {}
    assert store.stored_thread(story_id(0)) is None
