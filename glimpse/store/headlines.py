"""A stored headline article replaced by its full article when the page arrives later.

A feed item whose page could not be fetched is stored as a headline article (README,
"Headline articles"). Its URL does not count as stored for the feed's next read (see
:func:`glimpse.store.articles.url_stored_at`), so ``watch`` tries the page again; when it is
fetched, the full article takes the headline's row in place: same id (so its story, and the
story's cluster state, are kept), its text, sentences, features and URLs, and the story is
marked for a new brief, which is now written from it.
"""

from __future__ import annotations

import json
from dataclasses import replace

from glimpse.models import Article, Features
from glimpse.serialize import article_to_dict
from glimpse.store.connection import stamp
from glimpse.store.dialect import Conn, is_pg
from glimpse.store.pg_schema import CONFIG, search_text
from glimpse.store.stories import refresh, resolve


def stored_headline(conn: Conn, article: Article, urls: list[str]) -> str | None:
    """The id of the stored headline article that full ``article`` is the page of (same id,
    or one of its ``urls``); None for a headline ``article`` or when there is none."""
    if article.is_headline:
        return None
    ids = [article.id]
    for url in urls:
        ids += [
            r[0] for r in conn.execute("SELECT article FROM article_urls WHERE url = ?", (url,))
        ]
    for article_id in dict.fromkeys(ids):
        row = conn.execute(
            "SELECT id FROM articles WHERE id = ? AND kind = 'headline'", (article_id,)
        ).fetchone()
        if row:
            return str(row[0])
    return None


def upgrade_headline(
    conn: Conn, old_id: str, article: Article, urls: list[str], text_hash: str | None
) -> Article:
    """Put full ``article`` in the row of headline ``old_id`` (the caller holds the
    transaction and saves the features under ``old_id``); returns the article as stored."""
    article = replace(article, id=old_id)
    conn.execute(
        "UPDATE articles SET url = ?, canonical_url = ?, text_hash = ?, title = ?, text = ?,"
        " source = ?, published = ?, fetched = ?, json = ?, kind = ? WHERE id = ?",
        (
            article.url,
            article.canonical_url,
            text_hash,
            article.title,
            article.text,
            article.source,
            stamp(article.published),
            stamp(article.fetched),
            json.dumps(article_to_dict(article), ensure_ascii=False),
            article.kind,
            old_id,
        ),
    )
    for url in urls:
        conn.execute(
            "INSERT INTO article_urls (url, article) VALUES (?, ?) ON CONFLICT (url) DO NOTHING",
            (url, old_id),
        )
    if is_pg(conn):  # SQLite's FTS5 table follows by trigger; PostgreSQL's gets the words
        conn.execute(
            f"UPDATE articles_fts SET doc = to_tsvector('{CONFIG}', ?) WHERE article = ?",
            (search_text(article.title, article.text), old_id),
        )
    _rebrief(conn, old_id)
    return article


def upgrade_features(features: Features | None, old_id: str) -> Features | None:
    return replace(features, article=old_id) if features is not None else None


def _rebrief(conn: Conn, article_id: str) -> None:
    """Mark the article's story for a new brief; its times and outlet count are recomputed
    (the page may date the story or name its outlet differently from the feed)."""
    row = conn.execute("SELECT story FROM assignments WHERE article = ?", (article_id,)).fetchone()
    story = resolve(conn, row[0]) if row else None
    if story is not None:
        refresh(conn, story)
        conn.execute("UPDATE stories SET brief_members = NULL WHERE id = ?", (story,))
