"""The stored rank key: listings found through its index rank exactly as scoring every story.

:func:`glimpse.store.search.list_stories` keeps only the stories whose stored ``rank_key`` can
reach the asked page (plus those without a time or dated after ``now``) and ranks those; the
pages must be the rows, in the order, that ranking the whole desk gives, on both backends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from glimpse.models import Article, Brief
from glimpse.store import Store, StoryRow
from glimpse.store import search as search_module
from glimpse.store.connection import Connection
from glimpse.store.schema import MIGRATIONS, migrate

MakeArticle = Callable[..., Article]
MakeBrief = Callable[..., Brief]
NOW = datetime(2026, 11, 21, tzinfo=UTC)
OUTLETS = ("Alpha", "Beta", "Gamma", "Delta")


def _desk(store: Store, make_article: MakeArticle, make_brief: MakeBrief) -> None:
    """24 stories built to tie: story ``k`` has ``1 + k % 4`` outlets and is ``6 * (k // 3)``
    hours old, so a two-outlet story 12 hours older scores like a one-outlet one (the same
    for four outlets and 24 hours), several stories share a time and an outlet count, and
    story 23 is dated two days after ``NOW``."""
    assignments = []
    n = 0
    for k in range(24):
        when = NOW - timedelta(hours=6 * (k // 3)) if k != 23 else NOW + timedelta(days=2)
        for j in range(1 + k % 4):
            n += 1
            store.add_article(make_article(n, source=OUTLETS[j], published=when))
            assignments.append((f"a{n}", f"s{k:02d}"))
    store.save_assignments(assignments, [], None)
    first = {story: article for article, story in reversed(assignments)}
    for k in range(24):
        tags = ("even",) if k % 2 == 0 else ("odd",)
        store.save_brief(make_brief(f"s{k:02d}", first[f"s{k:02d}"], tags=tags))


def _whole(store: Store, monkeypatch: pytest.MonkeyPatch, **kwargs: object) -> list[StoryRow]:
    """The listing as ranked before the key: every matching story scored."""
    with monkeypatch.context() as patch:
        patch.setattr(search_module, "RANK_KEY_DEPTH", 0)
        return store.list_stories(**kwargs)  # type: ignore[arg-type]


@pytest.fixture
def tied_desk(store: Store, make_article: MakeArticle, make_brief: MakeBrief) -> Store:
    _desk(store, make_article, make_brief)
    return store


@pytest.mark.parametrize("hours_later", [0, -30, 1000])
def test_pages_found_by_the_key_are_the_pages_of_the_whole_ranking(
    tied_desk: Store, monkeypatch: pytest.MonkeyPatch, hours_later: int
) -> None:
    now = NOW + timedelta(hours=hours_later)  # -30: several stories are dated after now
    pages = [(1, 0), (3, 0), (5, 5), (7, 3), (4, 20), (60, 0)]
    filters: list[dict[str, object]] = [{}, {"tag": "even"}, {"outlet": "Gamma"}]
    for limit, offset in pages:
        for where in filters:
            asked = dict(limit=limit, offset=offset, now=now, **where)
            expected = _whole(tied_desk, monkeypatch, **asked)
            assert tied_desk.list_stories(**asked) == expected, asked  # type: ignore[arg-type]
    assert len(tied_desk.list_stories(limit=60, now=now)) == 24


def test_a_story_that_gains_outlets_moves_up_through_its_stored_key(
    tied_desk: Store, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = "s21"  # one of the oldest stories, with two outlets
    assert old not in [r.story for r in tied_desk.list_stories(limit=5, now=NOW)]
    for n, source in ((901, "Epsilon"), (902, "Zeta"), (903, "Eta"), (904, "Theta")):
        tied_desk.add_article(make_article(n, source=source, published=NOW))
    tied_desk.save_assignments([(f"a{n}", old) for n in range(901, 905)], [], None)
    top = tied_desk.list_stories(limit=5, now=NOW)
    assert top[0].story == old
    assert top == _whole(tied_desk, monkeypatch, limit=5, now=NOW)


def test_a_story_without_a_time_is_still_listed_last(
    tied_desk: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with tied_desk._db.write() as conn:  # as a desk written before stories had times
        conn.execute("UPDATE stories SET updated_at = NULL, rank_key = NULL WHERE id = 's00'")
    rows = tied_desk.list_stories(limit=60, now=NOW)
    assert rows[-1].story == "s00"
    assert rows == _whole(tied_desk, monkeypatch, limit=60, now=NOW)


def test_upgrading_an_older_database_fills_the_rank_key(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Connection(path)
    migrate(old, tuple(m for m in MIGRATIONS if m.number < 8))
    with old.write() as conn:
        conn.execute(
            "INSERT INTO stories (id, updated_at, outlet_count, article_count, brief_version)"
            " VALUES ('s1', '1970-01-02T00:00:00.000000Z', 4, 4, 1)"
        )
    old.close()
    Store(path).close()
    with sqlite3.connect(path) as conn:
        (key,) = conn.execute("SELECT rank_key FROM stories").fetchone()
    assert key == pytest.approx(24 + 12 * 2)  # a day after the epoch, two doublings of outlets
