"""Run reports with their skipped records, and conditional-request state per feed."""

from __future__ import annotations

import json
import sqlite3

from glimpse.models import RunReport
from glimpse.store.connection import now_stamp


def record_run(conn: sqlite3.Connection, report: RunReport, command: str) -> int:
    """Store a run's counts and every skip; returns the run id."""
    cursor = conn.execute(
        "INSERT INTO runs (command, finished_at, counts) VALUES (?, ?, ?)",
        (command, now_stamp(), json.dumps(report.counts, sort_keys=True)),
    )
    run = int(cursor.lastrowid or 0)
    conn.executemany(
        "INSERT INTO skips (run, stage, record, code, reason) VALUES (?, ?, ?, ?, ?)",
        [(run, s.stage, s.record, s.code, s.reason) for s in report.skips],
    )
    return run


def feed_state(conn: sqlite3.Connection, url: str) -> tuple[str | None, str | None]:
    """(etag, last_modified) last seen for a feed; (None, None) for a new one."""
    row = conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save_feed_state(
    conn: sqlite3.Connection, url: str, etag: str | None, last_modified: str | None
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO feeds (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)",
        (url, etag, last_modified, now_stamp()),
    )
