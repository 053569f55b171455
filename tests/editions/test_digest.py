"""glimpse digest: the edition in Markdown, HTML and JSON Lines; --since as a duration or a time."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import html as lxml_html
from typer.testing import CliRunner

from glimpse.cli import app
from glimpse.digest import parse_since
from glimpse.publish.sample import BASE_TIME, fill_store
from glimpse.store import Store

RUNNER = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("digest") / "desk.db"
    with Store(path) as store:
        fill_store(store, 14)
    return path


def _all_hours() -> str:
    """A duration that reaches back past every sample story (they are dated BASE_TIME - 48 h)."""
    return f"{int((datetime.now(UTC) - BASE_TIME).total_seconds() // 3600) + 72}h"


def _run(*args: str) -> str:
    result = RUNNER.invoke(app, ["digest", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_since_reads_durations_and_iso_times() -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert parse_since("24h", now) == now - timedelta(hours=24)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("2026-11-30T08:00:00+01:00", now) == datetime(2026, 11, 30, 7, tzinfo=UTC)
    assert parse_since("yesterday-ish", now) is None


def test_json_edition_is_one_story_row_per_line_as_stories_json(db: Path) -> None:
    rows = [json.loads(x) for x in _run("--db", str(db), "--since", _all_hours(), "--json",
                                       "--limit", "5").splitlines()]  # fmt: skip
    stories = RUNNER.invoke(app, ["stories", "--db", str(db), "--json", "--limit", "5"]).stdout
    listed = [json.loads(x) for x in stories.splitlines()]
    assert len(rows) == 5
    assert [{k: v for k, v in r.items() if k != "url"} for r in rows] == listed
    assert all(r["url"] is None for r in rows)


def test_since_duration_leaves_out_older_stories_here_and_in_stories(db: Path) -> None:
    assert _run("--db", str(db), "--since", "1h", "--json") == ""
    out = RUNNER.invoke(app, ["stories", "--db", str(db), "--since", "1h", "--json"])
    assert out.exit_code == 0 and out.stdout == ""
    cut = (BASE_TIME - timedelta(hours=3)).isoformat()
    recent = [json.loads(x) for x in _run("--db", str(db), "--since", cut, "--json").splitlines()]
    assert recent and all(r["updated_at"] >= cut.replace("+00:00", "Z") for r in recent)
    bad = RUNNER.invoke(app, ["stories", "--db", str(db), "--since", "soonish"])
    assert bad.exit_code == 2 and "duration" in bad.output


def test_markdown_edition_has_headlines_summaries_and_source_links(db: Path) -> None:
    text = _run("--db", str(db), "--since", _all_hours(), "--md", "--limit", "3",
                "--base-url", "https://news.example.org")  # fmt: skip
    assert text.startswith("# glimpse: the edition of ")
    assert text.count("\n## ") == 3
    assert "](https://news.example.org/stories/s000" in text
    assert "Sources: [" in text and "](https://example.org/" in text


def test_html_edition_in_the_readers_time_zone(db: Path) -> None:
    page = _run("--db", str(db), "--since", _all_hours(), "--html", "--tz", "Europe/Berlin",
                "--limit", "4")  # fmt: skip
    doc = lxml_html.fromstring(page)
    assert len(doc.xpath("//h2")) == 4
    assert doc.xpath("//a[starts-with(@href, 'https://example.org/')]")
    assert "CET" in page and "UTC" not in page  # November times shown in Berlin
    assert not doc.xpath("//script|//link[@rel='stylesheet']")


def test_unknown_time_zone_and_two_formats_are_refused(db: Path) -> None:
    bad = RUNNER.invoke(app, ["digest", "--db", str(db), "--tz", "Mars/Olympus"])
    assert bad.exit_code == 1 and "G013" in bad.output
    both = RUNNER.invoke(app, ["digest", "--db", str(db), "--md", "--json"])
    assert both.exit_code == 2
