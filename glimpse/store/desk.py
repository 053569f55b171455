"""Queries of the reader's desk: story rows by id, thread subjects, places for sections."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime

from glimpse.store.connection import stamp, unstamp
from glimpse.store.dialect import Conn, is_pg
from glimpse.store.records import StoryRow
from glimpse.store.search import _LIVE, _LIVE_BY_ID, _row, rank_sql

_MAX_VARS = 500  # ids per IN (...) list, well below SQLite's bound-parameter limit


def _chunks(items: Sequence[str]) -> list[Sequence[str]]:
    return [items[i : i + _MAX_VARS] for i in range(0, len(items), _MAX_VARS)]


def story_rows(conn: Conn, ids: Sequence[str], now: datetime | None = None) -> list[StoryRow]:
    """Listing rows of the live, briefed stories among ``ids``, in the order of ``ids``."""
    found: dict[str, StoryRow] = {}
    when = stamp(now or datetime.now(UTC))
    for chunk in _chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT st.id, st.headline, st.summary_text, st.tags, st.updated_at, st.outlet_count,"
            f" st.article_count, {rank_sql('st.updated_at', 'st.outlet_count', '?', is_pg(conn))}"
            f" FROM stories st WHERE st.id IN ({marks}) AND {_LIVE_BY_ID}",
            (when, *chunk),
        ).fetchall()
        found.update((r[0], _row(r)) for r in rows)
    return [found[i] for i in ids if i in found]


def subjects(
    conn: Conn, tags: Sequence[str] | None = None
) -> list[tuple[str, tuple[str, ...], datetime | None]]:
    """(story, tags, first report) of live stories carrying any of ``tags`` (all when None)."""
    query = f"SELECT st.id, st.tags, st.created_at FROM stories st WHERE {_LIVE}"
    params: list[str] = []
    if tags is not None:
        if not tags:
            return []
        marks = ",".join("?" * len(tags))
        query += f" AND st.id IN (SELECT story FROM story_tags WHERE tag IN ({marks}))"
        params = list(tags)
    rows = conn.execute(query + " ORDER BY st.id", params).fetchall()
    return [(r[0], tuple(json.loads(r[1] or "[]")), unstamp(r[2])) for r in rows]


def tag_counts(conn: Conn, tags: Sequence[str]) -> tuple[dict[str, int], int]:
    """Live stories carrying each of ``tags``, and the number of live stories."""
    total = int(conn.execute(f"SELECT COUNT(*) FROM stories st WHERE {_LIVE}").fetchone()[0])
    if not tags:
        return {}, total
    marks = ",".join("?" * len(tags))
    rows = conn.execute(
        "SELECT t.tag, COUNT(*) FROM story_tags t JOIN stories st ON st.id = t.story"
        f" WHERE t.tag IN ({marks}) AND {_LIVE} GROUP BY t.tag",
        list(tags),
    ).fetchall()
    return {r[0]: int(r[1]) for r in rows}, total


_PLACES = (
    "SELECT v.story, json_extract(e.value, '$.name') FROM stories st"
    " JOIN brief_versions v ON v.story = st.id AND v.version = st.brief_version,"
    " json_each(v.json, '$.entities') e"
    " WHERE st.id IN ({}) AND json_extract(e.value, '$.type') = 'PLACE'"
    " ORDER BY v.story, e.key"
)
_PG_PLACES = (
    "SELECT v.story, e.value ->> 'name' FROM stories st"
    " JOIN brief_versions v ON v.story = st.id AND v.version = st.brief_version,"
    " jsonb_array_elements(v.json::jsonb -> 'entities') WITH ORDINALITY e"
    " WHERE st.id IN ({}) AND e.value ->> 'type' = 'PLACE'"
    " ORDER BY v.story, e.ordinality"
)


def places(conn: Conn, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Names of the PLACE entities of each story's current brief (for its section)."""
    out: dict[str, tuple[str, ...]] = {}
    query = _PG_PLACES if is_pg(conn) else _PLACES
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(query.format(marks), list(chunk)).fetchall()
        for story, name in rows:
            out[story] = (*out.get(story, ()), str(name))
    return out
