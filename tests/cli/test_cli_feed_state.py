"""``sources list --json`` after fetches: ``items_seen`` filled, a 304 noted as a fetch, and
``failures`` counted in a row and reset by a success (a feed served on 127.0.0.1)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from glimpse import pipeline
from glimpse.cli import app
from glimpse.models import Article, Features

ITEM = "The harbour authority said the new sea wall held through the storm overnight. " * 6


class _Feed(BaseHTTPRequestHandler):
    state: ClassVar[dict[str, object]] = {"items": 3, "down": False}

    def do_GET(self) -> None:
        if self.state["down"]:
            self.send_error(404)
            return
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()
            return
        items = "".join(
            f"<item><title>Item {n}</title><guid isPermaLink='false'>tag:x,2026:{n}</guid>"
            f"<description>{n} {ITEM}</description></item>"
            for n in range(int(str(self.state["items"])))
        )
        body = f'<rss version="2.0"><channel><title>W</title>{items}</channel></rss>'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", '"v1"')
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def feed_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    # enrich's models take seconds to load and are not what these tests are about
    monkeypatch.setattr(pipeline, "featurize", lambda arts: [Features(a.id) for a in arts])
    _Feed.state.update(items=3, down=False)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/rss.xml"
    finally:
        server.shutdown()
        server.server_close()


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


def test_failures_count_in_a_row_and_a_success_resets_them(tmp_path: Path, feed_url: str) -> None:
    db = tmp_path / "desk.db"
    glimpse("sources", "add", feed_url, "--db", str(db))
    _Feed.state["down"] = True
    glimpse("ingest", "--db", str(db))
    glimpse("ingest", "--db", str(db))
    assert row(db)["failures"] == 2 and row(db)["last_status"] == "G005"
    _Feed.state["down"] = False
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
