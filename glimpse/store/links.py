"""What the reader's desk precomputes at ``build`` time: each live story's section and thread,
and the front page's ranking.

Pages must not file 60 stories into sections, weigh a story's thread against the desk or rank
every story on each request, so ``build`` (and ``watch``, which builds) stores them in
``story_links`` (``front_rank``: the story's place among the front page's best-ranked stories;
``desk_links.front_total``: how many stories the listing has):

- ``desk_links.story_changes`` counts the writes that change what sections and threads are
  made of (a new brief: headline, summary, tags, places; an assignment or merge: liveness and
  first report). :func:`bump` is called inside those write transactions.
- ``desk_links.links_at`` is the value of that counter the stored links were computed at, and
  ``desk_key`` the desk options (:func:`glimpse.sections.options_key`) the sections follow.

A reader uses the stored links only when ``links_at = story_changes`` (and, for sections, the
same ``desk_key``); otherwise the links are stale and the page computes them at request time as
before, so a stale table can make a page slower but never different.

The ranking is stored only when no live story is dated after the moment it was computed: a
story's score is its stored ``rank_key`` minus the hours of the clock, the same shift for every
story dated in the past, so their order holds until the next change; a story dated ahead of
the clock (its age counts as zero) moves up as the clock reaches it, and then the front page
is ranked per request.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from glimpse.store.connection import stamp, unstamp
from glimpse.store.desk import _chunks, story_rows
from glimpse.store.dialect import Conn, is_pg
from glimpse.store.records import StoryRow
from glimpse.store.search import _LIVE, _LIVE_BY_ID, _row, count_stories, list_stories, rank_sql
from glimpse.threads import Subject, Thread


@dataclass(frozen=True, slots=True)
class DeskStory:
    """What a story's section and thread are computed from (a live story's listing columns)."""

    story: str
    tags: tuple[str, ...]
    headline: str
    summary_text: str
    subject: Subject


_FRESH = "d.id = 1 AND d.links_at = d.story_changes"


def bump(conn: Conn) -> None:
    """Mark the stored links stale: a story's brief, articles or liveness changed (the
    caller's write transaction)."""
    conn.execute("UPDATE desk_links SET story_changes = story_changes + 1 WHERE id = 1")


def state(conn: Conn) -> tuple[int, int | None, str | None]:
    """(story_changes, links_at, desk_key)."""
    row = conn.execute("SELECT story_changes, links_at, desk_key FROM desk_links WHERE id = 1")
    found = row.fetchone()
    return int(found[0]), (None if found[1] is None else int(found[1])), found[2]


def desk_stories(conn: Conn) -> list[DeskStory]:
    """Every live story, by id (the stories listings and threads show)."""
    rows = conn.execute(
        "SELECT st.id, st.tags, st.headline, st.summary_text, st.created_at FROM stories st"
        f" WHERE {_LIVE} ORDER BY st.id"
    ).fetchall()
    out = []
    for r in rows:
        tags = tuple(json.loads(r[1] or "[]"))
        subject = Subject(r[0], tags, unstamp(r[4]))
        out.append(DeskStory(r[0], tags, r[2] or "", r[3] or "", subject))
    return out


@dataclass(frozen=True, slots=True)
class Ranking:
    """The front page's best-ranked live stories (ids, best first) and the listing's size."""

    front: tuple[str, ...]
    total: int


def save(
    conn: Conn,
    at: int,
    key: str,
    sections: Mapping[str, str],
    threads: Mapping[str, Thread],
    ranking: Ranking | None = None,
) -> None:
    """Replace the stored links with ``sections``, ``threads`` and the front page's
    ``ranking`` (None: not stored, pages rank per request), computed at change ``at`` under
    desk options ``key`` (the caller's write transaction)."""
    place = {story: i for i, story in enumerate(ranking.front)} if ranking else {}
    conn.execute("DELETE FROM story_links")
    conn.executemany(
        "INSERT INTO story_links (story, section, earlier, later, related, front_rank)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                story,
                section,
                json.dumps(list(threads[story].earlier)),
                json.dumps(list(threads[story].later)),
                json.dumps(list(threads[story].related)),
                place.get(story),
            )
            for story, section in sorted(sections.items())
        ],
    )
    conn.execute(
        "UPDATE desk_links SET links_at = ?, desk_key = ?, front_total = ? WHERE id = 1",
        (at, key, ranking.total if ranking else None),
    )


def ranking(conn: Conn, depth: int, now: datetime) -> Ranking | None:
    """The ``depth`` best-ranked live stories at ``now`` and the listing's size, as
    :func:`glimpse.store.search.list_stories` ranks them; None when a live story is dated
    after ``now`` (its place would change as the clock reaches it: module doc)."""
    ahead = conn.execute(
        f"SELECT 1 FROM stories st WHERE {_LIVE} AND st.updated_at > ? LIMIT 1", (stamp(now),)
    ).fetchone()
    if ahead is not None:
        return None
    rows = list_stories(conn, limit=depth, now=now)
    return Ranking(tuple(r.story for r in rows), count_stories(conn))


#: How :func:`front` reaches the ranked stories' rows: by primary key, one lookup per ranked
#: row. SQLite does so by itself; PostgreSQL's planner prefers a hash join, which reads every
#: story of the desk for ~60 rows (0.7 ms of server time at 1,000 stories, growing with the
#: desk, against 0.5 ms). A LATERAL subquery is looked up once per outer row, and its
#: ``OFFSET 0`` keeps the planner from flattening it back into the join.
_FRONT_STORIES = {
    False: "JOIN stories st ON st.id = l.story",
    True: "CROSS JOIN LATERAL (SELECT s.id, s.headline, s.summary_text, s.tags, s.updated_at,"
    " s.outlet_count, s.article_count FROM stories s WHERE s.id = l.story OFFSET 0) st",
}


def front(conn: Conn, key: str, now: datetime) -> tuple[list[StoryRow], dict[str, str], int] | None:
    """The stored front-page rows (best first, scored at ``now``), their sections and the
    listing's size, in one query; None when the links are stale, were filed under other desk
    options, or hold no ranking."""
    pg = is_pg(conn)
    rank = rank_sql("st.updated_at", "st.outlet_count", "?", pg)
    rows = conn.execute(
        "SELECT st.id, st.headline, st.summary_text, st.tags, st.updated_at, st.outlet_count,"
        f" st.article_count, {rank}, l.section, d.front_total"
        " FROM desk_links d JOIN story_links l ON l.front_rank IS NOT NULL"
        f" {_FRONT_STORIES[pg]} WHERE {_FRESH} AND d.desk_key = ?"
        " AND d.front_total IS NOT NULL ORDER BY l.front_rank",
        (stamp(now), key),
    ).fetchall()
    if not rows:
        return None  # stale, not stored, or an empty desk (computed per request: cheap)
    return [_row(r) for r in rows], {r[0]: r[8] for r in rows}, int(rows[0][9])


def thread(conn: Conn, story: str) -> Thread | None:
    """The stored thread of ``story``; None when the stored links are stale or lack it."""
    row = conn.execute(
        "SELECT l.earlier, l.later, l.related FROM desk_links d"
        f" JOIN story_links l ON l.story = ? WHERE {_FRESH}",
        (story,),
    ).fetchone()
    if row is None:
        return None
    earlier, later, related = (tuple(json.loads(v)) for v in row)
    return Thread(story, earlier, later, related)


#: :func:`thread` and the listing rows of the story and its thread (as
#: :func:`glimpse.store.desk.story_rows` gives them) in one PostgreSQL query: a story page
#: reads both, and each query is a round trip plus psycopg's Python. The story's row comes
#: with the thread's by primary key (``= ANY`` of the ids in the stored JSON); no live row
#: leaves the stored thread alone on its row.
_PG_THREAD_ROWS = (
    "SELECT l.earlier, l.later, l.related, st.id, st.headline, st.summary_text, st.tags,"
    " st.updated_at, st.outlet_count, st.article_count,"
    f" {rank_sql('st.updated_at', 'st.outlet_count', '?', True)}"
    " FROM desk_links d JOIN story_links l ON l.story = ? LEFT JOIN stories st ON st.id = ANY("
    "l.story || ARRAY(SELECT jsonb_array_elements_text(l.earlier::jsonb || l.later::jsonb"
    f" || l.related::jsonb))) AND {_LIVE_BY_ID} WHERE {_FRESH}"
)


def thread_rows(conn: Conn, story: str, now: datetime) -> tuple[Thread, list[StoryRow]] | None:
    """The stored thread of ``story`` and the listing rows (scored at ``now``) of the live
    stories among it and its thread; None when the stored links are stale or lack it."""
    if not is_pg(conn):  # SQLite: two queries cost no round trip
        found = thread(conn, story)
        if found is None:
            return None
        return found, story_rows(conn, [story, *found.earlier, *found.later, *found.related], now)
    rows = conn.execute(_PG_THREAD_ROWS, (stamp(now), story)).fetchall()
    if not rows:
        return None
    earlier, later, related = (tuple(json.loads(v)) for v in rows[0][:3])
    return Thread(story, earlier, later, related), [_row(r[3:]) for r in rows if r[3] is not None]


def sections(conn: Conn, ids: Sequence[str], key: str) -> dict[str, str] | None:
    """The stored section of each of ``ids``; None when the links are stale, were filed
    under other desk options, or lack one of ``ids``."""
    if not ids:
        fresh = f"SELECT 1 FROM desk_links d WHERE {_FRESH} AND d.desk_key = ?"
        return {} if conn.execute(fresh, (key,)).fetchone() else None
    out: dict[str, str] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        # the freshness test joined in: stale links give no rows (one query, not two)
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            "SELECT l.story, l.section FROM desk_links d JOIN story_links l"
            f" ON l.story IN ({marks}) WHERE {_FRESH} AND d.desk_key = ?",
            [*chunk, key],
        ).fetchall()
        out.update((r[0], r[1]) for r in rows)
    return out if all(i in out for i in ids) else None
