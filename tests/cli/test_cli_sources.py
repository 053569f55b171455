"""``glimpse sources``: the feed list in the database, through the real CLI (typer's runner),
and ``ingest`` without a source reading that list."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glimpse import pipeline
from glimpse.cli import app
from glimpse.models import Article, Features
from tests._http import LocalServer, Reply

KEYS = {
    "url",
    "title",
    "last_fetch",
    "last_status",
    "etag",
    "last_modified",
    "items_seen",
    "failures",
}
OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="News"><outline type="rss" text="Wire &amp; Co" xmlUrl="https://wire.example/rss"/>
    <outline type="rss" title="Daily" text="ignored" xmlUrl="http://daily.example/feed.xml"/>
  </outline>
  <outline text="a folder without a feed"/>
</body></opml>
"""
PARAGRAPH = (
    "The harbour authority said on Tuesday that the new sea wall had held through the storm, "
    "and that the fishing fleet would return to port by the end of the week. "
)
PAGE = (
    "<html><head><title>Sea wall holds</title></head><body><article><h1>Sea wall holds</h1>"
    + "".join(f"<p>{PARAGRAPH}Report {i}.</p>" for i in range(6))
    + "</article></body></html>"
).encode()


def glimpse(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def listed(db: Path) -> list[dict[str, object]]:
    code, out, _ = glimpse("sources", "list", "--json", "--db", str(db))
    assert code == 0
    return [json.loads(line) for line in out.splitlines()]


def test_add_list_remove_through_the_cli(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert glimpse("sources", "add", "https://a.example/rss", "--db", str(db))[0] == 0
    assert glimpse("sources", "add", "https://b.example/atom", "--db", str(db))[0] == 0
    code, out, _ = glimpse("sources", "add", "https://a.example/rss", "--db", str(db))
    assert code == 0 and "0 added, 1 already listed" in out
    rows = listed(db)
    assert [r["url"] for r in rows] == ["https://a.example/rss", "https://b.example/atom"]
    assert all(set(r) == KEYS for r in rows)
    assert rows[0]["items_seen"] == 0 and rows[0]["failures"] == 0
    assert rows[0]["last_fetch"] is None
    assert glimpse("sources", "remove", "https://a.example/rss", "--db", str(db))[0] == 0
    assert [r["url"] for r in listed(db)] == ["https://b.example/atom"]
    code, _, err = glimpse("sources", "remove", "https://a.example/rss", "--db", str(db))
    assert code == 1 and "[G001]" in err


@pytest.mark.parametrize("source", ["file:///etc/passwd", "ftp://x.example/rss", "feeds.txt"])
def test_only_http_urls_or_opml_files_are_added(tmp_path: Path, source: str) -> None:
    db = tmp_path / "desk.db"
    code, _, err = glimpse("sources", "add", source, "--db", str(db))
    assert code == 1 and "[G018]" in err and len(err.strip().splitlines()) == 1


def test_opml_round_trip_keeps_urls_and_titles(tmp_path: Path) -> None:
    db, opml = tmp_path / "desk.db", tmp_path / "subs.opml"
    opml.write_text(OPML, encoding="utf-8")
    code, out, _ = glimpse("sources", "add", str(opml), "--db", str(db))
    assert code == 0 and "2 added" in out
    code, exported, _ = glimpse("sources", "export", "--opml", "--db", str(db))
    assert code == 0
    root = ET.fromstring(exported)
    assert root.tag == "opml" and root.get("version") == "2.0"
    feeds = [(o.get("xmlUrl"), o.get("title")) for o in root.iter("outline")]
    assert feeds == [
        ("https://wire.example/rss", "Wire & Co"),
        ("http://daily.example/feed.xml", "Daily"),
    ]


def test_opml_feeds_that_are_not_http_are_refused_and_the_rest_added(tmp_path: Path) -> None:
    db, opml = tmp_path / "desk.db", tmp_path / "subs.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline xmlUrl="file:///etc/shadow"/>'
        '<outline xmlUrl="https://ok.example/rss"/></body></opml>',
        encoding="utf-8",
    )
    code, _, err = glimpse("sources", "add", str(opml), "--db", str(db))
    assert code == 1 and "file:///etc/shadow" in err and "[G018]" in err
    assert [r["url"] for r in listed(db)] == ["https://ok.example/rss"]


def test_ingest_without_sources_or_stored_feeds_is_one_g010_line(tmp_path: Path) -> None:
    code, _, err = glimpse("ingest", "--db", str(tmp_path / "desk.db"))
    assert code == 1 and "[G010]" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "desk.db").exists()


@pytest.fixture
def feed_url(http_server: LocalServer) -> str:
    """A feed of one item and the item's page, both with an ETag."""
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
        f"<item><title>Sea wall holds</title><link>{http_server.url('/a.html')}</link>"
        "<pubDate>Tue, 03 Sep 2024 10:00:00 GMT</pubDate></item></channel></rss>"
    )
    http_server.routes.update(
        {
            "/rss.xml": Reply(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
                              feed.encode()),
            "/a.html": Reply(200, {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"'},
                             PAGE),
        }
    )  # fmt: skip
    return http_server.url("/rss.xml")


def _no_models(articles: list[Article]) -> list[Features]:
    return [Features(article=a.id) for a in articles]


def test_ingest_without_a_source_reads_the_stored_list(
    tmp_path: Path, feed_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # enrich's models take seconds to load and are not what this test is about
    monkeypatch.setattr(pipeline, "featurize", _no_models)
    db = tmp_path / "desk.db"
    assert glimpse("sources", "add", feed_url, "--db", str(db))[0] == 0
    code, out, err = glimpse("ingest", "--db", str(db), "--json")
    assert code == 0, err
    assert json.loads(out.splitlines()[-1])["counts"].get("stored") == 1
    (row,) = listed(db)
    assert row["last_status"] == "ok" and row["etag"] == '"v1"' and row["last_fetch"]
    assert row["failures"] == 0


def test_a_failing_listed_feed_counts_failures(tmp_path: Path, feed_url: str) -> None:
    db, missing = tmp_path / "desk.db", feed_url.replace("/rss.xml", "/gone.xml")
    assert glimpse("sources", "add", missing, "--db", str(db))[0] == 0
    for _ in range(2):
        glimpse("ingest", "--db", str(db))
    (row,) = listed(db)
    assert row["failures"] == 2 and row["last_status"] == "G005"


def test_a_feed_fetched_before_migration_4_keeps_its_state_when_listed(tmp_path: Path) -> None:
    from glimpse.store import Store
    from glimpse.store.connection import Connection
    from glimpse.store.schema import MIGRATIONS, migrate

    db, url = tmp_path / "old.db", "https://wire.example/rss"
    old = Connection(db)
    migrate(old, MIGRATIONS[:3])
    with old.write() as conn:
        conn.execute(
            "INSERT INTO feeds (url, etag, last_modified, checked_at) VALUES (?, 'e1', 'm1', 't')",
            (url,),
        )
    old.close()
    with Store(db) as store:
        assert store.listed_feeds() == []  # fetched once is not listed
        assert store.add_feed(url, "Wire")
        store.save_feed_state(url, "e2", "m2")  # a later fetch keeps title and listing
        (row,) = store.listed_feeds()
    assert (row.title, row.etag, row.last_modified, row.last_status) == ("Wire", "e2", "m2", "ok")
