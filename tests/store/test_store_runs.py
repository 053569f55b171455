"""Run reports, skipped records and feed state."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from glimpse.models import RunReport
from glimpse.store import Store


def test_run_report_is_stored_with_every_skip(
    store: Store, rows: Callable[..., list[tuple[Any, ...]]]
) -> None:
    report = RunReport()
    report.count("ingest.stored", 3)
    report.skip("ingest", "missing.html", "G001", "no such file")
    report.skip("extract", "empty.html", "G003", "no article text")
    first = store.record_run(report, "ingest")
    second = store.record_run(RunReport(), "build")
    assert second > first
    counts = rows("SELECT counts FROM runs WHERE id = ?", (first,))[0][0]
    skips = rows("SELECT run, stage, record, code, reason FROM skips ORDER BY record DESC")
    assert json.loads(counts) == {"ingest.stored": 3, "ingest.skipped": 1, "extract.skipped": 1}
    assert skips == [
        (first, "ingest", "missing.html", "G001", "no such file"),
        (first, "extract", "empty.html", "G003", "no article text"),
    ]


def test_feed_state_is_empty_for_a_new_feed_and_kept_after_saving(store: Store) -> None:
    url = "http://127.0.0.1:8000/feed.xml"
    assert store.feed_state(url) == (None, None)
    store.save_feed_state(url, '"abc"', "Sat, 28 Nov 2026 01:00:00 GMT")
    assert store.feed_state(url) == ('"abc"', "Sat, 28 Nov 2026 01:00:00 GMT")
    store.save_feed_state(url, None, None)
    assert store.feed_state(url) == (None, None)
