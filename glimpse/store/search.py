"""Story listings: filters, full-text search and the front-page ranking.

Ranking (:func:`rank_score`) is measured in hours: a story's score is minus its age in hours
plus :data:`OUTLET_BOOST_HOURS` for every doubling of the number of distinct outlets that
cover it. One outlet adds nothing; two count like a story 12 hours fresher, four like one
24 hours fresher, eight 36 hours. Ties go to the newer story, then to the smaller id.

Search terms are reduced to words and each is quoted, so no user input can reach FTS5 as
syntax (``"``, ``*``, ``NEAR(``, ``)`` are just separators); every word must match, in the
brief (headline, summary, body, tags) or in the text of one of the story's articles.
PostgreSQL matches the same words with ``tsvector`` (see :mod:`glimpse.store.pg_schema`).
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
from datetime import UTC, datetime
from typing import Any

from glimpse.store.connection import stamp, unstamp
from glimpse.store.dialect import Conn, is_pg
from glimpse.store.pg_schema import CONFIG, tsquery
from glimpse.store.records import StoryRow

OUTLET_BOOST_HOURS = 12.0
UNKNOWN_AGE_HOURS = 1e6
MAX_TERMS = 16
SQLITE_MAX_INT = 2**63 - 1  # a bigger Python int raises OverflowError at the SQLite boundary
_WORD = re.compile(r"\w+", re.UNICODE)


def rank_score(updated_at: datetime | None, outlets: int, now: datetime) -> float:
    """Front-page score, higher first: ``12 * log2(max(outlets, 1)) - age_in_hours``.

    Ages below zero (clock skew, future dates) count as zero; a story without a time counts
    as a million hours old.
    """
    if updated_at is None:
        age = UNKNOWN_AGE_HOURS
    else:
        if updated_at.tzinfo is None:
            updated_at = updated_at.replace(tzinfo=UTC)
        age = max(0.0, (now - updated_at).total_seconds() / 3600)
    return OUTLET_BOOST_HOURS * math.log2(max(outlets, 1)) - age


def rank_sql(updated_at: str, outlets: str, now: str, pg: bool = False) -> str:
    """:func:`rank_score` as an SQL expression over the given column/parameter names: native
    SQL ranks 1,000 stories several times faster than calling Python once per row. PostgreSQL
    has its own ``glimpse_rank`` SQL function (``pg_schema.PG_RANK``)."""
    if pg:
        return f"glimpse_rank({updated_at}, {outlets}, {now})"
    return (
        f"({OUTLET_BOOST_HOURS!r} * log2(max(coalesce({outlets}, 0), 1))"
        f" - coalesce(max(0.0, (julianday({now}) - julianday({updated_at})) * 24.0),"
        f" {UNKNOWN_AGE_HOURS!r}))"
    )


def register(conn: sqlite3.Connection) -> None:
    """Give :func:`rank_sql` a ``log2`` where this SQLite was built without its math
    functions."""
    try:
        conn.execute("SELECT log2(2)")
    except sqlite3.OperationalError:
        conn.create_function("log2", 1, math.log2, deterministic=True)


def fts_query(text: str, pg: bool = False) -> str | None:
    """A safe FTS5 MATCH expression (or PostgreSQL ``to_tsquery`` text with ``pg``): every
    word quoted, all required; None without words."""
    words = _WORD.findall(text or "")[:MAX_TERMS]
    if pg:
        return tsquery(words)
    return " AND ".join(f'"{w}"' for w in words) if words else None


_LIVE = "st.brief_version IS NOT NULL AND st.merged_into IS NULL AND st.article_count > 0"
#: :data:`_LIVE` for stories picked by id (``st.id IN (...)``): the same test, written so that
#: SQLite looks the ids up by primary key. Without ANALYZE statistics it takes ``merged_into IS
#: NULL`` for a selective use of ``stories_merged_into`` and walks every unmerged story (a story
#: page's 17 thread rows cost 1,000 row visits on a 1,000-story desk). A merged story's
#: ``merged_into`` is a story id, never empty.
_LIVE_BY_ID = (
    "st.brief_version IS NOT NULL AND coalesce(st.merged_into, '') = '' AND st.article_count > 0"
)
_MATCHING = """st.id IN (
    SELECT story FROM briefs_fts WHERE briefs_fts MATCH :q
    UNION
    SELECT s3.story FROM articles_fts JOIN articles a3 ON a3.rowid = articles_fts.rowid
    JOIN assignments s3 ON s3.article = a3.id WHERE articles_fts MATCH :q
)"""
_PG_MATCHING = f"""st.id IN (
    SELECT story FROM briefs_fts WHERE doc @@ to_tsquery('{CONFIG}', :q)
    UNION
    SELECT s3.story FROM articles_fts f3 JOIN assignments s3 ON s3.article = f3.article
    WHERE f3.doc @@ to_tsquery('{CONFIG}', :q)
)"""


def _where(
    tag: str | None,
    query: str | None,
    since: datetime | None,
    outlet: str | None,
    pg: bool = False,
) -> tuple[str, dict[str, Any]] | None:
    """The WHERE clause and parameters of a listing; None when the query can match nothing."""
    clauses = [_LIVE]
    params: dict[str, Any] = {}
    if tag is not None:
        clauses.append("EXISTS (SELECT 1 FROM story_tags t WHERE t.story = st.id AND t.tag = :tag)")
        params["tag"] = tag
    if outlet is not None:
        clauses.append(
            "st.id IN (SELECT s2.story FROM articles a2 JOIN assignments s2 ON s2.article = a2.id"
            " WHERE a2.source = :outlet)"
        )
        params["outlet"] = outlet
    if since is not None:
        clauses.append("st.updated_at >= :since")
        params["since"] = stamp(since)
    if query is not None:
        match = fts_query(query, pg)
        if match is None:
            return None
        clauses.append(_PG_MATCHING if pg else _MATCHING)
        params["q"] = match
    return " AND ".join(clauses), params


def list_stories(
    conn: Conn,
    *,
    tag: str | None = None,
    query: str | None = None,
    since: datetime | None = None,
    outlet: str | None = None,
    limit: int = 50,
    offset: int = 0,
    now: datetime | None = None,
) -> list[StoryRow]:
    """Briefed, live stories matching every given filter, best :func:`rank_score` first."""
    where = _where(tag, query, since, outlet, is_pg(conn))
    if where is None or limit <= 0 or offset > SQLITE_MAX_INT:
        return []  # past any row SQLite can hold: an empty page, never an OverflowError
    clause, params = where
    limit = min(limit, SQLITE_MAX_INT)
    params.update(now=stamp(now or datetime.now(UTC)), limit=limit, offset=max(offset, 0))
    rank = rank_sql("st.updated_at", "st.outlet_count", ":now", is_pg(conn))
    rows = conn.execute(
        "SELECT st.id, st.headline, st.summary_text, st.tags, st.updated_at, st.outlet_count,"
        f" st.article_count, {rank} AS score"
        f" FROM stories st WHERE {clause}"
        " ORDER BY score DESC, st.updated_at DESC, st.id LIMIT :limit OFFSET :offset",
        params,
    ).fetchall()
    return [_row(r) for r in rows]


def _row(r: tuple[Any, ...]) -> StoryRow:
    return StoryRow(
        story=r[0],
        headline=r[1] or "",
        summary_text=r[2] or "",
        tags=tuple(json.loads(r[3] or "[]")),
        updated_at=unstamp(r[4]),
        outlets=int(r[5]),
        articles=int(r[6]),
        score=float(r[7]),
    )


def count_stories(
    conn: Conn,
    *,
    tag: str | None = None,
    query: str | None = None,
    since: datetime | None = None,
    outlet: str | None = None,
) -> int:
    """How many stories :func:`list_stories` would list without a limit."""
    where = _where(tag, query, since, outlet, is_pg(conn))
    if where is None:
        return 0
    clause, params = where
    row = conn.execute(
        f"SELECT COUNT(*) FROM stories st WHERE {clause}",
        params,
    ).fetchone()
    return int(row[0])


def tags(conn: Conn) -> list[tuple[str, int]]:
    """Each tag of a listed story with its number of stories, most first, then by name."""
    rows = conn.execute(
        "SELECT t.tag, COUNT(*) FROM story_tags t JOIN stories st ON st.id = t.story"
        f" WHERE {_LIVE} GROUP BY t.tag ORDER BY COUNT(*) DESC, t.tag"
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def outlets(conn: Conn) -> list[tuple[str, int]]:
    """Each outlet with the number of listed stories it has an article in, most first."""
    rows = conn.execute(
        "SELECT a.source, COUNT(DISTINCT st.id) FROM assignments s"
        " JOIN articles a ON a.id = s.article JOIN stories st ON st.id = s.story"
        f" WHERE a.source IS NOT NULL AND {_LIVE} GROUP BY a.source"
        " ORDER BY COUNT(DISTINCT st.id) DESC, a.source"
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]
