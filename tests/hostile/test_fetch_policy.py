"""The fetch policy end to end on 127.0.0.1: what content may make glimpse fetch."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from server import HostileServer, Route, redirect

from glimpse.errors import AddressRefused, FetchError, SkipRecord, TooLarge
from glimpse.ingest import Fetcher, FetchOptions, RawDoc, iter_sources
from glimpse.ingest.address import Address

PAGE = b"<html><body><p>Ordinary page.</p></body></html>"
SECRET = b"<html><body><p>SECRET ADMIN PAGE</p></body></html>"


@pytest.fixture
def site() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


@pytest.fixture
def admin() -> Iterator[HostileServer]:
    """Another local service that content must never reach."""
    with HostileServer() as server:
        server.route("/secret", Route(body=SECRET))
        yield server


def options(**kw: Any) -> FetchOptions:
    return FetchOptions(**({"min_interval": 0.0, "backoff": 0.01, "retries": 0} | kw))


def rss(*links: str, updated: str | None = None) -> bytes:
    stamp = f"<atom:updated>{updated}</atom:updated>" if updated else ""
    items = "".join(
        f"<item><title>Item {n}</title><link>{link}</link>{stamp}</item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel><title>Wire</title>{items}</channel></rss>"
    ).encode()


def feed_route(*links: str, updated: str | None = None) -> Route:
    return Route(body=rss(*links, updated=updated), content_type="application/rss+xml")


def ingest(feed_url: str, fetch_options: FetchOptions, **kw: Any) -> list[RawDoc | SkipRecord]:
    with Fetcher(fetch_options) as fetcher:
        return list(iter_sources([feed_url], fetcher, **kw))


def test_a_redirect_to_another_local_service_is_refused(
    site: HostileServer, admin: HostileServer
) -> None:
    site.route("/page", redirect(admin.url("/secret")))
    with Fetcher(options()) as f, pytest.raises(AddressRefused) as info:
        f.trust(site.base)
        f.fetch(site.url("/page"))
    assert info.value.code == "G018" and info.value.subject == site.url("/page")
    assert admin.url("/secret") in info.value.reason and "loopback" in info.value.reason
    assert admin.hits["/secret"] == 0


def test_a_redirect_to_a_name_resolving_to_loopback_is_refused(site: HostileServer) -> None:
    site.route("/page", redirect(site.url("/other", host="localhost")))
    site.route("/other", Route(body=SECRET))
    with Fetcher(options()) as f, pytest.raises(AddressRefused, match="localhost resolves to"):
        f.trust(site.base)
        f.fetch(site.url("/page"))
    assert site.hits["/other"] == 0


def test_a_same_origin_redirect_is_followed_and_robots_is_read_for_each_host(
    site: HostileServer,
) -> None:
    site.route("/old", redirect("/new", status=301))
    site.route("/new", Route(body=PAGE))
    with Fetcher(options()) as f:
        f.trust(site.base)
        result = f.fetch(site.url("/old"))
    assert result.content == PAGE and result.url == site.url("/new")
    assert site.hits["/robots.txt"] == 1


def test_robots_txt_of_a_redirect_target_is_obeyed(
    site: HostileServer, admin: HostileServer
) -> None:
    admin.route("/robots.txt", Route(body=b"User-agent: *\nDisallow: /secret\n"))
    site.route("/page", redirect(admin.url("/secret")))
    with Fetcher(options(allow_private=True)) as f, pytest.raises(FetchError) as info:
        f.fetch(site.url("/page"))
    assert "robots.txt (redirect to" in info.value.reason and admin.hits["/secret"] == 0


def test_redirect_loops_end_at_the_cap(site: HostileServer) -> None:
    site.route("/loop", redirect("/loop"))
    with Fetcher(options()) as f, pytest.raises(FetchError, match="more than 10 redirects"):
        f.trust(site.base)
        f.fetch(site.url("/loop"))


def test_feed_items_reach_the_feeds_origin_but_not_another_local_port(
    site: HostileServer, admin: HostileServer
) -> None:
    site.route("/a.html", Route(body=PAGE))
    site.route("/feed.xml", feed_route(site.url("/a.html"), admin.url("/secret")))
    items = ingest(site.url("/feed.xml"), options())
    docs = [i for i in items if isinstance(i, RawDoc) and i.kind == "html"]  # fetched pages
    refused = [i for i in items if isinstance(i, AddressRefused)]
    assert [d.url for d in docs] == [site.url("/a.html")]
    assert [r.subject for r in refused] == [admin.url("/secret")]
    assert admin.hits["/secret"] == 0
    assert "SECRET" not in repr([d.content for d in docs])


def test_allow_private_lifts_the_rule(site: HostileServer, admin: HostileServer) -> None:
    site.route("/feed.xml", feed_route(admin.url("/secret")))
    items = ingest(site.url("/feed.xml"), options(allow_private=True))
    assert [i.content for i in items if isinstance(i, RawDoc)] == [SECRET]


def test_non_http_entry_links_are_never_fetched(site: HostileServer) -> None:
    site.route(
        "/feed.xml",
        feed_route("urn:uuid:0d6e2c3a-1111-2222-3333-444455556666", "javascript:alert(1)"),
    )
    items = ingest(site.url("/feed.xml"), options())
    assert not [i for i in items if isinstance(i, SkipRecord)]
    # titled items without an http(s) link are headline articles (issue 15 item 3), unfetched
    assert [(i.kind, i.url) for i in items if isinstance(i, RawDoc)] == [("record", None)] * 2
    assert set(site.hits) == {"/robots.txt", "/feed.xml"}


def test_relative_entry_links_are_read_against_the_feed(site: HostileServer) -> None:
    site.route("/news/a.html", Route(body=PAGE))
    site.route("/news/feed.xml", feed_route("a.html"))
    items = ingest(site.url("/news/feed.xml"), options())
    assert [i.url for i in items if isinstance(i, RawDoc)] == [site.url("/news/a.html")]


def test_a_huge_feed_is_read_up_to_the_entry_cap(site: HostileServer) -> None:
    links = [site.url(f"/p{n}") for n in range(30)]
    for n in range(30):
        site.route(f"/p{n}", Route(body=PAGE))
    site.route("/feed.xml", feed_route(*links))
    items = ingest(site.url("/feed.xml"), options(feed_entries=5))
    capped = [i for i in items if isinstance(i, TooLarge)]
    assert len([i for i in items if isinstance(i, RawDoc)]) == 5
    assert len(capped) == 1 and "30 entries, over the 5 entry limit" in capped[0].reason
    assert site.hits["/p5"] == 0


def test_stored_urls_are_not_fetched_again_unless_the_feed_dates_an_update(
    site: HostileServer,
) -> None:
    site.route("/a.html", Route(body=PAGE))
    site.route("/b.html", Route(body=PAGE))
    stored = {site.url("/a.html"): datetime.now(UTC) - timedelta(days=1)}
    site.route("/feed.xml", feed_route(site.url("/a.html"), site.url("/b.html")))
    items = ingest(site.url("/feed.xml"), options(), stored_at=stored.get)
    assert [i.url for i in items if isinstance(i, RawDoc)] == [site.url("/b.html")]
    assert site.hits["/a.html"] == 0
    # the feed now says the entry was updated after it was stored: fetch it again
    site.route("/feed.xml", feed_route(site.url("/a.html"), updated=datetime.now(UTC).isoformat()))
    items = ingest(site.url("/feed.xml"), options(), stored_at=stored.get)
    assert [i.url for i in items if isinstance(i, RawDoc)] == [site.url("/a.html")]


def test_the_connect_re_checks_the_address_so_dns_rebinding_fails(site: HostileServer) -> None:
    """The name answers a public address to the check and loopback to the connect."""
    answers = iter(["93.184.215.14", "127.0.0.1"])

    def rebinding(host: str, port: int) -> list[Address]:
        return [ipaddress.ip_address(next(answers, "127.0.0.1"))]

    site.route("/secret", Route(body=SECRET))
    with Fetcher(options(robots=False)) as f, pytest.raises(AddressRefused) as info:
        f.guard.resolver = rebinding
        f.fetch(f"http://rebind.test:{site.port}/secret")
    assert info.value.subject == f"http://rebind.test:{site.port}/secret"
    assert site.hits["/secret"] == 0
