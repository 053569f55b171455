"""Stories: which article belongs to which story, merges, and the clusterer's saved state.

A merge keeps the old story row with ``merged_into`` pointing at the surviving story (chains
are flattened as they form) and moves its articles; every lookup by story id follows the
redirect. A story's ``members`` is a digest of its article ids; it differs from
``brief_members`` (the digest when its brief was last saved, with the writer that wrote it)
exactly when the story is dirty.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime

from glimpse.models import Story
from glimpse.store.connection import now_stamp, unstamp
from glimpse.store.dialect import Conn, is_pg
from glimpse.store.links import bump
from glimpse.store.search import rank_key_sql

MAX_REDIRECTS = 64


def resolve(conn: Conn, story_id: str) -> str | None:
    """The final story id after ``merged_into`` redirects, or None for an unknown id."""
    current = story_id
    for _ in range(MAX_REDIRECTS):
        row = conn.execute("SELECT merged_into FROM stories WHERE id = ?", (current,)).fetchone()
        if row is None:
            return None
        if row[0] is None or row[0] == current:
            return current
        current = row[0]
    return current


def member_ids(conn: Conn, story_id: str) -> list[str]:
    """Article ids of a (final) story, oldest published first, unknown times last, then id."""
    rows = conn.execute(
        "SELECT a.id FROM assignments s JOIN articles a ON a.id = s.article WHERE s.story = ?"
        " ORDER BY a.published IS NULL, a.published, a.id",
        (story_id,),
    ).fetchall()
    return [r[0] for r in rows]


def members_digest(ids: Iterable[str]) -> str:
    """Order-free digest of an article set ('' for the empty set)."""
    ordered = sorted(set(ids))
    return hashlib.sha256("\x1f".join(ordered).encode()).hexdigest()[:32] if ordered else ""


def _ensure(conn: Conn, story_id: str) -> str:
    """The final id for ``story_id``, creating the story row when it is new."""
    final = resolve(conn, story_id)
    if final is not None:
        return final
    conn.execute("INSERT INTO stories (id) VALUES (?)", (story_id,))
    return story_id


def _assign(conn: Conn, article: str, story: str, now: str) -> str | None:
    """Put one article in ``story``; returns the story it left (None if it had none)."""
    row = conn.execute("SELECT story FROM assignments WHERE article = ?", (article,)).fetchone()
    conn.execute(
        "INSERT INTO assignments (article, story, assigned_at) VALUES (?, ?, ?)"
        " ON CONFLICT(article) DO UPDATE SET story = excluded.story,"
        " assigned_at = CASE WHEN assignments.story = excluded.story"
        " THEN assignments.assigned_at ELSE excluded.assigned_at END",
        (article, story, now),
    )
    return row[0] if row else None


def _merge(conn: Conn, old: str, new: str) -> tuple[str, str] | None:
    """Redirect ``old`` into ``new`` and move its articles; returns (old, final) or None."""
    source, target = resolve(conn, old), _ensure(conn, new)
    if source is None or source == target:
        return None
    conn.execute(
        "UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?",
        (target, source, source),
    )
    conn.execute("UPDATE assignments SET story = ? WHERE story = ?", (target, source))
    conn.execute("DELETE FROM briefs_fts WHERE story = ?", (source,))
    return source, target


def refresh(conn: Conn, story_id: str) -> None:
    """Recompute a story's times (from its articles' published or stored times), sizes, members."""
    ids = member_ids(conn, story_id)
    row = conn.execute(
        "SELECT MIN(COALESCE(a.published, a.stored_at)), MAX(COALESCE(a.published, a.stored_at)),"
        " COUNT(*), COUNT(DISTINCT a.source)"
        " FROM assignments s JOIN articles a ON a.id = s.article WHERE s.story = ?",
        (story_id,),
    ).fetchone()
    conn.execute(
        "UPDATE stories SET created_at = COALESCE(?, created_at),"
        " updated_at = COALESCE(?, updated_at), article_count = ?, outlet_count = ?, members = ?"
        " WHERE id = ?",
        (row[0], row[1], row[2], row[3], members_digest(ids), story_id),
    )
    # after the update: the key is computed from the new time and outlet count
    conn.execute(
        f"UPDATE stories SET rank_key = {rank_key_sql(is_pg(conn))} WHERE id = ?", (story_id,)
    )


def save_assignments(
    conn: Conn,
    assignments: Sequence[tuple[str, str]],
    merges: Sequence[tuple[str, str]],
    state: bytes | None,
) -> None:
    """Apply article→story assignments, then merges, then save the state (caller's transaction)."""
    now = now_stamp()
    touched: set[str] = set()
    for article, story in assignments:
        final = _ensure(conn, story)
        left = _assign(conn, article, final, now)
        touched.update(s for s in (final, left) if s)
    for old, new in merges:
        merged = _merge(conn, old, new)
        if merged:
            touched.update(merged)
    for story in sorted(touched):
        refresh(conn, story)
    if touched:  # liveness, sizes and first reports changed: stored threads are stale
        bump(conn)
    conn.execute(
        "INSERT INTO cluster_state (id, state, saved_at) VALUES (1, ?, ?) ON CONFLICT (id)"
        " DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at",
        (state, now),
    )


def cluster_state(conn: Conn) -> bytes | None:
    row = conn.execute("SELECT state FROM cluster_state WHERE id = 1").fetchone()
    return bytes(row[0]) if row and row[0] is not None else None


def load_story(conn: Conn, story_id: str) -> Story | None:
    final = resolve(conn, story_id)
    if final is None:
        return None
    row = conn.execute(
        "SELECT created_at, updated_at, merged_into FROM stories WHERE id = ?", (final,)
    ).fetchone()
    return Story(
        id=final,
        articles=tuple(member_ids(conn, final)),
        created_at=unstamp(row[0]),
        updated_at=unstamp(row[1]),
        merged_into=row[2],
    )


def written_digest(ids: Iterable[str], writer: str) -> str:
    """What a saved brief records in ``brief_members``: its articles' digest and its writer."""
    return f"{members_digest(ids)}:{writer}" if writer else members_digest(ids)


def dirty(conn: Conn, writer: str = "") -> list[str]:
    """Live, non-empty stories whose article set differs from the one of their last brief, or
    whose brief was written by another ``writer`` (so an upgraded writer rewrites old briefs)."""
    rows = conn.execute(
        "SELECT id FROM stories WHERE merged_into IS NULL AND members != ''"
        " AND (brief_members IS NULL OR brief_members !="
        " CASE WHEN ? = '' THEN members ELSE members || ':' || ? END)"
        " ORDER BY updated_at IS NULL, updated_at, id",
        (writer, writer),
    ).fetchall()
    return [r[0] for r in rows]


def article_story(conn: Conn, article_id: str) -> str | None:
    row = conn.execute("SELECT story FROM assignments WHERE article = ?", (article_id,)).fetchone()
    return resolve(conn, row[0]) if row else None


def arrivals(conn: Conn, story_id: str) -> list[tuple[str, datetime]]:
    """(article id, time it was stored) for a story's articles, earliest first."""
    final = resolve(conn, story_id)
    return [] if final is None else final_arrivals(conn, final)


def final_arrivals(conn: Conn, story: str) -> list[tuple[str, datetime]]:
    """:func:`arrivals` of a final story id (no merge redirect is followed)."""
    rows = conn.execute(
        "SELECT a.id, a.stored_at FROM assignments s JOIN articles a ON a.id = s.article"
        " WHERE s.story = ? ORDER BY a.stored_at, a.id",
        (story,),
    ).fetchall()
    return [(r[0], t) for r in rows if (t := unstamp(r[1])) is not None]
