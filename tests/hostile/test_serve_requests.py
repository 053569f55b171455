"""Hostile requests to a real `serve` on 127.0.0.1: bad parameters are 400, odd paths 404, never 500.

Requests go over a raw socket so nothing (no client library) cleans the path or the query first.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.routing import Mount, Route

from glimpse.publish.sample import fill_store
from glimpse.serve import create_app
from glimpse.serve.testing import running
from glimpse.store import Store

ERROR_KEYS = {"ok", "error", "status", "code"}
BAD_PAGES = [
    "99999999999999999999999",
    "%C2%B2",  # "²": str.isdigit() says yes, int() says no
    "%D9%A3",  # "٣", an Arabic-Indic digit
    "-1",
    "0",
    "abc",
    "1.5",
    "",
    "1e3",
    "%201",
    "1000001",
]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hostile-serve") / "desk.db"
    with Store(db) as store:
        fill_store(store, 25)
    with running(create_app(db)) as url:
        yield url


def get(base: str, target: bytes) -> tuple[int, dict[str, str], bytes]:
    """GET ``target`` exactly as given (no normalising); status, headers and body."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines)}
    return int(status_line.split()[1]), headers, body


def list_paths(base: str) -> list[str]:
    """Every list endpoint, HTML, JSON and feeds, with a real tag and outlet."""
    tag = json.loads(get(base, b"/tags.json")[2])["tags"][0]["slug"]
    outlet = json.loads(get(base, b"/outlets.json")[2])["outlets"][0]["slug"]
    paths = ["/", "/index.html", "/stories.json", "/feed.atom", "/feed.json"]
    for kind, slug in (("tags", tag), ("outlets", outlet)):
        paths += [f"/{kind}/{slug}{ext}" for ext in ("", ".html", ".json", ".atom", ".feed.json")]
    paths += [f"/search{ext}?q=story" for ext in ("", ".json", ".atom", ".feed.json")]
    return paths


def with_param(path: str, param: str) -> bytes:
    return (path + ("&" if "?" in path else "?") + param).encode("ascii")


def test_every_list_route_of_the_app_is_probed(tmp_path: Path) -> None:
    routes = create_app(tmp_path / "none.db").routes
    paths = {r.path for r in routes if isinstance(r, Route | Mount)}
    probed_or_not_lists = {
        "/",
        "/index.html",
        "/stories.json",
        "/feed.atom",
        "/feed.json",
        "/tags/{key}",
        "/outlets/{key}",
        "/search",
        "/search.json",
        "/search.atom",
        "/search.feed.json",
        "/stories/{key}",  # one story, not a list: tested for odd paths below
        "/tags.json",  # every tag on one page: no parameters
        "/outlets.json",
        "/tags",  # the HTML index of every tag: one page, no parameters
        "/outlets",
        "/stories/{key}/thread.json",  # one story's thread, not a list
        "/sections/{key}",  # one section's current stories on one page: no parameters
        "/static",
    }
    assert paths == probed_or_not_lists, "a new route: add it to list_paths or to this set"


@pytest.mark.parametrize("page", BAD_PAGES)
def test_a_bad_page_is_400_on_every_list_endpoint(base: str, page: str) -> None:
    for path in list_paths(base):
        status, headers, body = get(base, with_param(path, f"page={page}"))
        assert status == 400, (path, page, status)
        last = path.split("?")[0].rsplit("/", 1)[-1]
        if "." in last and not last.endswith(".html"):  # .json and feeds: the JSON error shape
            error = json.loads(body)
            assert set(error) == ERROR_KEYS and error["status"] == 400, (path, error)
        else:
            assert headers["content-type"].startswith("text/html")
            assert b"page must be a whole number" in body


@pytest.mark.parametrize(
    "param",
    ["q=%00", "tag=%1b%5b31m", "outlet=a%7fb", "q=%ff%fe", "page=%zz", "x=%", "q=" + "a" * 5000],
)
def test_a_malformed_query_string_is_400_with_the_error_shape(base: str, param: str) -> None:
    for path in ("/stories.json", "/search.json?q=story", "/tags.json"):
        status, _, body = get(base, with_param(path, param))
        assert status == 400, (path, param)
        error = json.loads(body)
        assert set(error) == ERROR_KEYS and error["code"] == "G009"


def test_search_text_longer_than_the_limit_is_400(base: str) -> None:
    status, _, body = get(base, b"/search.json?q=" + b"word+" * 120)
    assert status == 400 and json.loads(body)["code"] == "G008"
    assert get(base, b"/search.json?q=" + b"word+" * 90)[0] == 200


@pytest.mark.parametrize(
    "target",
    [
        b"/static/%00",
        b"/static/style.css%00",
        b"/static/../x",
        b"/static/..%2f..%2fetc%2fpasswd",
        b"/static/%2e%2e/%2e%2e/etc/passwd",
        b"/stories/%00",
        b"/stories/%00.json",
        b"/stories/a%1bb",
        b"/tags/%7f",
        b"/st%ories",
        b"/stories/%ff%fe",
        b"/stories/%e2%82",
        b"/" + b"a" * 5000,
        b"/stories/" + b"b" * 5000 + b".json",
        b"//etc/passwd",
        b"/static//etc/passwd",
    ],
)
def test_an_odd_path_is_404_never_500(base: str, target: bytes) -> None:
    status, _, body = get(base, target)
    assert status == 404, (target[:60], status, body[:200])


def test_the_404_page_speaks_to_a_person_not_to_an_api_client(base: str) -> None:
    for target in (b"/no/such/page", b"/stories/s-nope", b"/tags/no-such-tag"):
        status, _, body = get(base, target)
        assert status == 404
        assert b"/stories.json" not in body and b"/tags.json" not in body
        assert b"front page" in body
    error = json.loads(get(base, b"/stories/s-nope.json")[2])
    assert error["code"] == "G014" and "/stories.json" in error["error"]


def test_a_page_past_the_end_is_empty_with_a_link_to_the_last_page(base: str) -> None:
    status, _, body = get(base, b"/?page=999")
    assert status == 200
    assert b"past the end" in body and b'href="/?page=2"' in body
    data = json.loads(get(base, b"/stories.json?page=999")[2])
    assert data["stories"] == [] and data["prev"] == "/stories.json?page=2"
    assert data["pages"] == 2 and 20 < data["total"] <= 40


def test_a_good_request_after_the_hostile_ones_still_answers(base: str) -> None:
    status, _, body = get(base, b"/stories.json?page=2")
    assert status == 200 and json.loads(body)["page"] == 2
