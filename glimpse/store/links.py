"""What the reader's desk precomputes at ``build`` time: each live story's section and thread.

Pages must not file 60 stories into sections or weigh a story's thread against the desk on
every request, so ``build`` (and ``watch``, which builds) stores them in ``story_links``:

- ``desk_links.story_changes`` counts the writes that change what sections and threads are
  made of (a new brief: headline, summary, tags, places; an assignment or merge: liveness and
  first report). :func:`bump` is called inside those write transactions.
- ``desk_links.links_at`` is the value of that counter the stored links were computed at, and
  ``desk_key`` the desk options (:func:`glimpse.sections.options_key`) the sections follow.

A reader uses the stored links only when ``links_at = story_changes`` (and, for sections, the
same ``desk_key``); otherwise the links are stale and the page computes them at request time as
before, so a stale table can make a page slower but never different.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from glimpse.store.connection import unstamp
from glimpse.store.desk import _chunks
from glimpse.store.dialect import Conn
from glimpse.store.search import _LIVE
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


def save(
    conn: Conn,
    at: int,
    key: str,
    sections: Mapping[str, str],
    threads: Mapping[str, Thread],
) -> None:
    """Replace the stored links with ``sections`` and ``threads``, computed at change ``at``
    under desk options ``key`` (the caller's write transaction)."""
    conn.execute("DELETE FROM story_links")
    conn.executemany(
        "INSERT INTO story_links (story, section, earlier, later, related) VALUES (?, ?, ?, ?, ?)",
        [
            (
                story,
                section,
                json.dumps(list(threads[story].earlier)),
                json.dumps(list(threads[story].later)),
                json.dumps(list(threads[story].related)),
            )
            for story, section in sorted(sections.items())
        ],
    )
    conn.execute("UPDATE desk_links SET links_at = ?, desk_key = ? WHERE id = 1", (at, key))


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
