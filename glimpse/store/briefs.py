"""Brief versions: every distinct brief of a story is kept; the story points at its current one.

Saving a brief identical (same JSON) to the current version adds no version, but still marks
the story's present article set as briefed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from glimpse.errors import StoryNotFound
from glimpse.models import Brief, BriefSentence
from glimpse.serialize import brief_from_dict, brief_to_dict
from glimpse.store.connection import stamp, unstamp
from glimpse.store.dialect import Conn, is_pg
from glimpse.store.links import bump
from glimpse.store.pg_schema import CONFIG, search_text
from glimpse.store.records import BriefVersion
from glimpse.store.stories import member_ids, resolve, written_digest


def _text(sentences: tuple[BriefSentence, ...]) -> str:
    return " ".join(s.text for s in sentences)


def summary_text(brief: Brief) -> str:
    """The summary as plain text."""
    return _text(brief.summary)


def body_text(brief: Brief) -> str:
    return "\n\n".join(_text(p) for p in brief.body)


def _encode(brief: Brief) -> tuple[str, str]:
    """The stored JSON of a brief and its digest."""
    text = json.dumps(brief_to_dict(brief), ensure_ascii=False, sort_keys=True)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_brief(conn: Conn, brief: Brief, built_at: datetime | None = None) -> int:
    """Store ``brief`` as the current version of its (final) story; returns the version number."""
    story = resolve(conn, brief.story)
    if story is None:
        raise StoryNotFound(f"no story {brief.story!r} to save a brief for", brief.story)
    brief = replace(brief, story=story)
    ids = member_ids(conn, story)
    text, digest = _encode(brief)
    row = conn.execute(
        "SELECT v.version, v.digest FROM stories s JOIN brief_versions v"
        " ON v.story = s.id AND v.version = s.brief_version WHERE s.id = ?",
        (story,),
    ).fetchone()
    written = written_digest(ids, brief.writer.key)
    if row and row[1] == digest:
        conn.execute("UPDATE stories SET brief_members = ? WHERE id = ?", (written, story))
        return int(row[0])
    version = _next_version(conn, story)
    conn.execute(
        "INSERT INTO brief_versions (story, version, built_at, digest, json, article_ids)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (story, version, stamp(built_at or datetime.now(UTC)), digest, text, json.dumps(ids)),
    )
    _set_current(conn, story, brief, version, written)
    bump(conn)  # a new headline, summary, tags or places: sections and threads are stale
    return version


def _next_version(conn: Conn, story: str) -> int:
    row = conn.execute(
        "SELECT COALESCE(MAX(version), 0) FROM brief_versions WHERE story = ?", (story,)
    ).fetchone()
    return int(row[0]) + 1


def _set_current(conn: Conn, story: str, brief: Brief, version: int, members: str) -> None:
    """Point the story at ``version`` and refresh its listing columns, tags and search row."""
    conn.execute(
        "UPDATE stories SET brief_version = ?, brief_members = ?, headline = ?,"
        " summary_text = ?, tags = ? WHERE id = ?",
        (
            version,
            members,
            brief.headline,
            summary_text(brief),
            json.dumps(list(brief.tags), ensure_ascii=False),
            story,
        ),
    )
    conn.execute("DELETE FROM story_tags WHERE story = ?", (story,))
    conn.executemany(
        "INSERT INTO story_tags (story, tag, position) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        [(story, tag, i) for i, tag in enumerate(brief.tags)],
    )
    conn.execute("DELETE FROM briefs_fts WHERE story = ?", (story,))
    fields = (story, brief.headline, summary_text(brief), body_text(brief), " ".join(brief.tags))
    if is_pg(conn):
        conn.execute(
            "INSERT INTO briefs_fts (story, headline, summary, body, tags, doc)"
            f" VALUES (?, ?, ?, ?, ?, to_tsvector('{CONFIG}', ?))",
            (*fields, search_text(*fields[1:])),
        )
        return
    conn.execute(
        "INSERT INTO briefs_fts (story, headline, summary, body, tags) VALUES (?, ?, ?, ?, ?)",
        fields,
    )


def current_brief(conn: Conn, story_id: str) -> Brief | None:
    story = resolve(conn, story_id)
    if story is None:
        return None
    row = conn.execute(
        "SELECT v.json FROM stories s JOIN brief_versions v"
        " ON v.story = s.id AND v.version = s.brief_version WHERE s.id = ?",
        (story,),
    ).fetchone()
    return brief_from_dict(json.loads(row[0])) if row else None


def history(conn: Conn, story_id: str) -> list[BriefVersion]:
    """Every saved version of the (final) story's brief, oldest first."""
    story = resolve(conn, story_id)
    if story is None:
        return []
    return current_and_history(conn, story)[1]


def current_and_history(conn: Conn, story: str) -> tuple[Brief | None, list[BriefVersion]]:
    """The current brief of the final ``story`` (no merge redirect is followed) and every
    saved version, oldest first, from one query: each version's JSON is decoded once, and
    the current brief is the version the story points at (a story page shows both)."""
    rows = conn.execute(
        f"SELECT {VERSION_COLUMNS} FROM brief_versions v JOIN stories s ON s.id = v.story"
        " WHERE v.story = ? ORDER BY v.version",
        (story,),
    ).fetchall()
    return versions_from(rows)


#: What :func:`versions_from` reads of a story's brief versions (``v``) and the story (``s``).
VERSION_COLUMNS = "v.version, v.built_at, v.json, v.article_ids, s.brief_version"


def versions_from(rows: Sequence[Sequence[Any]]) -> tuple[Brief | None, list[BriefVersion]]:
    """The current brief and the versions, oldest first, of rows of :data:`VERSION_COLUMNS`
    in version order."""
    versions = [
        BriefVersion(
            version=int(r[0]),
            built_at=unstamp(r[1]) or datetime.min.replace(tzinfo=UTC),
            brief=brief_from_dict(json.loads(r[2])),
            article_ids=tuple(json.loads(r[3])),
        )
        for r in rows
    ]
    current = next((v.brief for v, r in zip(versions, rows, strict=True) if r[4] == r[0]), None)
    return current, versions
