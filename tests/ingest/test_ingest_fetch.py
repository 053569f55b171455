"""HTTP fetching and feeds against a real server on 127.0.0.1."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from glimpse.errors import FetchError, FetchTimeout, NotAFeed, SkipRecord, TooLarge
from glimpse.ingest import Fetcher, FetchOptions, RawDoc, iter_sources, parse_feed
from glimpse.ingest.feeds import looks_like_feed
from tests._http import LocalServer, Reply, Request, Route

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Quake hits coast</title><link>{base}/a.html</link>
<pubDate>Tue, 03 Sep 2024 10:00:00 GMT</pubDate></item>
<item><title>Broken link</title><link>{base}/missing.html</link></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Wire</title><id>urn:x</id><updated>2024-09-03T10:00:00Z</updated>
<entry><title>Entry</title><id>urn:e</id><link href="http://x.test/e"/><updated>2024-09-03T10:00:00Z</updated></entry>
</feed>"""
JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "JSON Wire",
    "items": [
        {
            "id": "1",
            "url": "http://x.test/j",
            "title": "J",
            "date_published": "2024-09-03T10:00:00Z",
        }
    ],
}


def _routes(server: LocalServer) -> dict[str, Route]:
    """Every answer carries ETag "v1"; the feed answers 304 to it, /flaky 503 the first time,
    /slow after 1.5 s."""

    def page(status: int, ctype: str, body: bytes) -> Reply:
        return Reply(status, {"Content-Type": ctype, "ETag": '"v1"'}, body)

    def feed(request: Request) -> Reply:
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304)
        return page(200, "application/rss+xml", RSS.replace(b"{base}", server.base.encode()))

    def slow(_request: Request) -> Reply:
        time.sleep(1.5)
        return page(404, "text/plain", b"not found")

    def flaky(_request: Request) -> Reply:
        if server.hits["/flaky"] == 1:
            return page(503, "text/plain", b"busy")
        return page(200, "text/html", b"<p>ok now</p>")

    return {
        "/robots.txt": page(200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/feed.xml": feed,
        "/a.html": page(200, "text/html", b"<html><body><p>Quake story.</p></body></html>"),
        "/private/x.html": page(200, "text/html", b"secret"),
        "/big": page(200, "text/html", b"x" * 5000),
        "/error": page(500, "text/plain", b"boom"),
        "/slow": slow,
        "/flaky": flaky,
    }


@pytest.fixture(scope="module")
def local() -> Iterator[LocalServer]:
    with LocalServer() as httpd:
        httpd.routes.update(_routes(httpd))
        yield httpd


@pytest.fixture(scope="module")
def server(local: LocalServer) -> str:
    return local.base


def fast(**kw: Any) -> Fetcher:
    """A fetcher for this local server (allow_private: the address rule is tested in hostile/)."""
    return Fetcher(FetchOptions(min_interval=0.0, backoff=0.01, allow_private=True, **kw))


def test_fetch_sends_a_clear_user_agent_and_returns_content(server: str) -> None:
    with fast() as f:
        result = f.fetch(f"{server}/a.html")
    assert result.status == 200 and b"Quake story" in result.content
    assert f.client.headers["User-Agent"].startswith("glimpse/")


def test_http_error_names_the_url(server: str) -> None:
    with fast(retries=0) as f, pytest.raises(FetchError) as info:
        f.fetch(f"{server}/error")
    assert info.value.subject.endswith("/error") and "HTTP 500" in info.value.reason


def test_transient_503_is_retried_with_backoff(server: str) -> None:
    with fast(retries=2) as f:
        assert f.fetch(f"{server}/flaky").content == b"<p>ok now</p>"


def test_timeout_is_a_clear_skip(server: str) -> None:
    with fast(timeout=0.3, retries=0) as f, pytest.raises(FetchTimeout):
        f.fetch(f"{server}/slow")


def test_size_limit_stops_reading(server: str) -> None:
    with fast(max_bytes=1000) as f, pytest.raises(TooLarge):
        f.fetch(f"{server}/big")


def test_robots_txt_is_respected(server: str) -> None:
    with fast() as f, pytest.raises(FetchError, match=r"robots\.txt"):
        f.fetch(f"{server}/private/x.html")


def test_politeness_spaces_requests_to_one_host(server: str) -> None:
    with Fetcher(FetchOptions(min_interval=0.25, allow_private=True)) as f:
        start = time.monotonic()
        f.fetch(f"{server}/a.html")
        f.fetch(f"{server}/a.html")
        assert time.monotonic() - start >= 0.25


def test_feed_url_fetches_linked_pages_and_reports_broken_links(
    server: str, local: LocalServer
) -> None:
    saved: dict[str, tuple[str | None, str | None]] = {}
    with fast() as f:
        items = list(
            iter_sources(
                [f"{server}/feed.xml"],
                f,
                feed_state=lambda url: saved.get(url, (None, None)),
                save_feed_state=lambda url, etag, lm, _n: saved.__setitem__(url, (etag, lm)),
            )
        )
        docs = [i for i in items if isinstance(i, RawDoc) and i.kind == "html"]  # fetched pages
        skips = [i for i in items if isinstance(i, SkipRecord)]
        assert [d.url for d in docs] == [f"{server}/a.html"]
        assert (
            docs[0].hints["title"] == "Quake hits coast"
            and docs[0].hints["source"] == "Example Wire"
        )
        assert skips[0].subject.endswith("/missing.html") and "404" in skips[0].reason
        # second poll: conditional request answered 304, nothing is fetched again
        before = local.hits["/a.html"]
        assert (
            list(iter_sources([f"{server}/feed.xml"], f, feed_state=lambda url: saved[url])) == []
        )
        assert local.hits["/a.html"] == before


def test_atom_and_json_feeds_parse() -> None:
    atom = parse_feed(ATOM, "atom")
    assert atom.title == "Atom Wire" and atom.entries[0].url == "http://x.test/e"
    jf = parse_feed(json.dumps(JSON_FEED).encode(), "jf")
    assert jf.entries[0].published is not None and jf.entries[0].url == "http://x.test/j"


def test_html_is_not_a_feed_and_bad_xml_feed_is_refused() -> None:
    assert not looks_like_feed("text/html", b"<!doctype html><html></html>")
    assert looks_like_feed("application/xml", b'<?xml version="1.0"?><rss version="2.0">')
    with pytest.raises(NotAFeed):
        parse_feed(b"<?xml version='1.0'?><html><body>no feed</body></html>", "x")
    with pytest.raises(NotAFeed):
        parse_feed(b'{"title": "no version"}', "y")
