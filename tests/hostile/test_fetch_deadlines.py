"""Deadlines, robots.txt limits and fail-fast hosts against a hostile server on 127.0.0.1.

Deadlines are kept under two seconds so the suite stays fast; every timing assertion allows a
small margin for a loaded machine.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any

import pytest
from server import HostileServer, Route, repeated

from glimpse.errors import FetchError, FetchTimeout
from glimpse.ingest import Fetcher, FetchOptions

MARGIN = 0.6
PAGE = b"<html><body><p>Ordinary page.</p></body></html>"


@pytest.fixture
def srv() -> Iterator[HostileServer]:
    with HostileServer() as server:
        yield server


def fetcher(srv: HostileServer, **kw: Any) -> Fetcher:
    base: dict[str, Any] = {"min_interval": 0.0, "backoff": 0.01, "retries": 0}
    f = Fetcher(FetchOptions(**(base | kw)))
    f.trust(srv.base)
    return f


def test_a_dripping_body_ends_at_the_deadline_and_says_so(srv: HostileServer) -> None:
    srv.route("/drip", Route(body=b"x" * 1000, drip=0.1))
    with fetcher(srv, deadline=1.0, timeout=0.5) as f, pytest.raises(FetchTimeout) as info:
        start = time.monotonic()
        f.fetch(srv.url("/drip"))
    assert time.monotonic() - start < 1.0 + MARGIN
    assert "no complete answer within the 1 s deadline" in info.value.reason


def test_dripping_headers_cannot_extend_the_deadline(srv: HostileServer) -> None:
    srv.route("/drip-head", Route(body=PAGE, drip=0.1, drip_headers=True))
    with (
        fetcher(srv, deadline=1.0, timeout=0.5) as f,
        pytest.raises(FetchTimeout, match="deadline"),
    ):
        start = time.monotonic()
        f.fetch(srv.url("/drip-head"))
    assert time.monotonic() - start < 1.0 + MARGIN


def test_retries_share_one_budget(srv: HostileServer) -> None:
    srv.route("/drip", Route(body=b"x" * 1000, drip=0.1))
    with fetcher(srv, deadline=1.0, timeout=0.5, retries=3) as f, pytest.raises(FetchTimeout):
        start = time.monotonic()
        f.fetch(srv.url("/drip"))
    assert time.monotonic() - start < 1.0 + MARGIN
    assert srv.hits["/drip"] == 1


def test_a_silent_server_trips_the_read_timeout_named_as_such(srv: HostileServer) -> None:
    srv.route("/stall", Route(body=PAGE, stall=5.0))
    with fetcher(srv, deadline=3.0, timeout=0.3) as f, pytest.raises(FetchTimeout) as info:
        f.fetch(srv.url("/stall"))
    assert "no data for 0.3 s (timeout)" in info.value.reason


def test_a_dripping_robots_txt_ends_within_robots_timeout(srv: HostileServer) -> None:
    srv.route("/robots.txt", Route(body=b"User-agent: *\nDisallow: /\n" * 50, drip=0.1))
    srv.route("/page", Route(body=PAGE))
    with fetcher(srv, robots_timeout=0.5, deadline=2.0) as f:
        start = time.monotonic()
        result = f.fetch(srv.url("/page"))
    assert result.content == PAGE  # robots.txt that never arrives allows all, as a 404 does
    assert time.monotonic() - start < 0.5 + MARGIN


def test_a_150_mb_robots_txt_is_cut_at_the_cap_without_reading_it_all(srv: HostileServer) -> None:
    total = 150 * 1024 * 1024
    head = b"User-agent: *\nDisallow: /private/\n"
    srv.route("/robots.txt", Route(chunks=repeated(head, b"# padding\n", total)))
    srv.route("/page", Route(body=PAGE))
    with fetcher(srv, robots_max_bytes=64 * 1024) as f:
        start = time.monotonic()
        assert f.fetch(srv.url("/page")).content == PAGE
        with pytest.raises(FetchError, match=r"robots\.txt"):
            f.fetch(srv.url("/private/x"))
        elapsed = time.monotonic() - start
    time.sleep(0.2)  # let the server notice the closed connection
    assert srv.sent["/robots.txt"] < 32 * 1024 * 1024  # socket buffers, not the 150 MB
    assert elapsed < 3.0


def test_a_failing_host_fails_fast_for_the_rest_of_the_run(srv: HostileServer) -> None:
    for n in range(6):
        srv.route(f"/stall/{n}", Route(body=PAGE, stall=3.0))
    with fetcher(srv, host_failures=2, timeout=0.2, deadline=1.0, min_interval=0.5) as f:
        for n in range(2):
            with pytest.raises(FetchTimeout):
                f.fetch(srv.url(f"/stall/{n}"))
        start = time.monotonic()
        for n in range(2, 6):
            with pytest.raises(FetchError, match="host_failures") as info:
                f.fetch(srv.url(f"/stall/{n}"))
        fast = time.monotonic() - start
    assert fast < 0.3  # no per-host pause, no connect
    assert all(srv.hits[f"/stall/{n}"] == 0 for n in range(2, 6))
    assert "\n" not in info.value.line() and "failed 2 requests in a row" in info.value.reason


def test_a_success_resets_the_failure_count(srv: HostileServer) -> None:
    srv.route("/stall", Route(body=PAGE, stall=3.0))
    srv.route("/page", Route(body=PAGE))
    with fetcher(srv, host_failures=2, timeout=0.2, deadline=1.0) as f:
        for url in ("/stall", "/page", "/stall", "/page"):
            with contextlib.suppress(FetchTimeout):
                f.fetch(srv.url(url))
    assert srv.hits["/page"] == 2 and srv.hits["/stall"] == 2


def test_a_lying_content_length_is_a_clear_error(srv: HostileServer) -> None:
    srv.route("/short", Route(body=b"only ten b", content_length=100_000))
    with fetcher(srv) as f, pytest.raises(FetchError, match="request failed"):
        f.fetch(srv.url("/short"))
