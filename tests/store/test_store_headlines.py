"""Headline articles in the store: the ``kind`` column (migration 7), and a headline taken
over by its full article when the page arrives later."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from glimpse.compose.headlines import headlines_brief
from glimpse.extract import article_from_text, headline_article
from glimpse.models import Article, Features, Writer
from glimpse.store import Store
from glimpse.store.connection import Connection
from glimpse.store.schema import MIGRATIONS, applied, migrate

Rows = Callable[..., list[tuple[Any, ...]]]
URL = "https://harbour.example/pier"
WHEN = datetime(2026, 6, 2, 10, tzinfo=UTC)
TEXT = (
    "The harbour authority said on Tuesday that the northern pier will close for repairs next "
    "month. Divers found cracks in three of its oldest pillars."
)


def _headline() -> Article:
    return headline_article("Pier to close", url=URL, source="Harbour News", published=WHEN)


def test_migration_7_adds_kind_to_an_old_desk_and_a_skipped_number_still_runs_later(
    tmp_path: Path,
) -> None:
    db = Connection(tmp_path / "old.db")
    migrate(db, tuple(m for m in MIGRATIONS if m.number <= 5))
    with db.write() as conn:
        conn.execute(
            "INSERT INTO articles (id, title, text, stored_at, json) VALUES ('a1', 't', 'b', 's',"
            ' \'{"id": "a1"}\')'
        )
    upto7 = tuple(m for m in MIGRATIONS if m.number <= 7)
    assert migrate(db, tuple(m for m in upto7 if m.number != 6)) == [7]
    assert migrate(db, upto7) == [6]  # the runner applies each missing number, not only later ones
    with db.read() as conn:
        assert applied(conn)[-2:] == [6, 7]
    db.close()
    with sqlite3.connect(tmp_path / "old.db") as conn:
        assert conn.execute("SELECT kind FROM articles").fetchall() == [("article",)]


def test_a_headline_round_trips_and_its_url_does_not_count_as_fetched(
    store: Store, rows: Rows
) -> None:
    head = _headline()
    assert store.add_article(head, Features(article=head.id)) is True
    assert store.add_article(_headline()) is False  # the same headline again
    assert store.articles([head.id]) == [head]
    assert rows("SELECT kind, text FROM articles") == [("headline", "")]
    assert store.url_stored_at(URL) is None  # a feed will try the page again


def test_the_full_article_of_a_stored_headline_takes_its_place_and_its_story_is_rebriefed(
    store: Store, rows: Rows
) -> None:
    head = _headline()
    store.add_article(head, Features(article=head.id))
    store.save_assignments([(head.id, "s1")], [], None)
    store.save_brief(headlines_brief("s1", [head], Writer()))
    assert store.dirty_stories() == []
    full = article_from_text("Pier to close for repairs", TEXT, url=URL, source="Harbour News",
                             published=WHEN)  # fmt: skip
    assert store.has_article(full) is False
    assert store.add_article(full, Features(article=full.id, tags=("pier",))) is True
    [stored] = store.articles([head.id])
    assert stored.kind == "article" and stored.text == TEXT and stored.sentences
    assert store.features([head.id])[0].tags == ("pier",)
    assert store.story_article_ids("s1") == [head.id]
    assert store.dirty_stories() == ["s1"]
    assert store.url_stored_at(URL) is not None
    assert store.add_article(full) is False  # now it is a duplicate like any other
    assert rows("SELECT kind FROM articles") == [("article",)]
