"""Articles and their features: insert once (by id, URL or text), read back in order.

Articles are stored as the JSON of :func:`glimpse.serialize.article_to_dict` plus the columns
queries need. Duplicates are found by id, by any stored ``url``/``canonical_url``, or by the
hash of the whitespace-collapsed, case-folded body text.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from array import array
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import psycopg

from glimpse.errors import StoreError
from glimpse.models import Article, Features
from glimpse.serialize import article_from_dict, article_to_dict, entity_from_dict, entity_to_dict
from glimpse.store.connection import now_stamp, stamp, unstamp
from glimpse.store.dialect import Conn, is_pg
from glimpse.store.headlines import stored_headline, upgrade_features, upgrade_headline
from glimpse.store.pg_schema import CONFIG, search_text


def text_hash(text: str) -> str | None:
    """The duplicate key of a body: sha256 of its case-folded words; None for an empty body."""
    normal = " ".join(text.casefold().split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest() if normal else None


def article_urls(article: Article) -> list[str]:
    """The distinct, non-empty URLs an article is known by (``canonical_url`` first)."""
    urls = [u.strip() for u in (article.canonical_url, article.url) if u and u.strip()]
    return list(dict.fromkeys(urls))


def is_stored(conn: Conn, article: Article) -> bool:
    """True when the id, any of the URLs or the text hash is already stored (a stored
    headline article does not hold back its full article: :mod:`glimpse.store.headlines`)."""
    digest = text_hash(article.text)
    if digest and conn.execute("SELECT 1 FROM articles WHERE text_hash = ?", (digest,)).fetchone():
        return True
    if stored_headline(conn, article, article_urls(article)) is not None:
        return False
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
        return True
    return any(
        conn.execute("SELECT 1 FROM article_urls WHERE url = ?", (url,)).fetchone()
        for url in article_urls(article)
    )


def add_article(conn: Conn, article: Article, features: Features | None) -> bool:
    """Insert ``article`` (or put it in the row of the headline article it is the page of)
    with its features; False, storing nothing, when it is already stored."""
    if is_stored(conn, article):
        return False
    urls = article_urls(article)
    old = stored_headline(conn, article, urls)
    if old is None:
        insert_article(conn, article)
    else:
        upgrade_headline(conn, old, article, urls, text_hash(article.text))
        features = upgrade_features(features, old)
    if features is not None:
        save_features(conn, features)
    return True


def url_stored_at(conn: Conn, url: str) -> datetime | None:
    """When the article known by ``url`` was fetched (else stored); None when no article is,
    or only a headline article (so a feed tries its page again)."""
    row = conn.execute(
        "SELECT COALESCE(a.fetched, a.stored_at) FROM article_urls u"
        " JOIN articles a ON a.id = u.article WHERE u.url = ? AND a.kind != 'headline'",
        (url.strip(),),
    ).fetchone()
    return unstamp(row[0]) if row else None


def insert_article(conn: Conn, article: Article) -> None:
    """Insert the article row and its URLs (the caller holds the transaction)."""
    conn.execute(
        "INSERT INTO articles (id, url, canonical_url, text_hash, title, text, source, published,"
        " fetched, stored_at, json, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            article.url,
            article.canonical_url,
            text_hash(article.text),
            article.title,
            article.text,
            article.source,
            stamp(article.published),
            stamp(article.fetched),
            now_stamp(),
            json.dumps(article_to_dict(article), ensure_ascii=False),
            article.kind,
        ),
    )
    for url in article_urls(article):
        conn.execute("INSERT INTO article_urls (url, article) VALUES (?, ?)", (url, article.id))
    if is_pg(conn):  # SQLite's FTS5 table follows by trigger; PostgreSQL's gets the words
        conn.execute(
            f"INSERT INTO articles_fts (article, doc) VALUES (?, to_tsvector('{CONFIG}', ?))",
            (article.id, search_text(article.title, article.text)),
        )


def row_to_article(row: sqlite3.Row | Sequence[Any]) -> Article:
    """``(json, fetched)`` back to an Article."""
    return article_from_dict(json.loads(row[0]), fetched=unstamp(row[1]))


def final_articles(
    rows: Sequence[Sequence[Any]],
) -> tuple[list[tuple[str, datetime]], list[Article]]:
    """The arrivals (as :func:`glimpse.store.stories.final_arrivals` gives them) of a final
    story and its articles themselves, from its rows of ``(id, stored_at, json, fetched)`` in
    arrival order (``ORDER BY a.stored_at, a.id``): a story page needs both."""
    arrivals = [(r[0], t) for r in rows if (t := unstamp(r[1])) is not None]
    return arrivals, [row_to_article(r[2:]) for r in rows]


def load_articles(conn: Conn, ids: Sequence[str]) -> list[Article]:
    """Articles in the order of ``ids``; ids not stored are left out."""
    found = _by_id(conn, "SELECT id, json, fetched FROM articles WHERE id IN ({})", ids)
    return [row_to_article(found[i][1:]) for i in ids if i in found]


def _by_id(conn: Conn, sql: str, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """Rows keyed by their first column, fetched in chunks below SQLite's variable limit."""
    unique = list(dict.fromkeys(ids))
    rows: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        query = sql.format(", ".join("?" * len(chunk)))
        rows.update((r[0], tuple(r)) for r in conn.execute(query, chunk))
    return rows


def _pack(values: Sequence[float] | Sequence[int], code: str) -> bytes | None:
    if not values:
        return None
    packed = array(code, values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def _unpack(blob: bytes | None, code: str) -> tuple[Any, ...]:
    if not blob:
        return ()
    packed = array(code)
    packed.frombytes(blob)
    if sys.byteorder == "big":
        packed.byteswap()
    return tuple(packed)


def save_features(conn: Conn, features: Features) -> None:
    """Insert or replace one article's features (vector as little-endian float32, minhash int64)."""
    try:
        vector = _pack(features.vector, "f")
        minhash = _pack(features.minhash, "q")
    except (OverflowError, TypeError) as exc:
        raise StoreError(f"cannot pack features: {exc}", features.article) from exc
    try:
        conn.execute(
            "INSERT INTO features (article, entities, keyphrases, tags, vector, minhash)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article) DO UPDATE SET"
            " entities = excluded.entities, keyphrases = excluded.keyphrases,"
            " tags = excluded.tags, vector = excluded.vector, minhash = excluded.minhash",
            (
                features.article,
                json.dumps([entity_to_dict(e) for e in features.entities], ensure_ascii=False),
                json.dumps(list(features.keyphrases), ensure_ascii=False),
                json.dumps(list(features.tags), ensure_ascii=False),
                vector,
                minhash,
            ),
        )
    except (sqlite3.IntegrityError, psycopg.IntegrityError) as exc:
        raise StoreError("features for an article that is not stored", features.article) from exc


def load_features(conn: Conn, ids: Sequence[str]) -> list[Features]:
    """Features in the order of ``ids``: empty Features for a stored article without any;
    ids that are not stored articles are left out."""
    known = _by_id(conn, "SELECT id FROM articles WHERE id IN ({})", ids)
    rows = _by_id(
        conn,
        "SELECT article, entities, keyphrases, tags, vector, minhash FROM features"
        " WHERE article IN ({})",
        ids,
    )
    return [
        _row_to_features(rows[i]) if i in rows else Features(article=i) for i in ids if i in known
    ]


def _row_to_features(row: tuple[Any, ...]) -> Features:
    return Features(
        article=row[0],
        entities=tuple(entity_from_dict(e) for e in json.loads(row[1])),
        keyphrases=tuple(json.loads(row[2])),
        tags=tuple(json.loads(row[3])),
        vector=_unpack(row[4], "f"),
        minhash=_unpack(row[5], "q"),
    )


def unclustered(conn: Conn) -> list[Article]:
    """Articles with no story yet, oldest published first (unknown times last), then by id."""
    rows = conn.execute(
        "SELECT a.json, a.fetched FROM articles a LEFT JOIN assignments s ON s.article = a.id"
        " WHERE s.article IS NULL ORDER BY a.published IS NULL, a.published, a.id"
    ).fetchall()
    return [row_to_article(r) for r in rows]
