"""Run reports with their skipped records, and conditional-request state per feed."""

from __future__ import annotations

import json

from glimpse.models import RunReport
from glimpse.store.connection import now_stamp
from glimpse.store.dialect import Conn


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


def save_feed_state(conn: Conn, url: str, etag: str | None, last_modified: str | None) -> None:
    conn.execute(
        "INSERT INTO feeds (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
        " last_modified = excluded.last_modified, checked_at = excluded.checked_at",
        (url, etag, last_modified, now_stamp()),
    )
