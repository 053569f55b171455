"""Run reports with their skipped records, conditional-request state per feed, and the
user's feed list (the ``feeds`` rows with ``listed = 1``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from glimpse.models import RunReport
from glimpse.store.connection import now_stamp
from glimpse.store.dialect import Conn


@dataclass(frozen=True, slots=True)
class FeedRow:
    """One listed feed with what the last fetches of it found."""

    url: str
    title: str | None
    last_fetch: str | None
    last_status: str | None
    etag: str | None
    last_modified: str | None
    items_seen: int
    failures: int


def record_run(conn: Conn, report: RunReport, command: str) -> int:
    """Store a run's counts and every skip; returns the run id."""
    row = conn.execute(
        "INSERT INTO runs (command, finished_at, counts) VALUES (?, ?, ?) RETURNING id",
        (command, now_stamp(), json.dumps(report.counts, sort_keys=True)),
    ).fetchone()
    run = int(row[0])
    conn.executemany(
        "INSERT INTO skips (run, stage, record, code, reason) VALUES (?, ?, ?, ?, ?)",
        [(run, s.stage, s.record, s.code, s.reason) for s in report.skips],
    )
    return run


def feed_state(conn: Conn, url: str) -> tuple[str | None, str | None]:
    """(etag, last_modified) last seen for a feed; (None, None) for a new one."""
    row = conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_feed_state(
    conn: Conn,
    url: str,
    etag: str | None,
    last_modified: str | None,
    items_seen: int | None = None,
) -> None:
    """After a successful fetch (a 304 Not Modified too): the validators, the fetch time and
    status, the failure count reset, and ``items_seen``, the items of the feed as last read
    (None, for a 304, keeps the count). An upsert: a listed feed keeps its title and place."""
    now = now_stamp()
    conn.execute(
        "INSERT INTO feeds (url, etag, last_modified, checked_at, last_fetch, last_status,"
        " items_seen) VALUES (?, ?, ?, ?, ?, 'ok', COALESCE(?, 0)) ON CONFLICT(url) DO UPDATE SET"
        " etag = excluded.etag, last_modified = excluded.last_modified,"
        " checked_at = excluded.checked_at, last_fetch = excluded.last_fetch,"
        " last_status = 'ok', failures = 0,"
        " items_seen = COALESCE(?, feeds.items_seen)",
        (url, etag, last_modified, now, now, items_seen, items_seen),
    )


def note_failures(conn: Conn, failures: dict[str, str]) -> None:
    """Listed feeds whose fetch failed in a run, with the error code: one more failure in a
    row each (a successful fetch resets the count in :func:`save_feed_state`)."""
    now = now_stamp()
    conn.executemany(
        "UPDATE feeds SET last_fetch = ?, last_status = ?, failures = failures + 1"
        " WHERE url = ? AND listed = 1",
        [(now, code, url) for url, code in failures.items()],
    )


def add_feed(conn: Conn, url: str, title: str | None) -> bool:
    """Put a feed on the list (keeping its fetch state); False when it was listed already."""
    row = conn.execute("SELECT listed FROM feeds WHERE url = ?", (url,)).fetchone()
    conn.execute(
        "INSERT INTO feeds (url, checked_at, listed, title) VALUES (?, ?, 1, ?)"
        " ON CONFLICT(url) DO UPDATE SET listed = 1, title = COALESCE(excluded.title, title)",
        (url, now_stamp(), title),
    )
    return not (row and row[0])


def remove_feed(conn: Conn, url: str) -> bool:
    """Take a feed off the list; False when it was not listed. Its conditional-request state
    stays, as for any feed fetched once."""
    cursor = conn.execute("UPDATE feeds SET listed = 0 WHERE url = ? AND listed = 1", (url,))
    return bool(cursor.rowcount > 0)


def listed_feeds(conn: Conn) -> list[FeedRow]:
    rows = conn.execute(
        "SELECT url, title, last_fetch, last_status, etag, last_modified, items_seen, failures"
        " FROM feeds WHERE listed = 1 ORDER BY rowid"
    ).fetchall()
    return [FeedRow(*row) for row in rows]
