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
from functools import lru_cache
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


#: Hours from the Unix epoch to ``updated_at`` plus the outlet boost: the part of
#: :func:`rank_score` that does not depend on ``now``. For a story with a time not after
#: ``now``, ``rank_score = rank_key - hours(now)`` exactly, so the best-ranked stories are
#: those with the highest stored key, which an index finds without scoring the whole desk
#: (:func:`list_stories`). NULL for a story without a time. Kept by ``stories.refresh``.
_RANK_KEY = {
    False: f"((julianday(updated_at) - 2440587.5) * 24.0"
    f" + {OUTLET_BOOST_HOURS!r} * log2(max(coalesce(outlet_count, 0), 1)))",
    True: "(extract(epoch FROM updated_at::timestamptz)::float8 / 3600.0"
    f" + {OUTLET_BOOST_HOURS!r}::float8"
    " * (ln(greatest(coalesce(outlet_count, 0), 1)::float8) / ln(2.0::float8)))",
}
#: Hours the key-based cut stays below the last wanted key: far above the rounding of either
#: expression (about 1e-8 h), so it can only let a few more candidates through, never fewer.
RANK_KEY_MARGIN = 1e-3
#: Listings deeper than this many rows rank every story as before (a deep page visits most of
#: the desk anyway, and the OFFSET stays far from SQLite's integer bound).
RANK_KEY_DEPTH = 200


def rank_key_sql(pg: bool = False) -> str:
    """The SQL expression of a story's stored ``rank_key`` over its own columns."""
    return _RANK_KEY[pg]


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
    live: str = _LIVE,
) -> tuple[str, dict[str, Any]] | None:
    """The WHERE clause and parameters of a listing; None when the query can match nothing."""
    clauses = [live]
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
    if limit <= 0 or offset > SQLITE_MAX_INT:
        return []  # past any row SQLite can hold: an empty page, never an OverflowError
    limit, offset = min(limit, SQLITE_MAX_INT), max(offset, 0)
    # a search matches few stories: it is ranked whole; so are deep pages
    by_key = query is None and offset + limit <= RANK_KEY_DEPTH
    # by key, liveness is written so that SQLite walks the rank_key index (see _LIVE_BY_ID);
    # PostgreSQL's statistics know most stories are unmerged, and the plain form keeps that
    pg = is_pg(conn)
    where = _where(tag, query, since, outlet, pg, _LIVE_BY_ID if by_key and not pg else _LIVE)
    if where is None:
        return []
    clause, params = where
    params.update(now=stamp(now or datetime.now(UTC)), limit=limit, offset=offset)
    if by_key:
        params["floor"] = _rank_floor(conn, clause, params, offset + limit)
        clause += " AND (st.rank_key >= :floor OR st.rank_key IS NULL)"
    rank = rank_sql("st.updated_at", "st.outlet_count", ":now", pg)
    rows = conn.execute(
        "SELECT st.id, st.headline, st.summary_text, st.tags, st.updated_at, st.outlet_count,"
        f" st.article_count, {rank} AS score"
        f" FROM stories st WHERE {clause}"
        " ORDER BY score DESC, st.updated_at DESC, st.id LIMIT :limit OFFSET :offset",
        params,
    ).fetchall()
    return [_row(r) for r in rows]


def _rank_floor(conn: Conn, clause: str, params: dict[str, Any], depth: int) -> float:
    """The lowest ``rank_key`` a story can have and still be on the ranked page ``[offset,
    offset + limit)`` (``depth`` = offset + limit): stories at or above it (and those without
    a key) are the page's candidates, found through the ``rank_key`` index instead of scoring
    every story.

    ``K`` is the ``depth``-th highest key among the matching stories whose time is not after
    ``now``: their score is ``key - hours(now)``, so one with a key below ``K`` has at least
    ``depth`` stories strictly above it and cannot be on the page. A story dated after
    ``now`` (its age counts as zero) scores ``key - hours(now)`` minus how far ahead it is: if
    it belongs on the page, fewer than ``depth`` stories beat it, so ``K - hours(now)`` is at
    most its score, below its key — it is always kept. Stories without a time have no key and
    are kept. The page is then ranked exactly as before, by :func:`rank_sql`, over these
    candidates: the same rows in the same order.

    ``K`` is read by its own query and passed as a value: inside the listing query, as a
    subquery, PostgreSQL cannot know how few rows ``rank_key >= K`` keeps and scans the table
    (1.9 ms against 0.5 ms for the two queries at 1,000 stories). Callers that need the page
    consistent with a concurrent writer read it inside ``Store.snapshot()``, as the server does.
    """
    found = conn.execute(
        f"SELECT st.rank_key FROM stories st WHERE {clause} AND st.rank_key IS NOT NULL"
        " AND st.updated_at <= :now ORDER BY st.rank_key DESC LIMIT 1 OFFSET :last",
        {**params, "last": depth - 1},
    ).fetchone()
    return (float(found[0]) if found else -1e300) - RANK_KEY_MARGIN


@lru_cache(maxsize=16384)
def _tags(raw: str) -> tuple[str, ...]:
    """A story's stored tags (a JSON list). Memoised, like the time below: every page lists
    the same few hundred stories again, and these two parses were half of a row's cost (a
    front page reads 60 rows). Both results are immutable, so sharing them is safe."""
    return tuple(json.loads(raw))


@lru_cache(maxsize=16384)
def _time(raw: str | None) -> datetime | None:
    return unstamp(raw)


def _row(r: tuple[Any, ...]) -> StoryRow:
    return StoryRow(
        r[0],  # positional: a row is made for every story a page lists
        r[1] or "",
        r[2] or "",
        _tags(r[3] or "[]"),
        _time(r[4]),
        int(r[5]),
        int(r[6]),
        float(r[7]),
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
