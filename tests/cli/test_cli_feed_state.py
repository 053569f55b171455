"""``sources list --json`` after fetches: ``items_seen`` filled, a 304 noted as a fetch, and
``failures`` counted in a row and reset by a success (a feed served on 127.0.0.1)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glimpse import pipeline
from glimpse.cli import app
from glimpse.models import Article, Features
from tests._http import NOT_FOUND, LocalServer, Reply, Request

ITEM = "The harbour authority said the new sea wall held through the storm overnight. " * 6


class _Feed:
    """The feed's answers: ``items`` items, 304 to its ETag, 404 while ``down``."""

    def __init__(self) -> None:
        self.items, self.down = 3, False

    def __call__(self, request: Request) -> Reply:
        if self.down:
            return NOT_FOUND
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, {"ETag": '"v1"'})
        items = "".join(
            f"<item><title>Item {n}</title><guid isPermaLink='false'>tag:x,2026:{n}</guid>"
            f"<description>{n} {ITEM}</description></item>"
            for n in range(self.items)
        )
        body = f'<rss version="2.0"><channel><title>W</title>{items}</channel></rss>'.encode()
        return Reply(200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, body)


@pytest.fixture
def feed(monkeypatch: pytest.MonkeyPatch, http_server: LocalServer) -> _Feed:
    # enrich's models take seconds to load and are not what these tests are about
    monkeypatch.setattr(pipeline, "featurize", lambda arts: [Features(a.id) for a in arts])
    http_server.routes["/rss.xml"] = answers = _Feed()
    return answers


@pytest.fixture
def feed_url(feed: _Feed, http_server: LocalServer) -> str:
    return http_server.url("/rss.xml")


def glimpse(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.stdout


def row(db: Path) -> dict[str, object]:
    (line,) = glimpse("sources", "list", "--json", "--db", str(db)).splitlines()
    data: dict[str, object] = json.loads(line)
    return data


def test_items_seen_is_the_number_of_items_in_the_last_read_feed(
    tmp_path: Path, feed_url: str
) -> None:
    db = tmp_path / "desk.db"
    glimpse("sources", "add", feed_url, "--db", str(db))
    glimpse("ingest", "--db", str(db))
    assert row(db)["items_seen"] == 3


def test_a_304_updates_last_fetch_and_status_and_keeps_items_seen(
    tmp_path: Path, feed_url: str
) -> None:
    db = tmp_path / "desk.db"
    glimpse("sources", "add", feed_url, "--db", str(db))
    glimpse("ingest", "--db", str(db))
    first = row(db)
    time.sleep(1.1)  # stamps are to the second
    glimpse("ingest", "--db", str(db))  # answered 304 Not Modified
    second = row(db)
    assert str(second["last_fetch"]) > str(first["last_fetch"])
    assert second["last_status"] == "ok" and second["items_seen"] == 3
    assert second["etag"] == '"v1"'


def test_failures_count_in_a_row_and_a_success_resets_them(
    tmp_path: Path, feed: _Feed, feed_url: str
) -> None:
    db = tmp_path / "desk.db"
    glimpse("sources", "add", feed_url, "--db", str(db))
    feed.down = True
    glimpse("ingest", "--db", str(db))
    glimpse("ingest", "--db", str(db))
    assert row(db)["failures"] == 2 and row(db)["last_status"] == "G005"
    feed.down = False
    glimpse("ingest", "--db", str(db))
    after = row(db)
    assert after["failures"] == 0 and after["last_status"] == "ok" and after["items_seen"] == 3


def test_tag_prints_each_article_before_the_next_is_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import glimpse.enrich
    from glimpse.cli import records

    seen_before: list[str] = []

    def articles(*_args: object, **_kw: object) -> Iterator[Article]:
        for n in range(3):
            seen_before.append(capsys.readouterr().out)  # what was printed before article n
            yield Article(id=f"a{n}", title=f"Title {n}", text=ITEM)

    monkeypatch.setattr(pipeline, "load_articles", articles)
    monkeypatch.setattr(
        glimpse.enrich,
        "tag_articles",
        lambda arts, top: [Features(a.id, tags=("t",)) for a in arts],
    )
    records.tag(["unused"], top=5, as_json=True)
    seen_before.append(capsys.readouterr().out)
    assert seen_before[0] == ""
    for n, printed in enumerate(seen_before[1:]):
        (line,) = printed.splitlines()  # exactly the article read before, one JSON line
        assert json.loads(line)["id"] == f"a{n}" and json.loads(line)["tags"] == ["t"]
