"""Story listings: ranking, filters, full-text search and hostile queries."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glimpse.models import Article, Brief, BriefSentence, SupportRef
from glimpse.store import Store, rank_score

MakeArticle = Callable[..., Article]
MakeBrief = Callable[..., Brief]
NOW = datetime(2026, 11, 21, tzinfo=UTC)


@pytest.fixture
def desk(store: Store, make_article: MakeArticle, make_brief: MakeBrief) -> Store:
    """Three briefed stories: volcano (2 outlets, newest), election (1 outlet), flood (1)."""
    articles = [
        make_article(1, source="Reykjavik Post", published=datetime(2026, 11, 20, 10, tzinfo=UTC)),
        make_article(2, source="Nordic Wire", published=datetime(2026, 11, 20, 12, tzinfo=UTC)),
        make_article(3, source="Capital Times", published=datetime(2026, 11, 19, tzinfo=UTC)),
        make_article(4, source="Nordic Wire", published=datetime(2026, 11, 18, tzinfo=UTC)),
    ]
    for article in articles:
        store.add_article(article)
    store.save_assignments(
        [("a1", "volcano"), ("a2", "volcano"), ("a3", "vote"), ("a4", "flood")], [], None
    )
    ref = (SupportRef("a3", 0),)
    store.save_brief(make_brief("volcano"))
    store.save_brief(
        make_brief(
            "vote",
            "a3",
            headline="Parliament holds snap election",
            summary=(BriefSentence("Voters went to the polls early.", ref),),
            body=((BriefSentence("Turnout was reported as unusually high.", ref),),),
            tags=("snap election", "Iceland"),
        )
    )
    store.save_brief(
        make_brief(
            "flood",
            "a4",
            headline="River floods valley",
            summary=(BriefSentence("The river burst its banks.", (SupportRef("a4", 0),)),),
            body=(),
            tags=("flood",),
        )
    )
    return store


def _ids(rows: list) -> list[str]:  # type: ignore[type-arg]
    return [r.story for r in rows]


def test_front_page_ranks_by_recency_and_outlets(desk: Store) -> None:
    rows = desk.list_stories(now=NOW)
    assert _ids(rows) == ["volcano", "vote", "flood"]
    volcano = rows[0]
    assert (volcano.outlets, volcano.articles) == (2, 2)
    assert volcano.updated_at == datetime(2026, 11, 20, 12, tzinfo=UTC)
    assert volcano.tags == ("volcano eruption", "Iceland")
    assert volcano.summary_text == "A volcano erupted near the town on Monday."
    assert volcano.score == pytest.approx(rank_score(volcano.updated_at, 2, NOW))


def test_rank_score_trades_twelve_hours_for_each_doubling_of_outlets() -> None:
    fresh_single = rank_score(NOW - timedelta(hours=1), 1, NOW)
    older_double = rank_score(NOW - timedelta(hours=13), 2, NOW)
    assert fresh_single == pytest.approx(-1.0)
    assert older_double == pytest.approx(fresh_single)
    assert rank_score(NOW, 8, NOW) == pytest.approx(36.0)


def test_rank_score_prefers_newer_and_wider_stories() -> None:
    assert rank_score(NOW, 1, NOW) > rank_score(NOW - timedelta(hours=2), 1, NOW)
    assert rank_score(NOW, 3, NOW) > rank_score(NOW, 2, NOW)
    assert rank_score(None, 50, NOW) < rank_score(datetime(1990, 1, 1, tzinfo=UTC), 1, NOW)
    assert rank_score(NOW + timedelta(days=3), 1, NOW) == rank_score(NOW, 1, NOW)
    assert math.isfinite(rank_score(None, 0, NOW))


def test_tag_filter_matches_tags_exactly(desk: Store) -> None:
    assert _ids(desk.list_stories(tag="Iceland", now=NOW)) == ["volcano", "vote"]
    assert desk.list_stories(tag="iceland") == []
    assert desk.list_stories(tag="snap") == []
    assert desk.count_stories(tag="Iceland") == 2


def test_outlet_filter_matches_any_article_of_the_story(desk: Store) -> None:
    assert _ids(desk.list_stories(outlet="Nordic Wire", now=NOW)) == ["volcano", "flood"]
    assert desk.count_stories(outlet="Capital Times") == 1
    assert desk.list_stories(outlet="Nobody") == []


def test_since_keeps_stories_updated_at_or_after_it(desk: Store) -> None:
    since = datetime(2026, 11, 19, tzinfo=UTC)
    assert _ids(desk.list_stories(since=since, now=NOW)) == ["volcano", "vote"]
    assert desk.count_stories(since=since) == 2


def test_query_finds_a_story_by_a_word_of_its_body(desk: Store) -> None:
    assert _ids(desk.list_stories(query="turnout")) == ["vote"]
    assert _ids(desk.list_stories(query="harbour lava")) == ["volcano"]
    assert desk.count_stories(query="turnout") == 1


def test_query_stems_words_and_searches_article_text(desk: Store) -> None:
    assert _ids(desk.list_stories(query="floods")) == ["flood"]
    assert _ids(desk.list_stories(query="item 3")) == ["vote"]


def test_query_requires_every_word(desk: Store) -> None:
    assert desk.list_stories(query="turnout harbour") == []


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        '"unbalanced',
        "lava*",
        "*",
        "NEAR(",
        "NEAR(lava harbour",
        "(((",
        "lava)",
        "a OR",
        "AND",
        "NOT lava",
        "^lava",
        "headline:lava",
        "'; DROP TABLE stories; --",
        "",
        "   ",
        "-",
    ],
)
def test_hostile_queries_never_raise(desk: Store, hostile: str) -> None:
    rows = desk.list_stories(query=hostile)
    assert desk.count_stories(query=hostile) == len(rows)
    assert desk.count_stories() == 3


def test_punctuated_query_still_finds_its_words(desk: Store) -> None:
    assert _ids(desk.list_stories(query='NEAR("lava*')) == ["volcano"]


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40))
def test_any_text_is_a_safe_query(desk: Store, text: str) -> None:
    # The fixture is only read here, so sharing it between examples is safe.
    rows = desk.list_stories(query=text)
    assert set(_ids(rows)) <= {"volcano", "vote", "flood"}
    assert desk.count_stories(query=text) == len(rows)


def test_filters_combine(desk: Store) -> None:
    assert _ids(desk.list_stories(tag="Iceland", outlet="Nordic Wire", query="lava")) == ["volcano"]
    assert desk.list_stories(tag="flood", outlet="Capital Times") == []


def test_pagination_walks_the_ranking(desk: Store) -> None:
    pages = [_ids(desk.list_stories(limit=2, offset=o, now=NOW)) for o in (0, 2, 4)]
    assert pages == [["volcano", "vote"], ["flood"], []]


def test_stories_without_a_brief_are_not_listed(desk: Store, make_article: MakeArticle) -> None:
    desk.add_article(make_article(5))
    desk.save_assignments([("a5", "fresh")], [], None)
    assert "fresh" not in _ids(desk.list_stories())
    assert desk.count_stories() == 3


def test_merged_story_leaves_the_listing(desk: Store) -> None:
    desk.save_assignments([], [("flood", "vote")], None)
    assert _ids(desk.list_stories(now=NOW)) == ["volcano", "vote"]
    assert desk.list_stories(query="banks") == []
    assert desk.list_stories(query="item 4") != []


def test_tags_are_counted_by_story_most_first(desk: Store) -> None:
    assert desk.tags() == [
        ("Iceland", 2),
        ("flood", 1),
        ("snap election", 1),
        ("volcano eruption", 1),
    ]


def test_outlets_are_counted_by_story_most_first(desk: Store) -> None:
    assert desk.outlets() == [("Nordic Wire", 2), ("Capital Times", 1), ("Reykjavik Post", 1)]


def test_new_brief_version_replaces_tags_and_search_text(
    desk: Store, make_brief: MakeBrief
) -> None:
    desk.save_brief(make_brief("volcano", tags=("eruption",), headline="Ash cloud grounds flights"))
    assert desk.list_stories(tag="volcano eruption") == []
    assert _ids(desk.list_stories(tag="eruption")) == ["volcano"]
    assert _ids(desk.list_stories(query="ash flights")) == ["volcano"]


@settings(max_examples=200, deadline=None)
@given(
    hours=st.one_of(st.none(), st.floats(min_value=-48, max_value=5000)),
    outlets=st.integers(min_value=0, max_value=500),
)
def test_the_sql_rank_is_rank_score(hours: float | None, outlets: int) -> None:
    """SQLite ranks with :func:`rank_sql`'s expression: it must give :func:`rank_score`."""
    import sqlite3

    from glimpse.store.connection import stamp
    from glimpse.store.search import rank_sql, register

    now = datetime(2024, 6, 1, 12, tzinfo=UTC)
    updated = None if hours is None else now - timedelta(hours=hours)
    conn = sqlite3.connect(":memory:")
    register(conn)
    [(got,)] = conn.execute(
        f"SELECT {rank_sql(':u', ':o', ':n')}",
        {"u": stamp(updated), "o": outlets, "n": stamp(now)},
    ).fetchall()
    assert math.isclose(got, rank_score(updated, outlets, now), abs_tol=1e-3)
