"""`glimpse watch` scheduling: durations and back-off from sources that keep failing."""

from __future__ import annotations

import pytest
import typer

from glimpse.cli.desk import _update_backoff, parse_every
from glimpse.models import RunReport


def test_durations_read_seconds_minutes_and_hours() -> None:
    assert [parse_every(v) for v in ("90", "30s", "15m", "2h", "1.5m")] == [90, 30, 900, 7200, 90]
    with pytest.raises(typer.BadParameter):
        parse_every("soon")


def test_a_failing_source_is_skipped_for_growing_numbers_of_rounds_then_forgiven() -> None:
    backoff: dict[str, tuple[int, int]] = {}
    feed, other = "https://down.example/rss", "https://up.example/rss"
    failing = RunReport()
    failing.skip("ingest", feed, "G005", "HTTP 503")
    _update_backoff(backoff, [feed, other], failing, done=0)
    assert backoff == {feed: (1, 2)}  # skip round 1, retry in round 2
    _update_backoff(backoff, [feed], failing, done=2)
    assert backoff[feed] == (2, 6)  # two failures in a row: skip three rounds
    for _ in range(6):
        _update_backoff(backoff, [feed], failing, done=10)
    assert backoff[feed][1] == 10 + 1 + 15  # capped
    _update_backoff(backoff, [feed], RunReport(), done=30)
    assert feed not in backoff


def test_errors_other_than_fetch_failures_do_not_back_off() -> None:
    backoff: dict[str, tuple[int, int]] = {}
    report = RunReport()
    report.skip("extract", "https://x.example/a.html", "G003", "no article")
    _update_backoff(backoff, ["https://x.example/a.html"], report, done=0)
    assert backoff == {}
