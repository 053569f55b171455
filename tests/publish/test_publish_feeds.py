"""Feeds a reader accepts: full content, published beside updated, correct self links, charsets,
valid Atom 1.0 and JSON Feed 1.1 wherever they are served from."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedcheck import ATOM, XML_BASE, atom_problems, json_feed_problems
from lxml import etree
from typer.testing import CliRunner

from glimpse.cli import app
from glimpse.publish import publish_site
from glimpse.publish.sample import fill_store
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():  # starlette touches an alias anyio deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

SITE = "https://news.example.org/"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feeds") / "desk.db"
    with Store(path) as store:
        fill_store(store, 6)
    return path


@pytest.fixture(scope="module")
def sites(db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("sites")
    with Store(db) as store:
        publish_site(store, root / "plain")
        publish_site(store, root / "hosted", base_url=SITE)
    return root / "plain", root / "hosted"


def _feeds(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.name.endswith(
        (".atom", ".feed.json")) or p.name == "feed.json")  # fmt: skip


def test_every_static_feed_is_valid_wherever_the_site_is_hosted(sites: tuple[Path, Path]) -> None:
    for out, host in ((sites[0], "https://anywhere.example/x/"), (sites[1], SITE)):
        feeds = _feeds(out)
        assert "feed.atom" in feeds and any(f.startswith("tags/") for f in feeds)
        for rel in feeds:
            data = (out / rel).read_bytes()
            problems = (
                atom_problems(data, host + rel)
                if rel.endswith(".atom")
                else json_feed_problems(data)
            )
            assert problems == [], (rel, problems)


def test_tag_feed_self_link_resolves_to_the_feed_itself(sites: tuple[Path, Path]) -> None:
    plain, hosted = sites
    rel = next(f for f in _feeds(plain) if f.startswith("tags/") and f.endswith(".atom"))
    self_href = [x.get("href") for x in etree.parse(str(plain / rel)).getroot()
                 .findall(f"{ATOM}link") if x.get("rel") == "self"]  # fmt: skip
    assert self_href == [rel.rsplit("/", 1)[-1]]
    hosted_root = etree.parse(str(hosted / rel)).getroot()
    assert hosted_root.get(XML_BASE) == SITE + rel
    entry_link = hosted_root.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert entry_link.startswith(SITE + "stories/")


def test_entries_carry_the_brief_with_its_sources_and_first_report(
    sites: tuple[Path, Path],
) -> None:
    _, hosted = sites
    root = etree.parse(str(hosted / "feed.atom")).getroot()
    entry = root.find(f"{ATOM}entry")
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    fragment = etree.fromstring(f"<div>{content.text}</div>", etree.HTMLParser())
    assert fragment.xpath("//ul/li/a[starts-with(@href, 'https://')]")  # the sources, linked
    published, updated = entry.findtext(f"{ATOM}published"), entry.findtext(f"{ATOM}updated")
    assert published and updated and published <= updated
    item = json.loads((hosted / "feed.json").read_text())["items"][0]
    assert "<ul>" in item["content_html"] and item["date_published"] <= item["date_modified"]


def test_publish_without_base_url_warns_in_one_line_and_never_prompts(
    db: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, ["publish", str(tmp_path / "out"), "--db", str(db)], input="")
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "--base-url" in warning[0]


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db), base_url="http://desk.test") as c:
        yield c


@pytest.mark.parametrize("path", ["/feed.atom", "/search.atom?q=harbour"])
def test_served_atom_feeds_are_valid_with_charset(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert atom_problems(response.content, f"http://desk.test{path}") == []
    assert etree.fromstring(response.content).find(f"{ATOM}entry/{ATOM}content") is not None


def test_served_json_feeds_and_api_say_their_charset(client: TestClient) -> None:
    feed = client.get("/feed.json")
    assert feed.headers["content-type"] == "application/feed+json; charset=utf-8"
    assert json_feed_problems(feed.content) == []
    assert all("content_html" in i for i in feed.json()["items"])
    api = client.get("/stories.json")
    assert api.headers["content-type"] == "application/json; charset=utf-8"
    assert client.get("/").headers["content-type"] == "text/html; charset=utf-8"


def test_validators_catch_what_they_check() -> None:
    bad = (b'<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title>'
           b"<updated>yesterday</updated><entry><id>e</id></entry></feed>")  # fmt: skip
    problems = atom_problems(bad, "https://x.example/feed.atom")
    assert any("RFC 3339" in p for p in problems) and any("self" in p for p in problems)
    assert any("entry 0" in p for p in problems)
    assert json_feed_problems(b'{"version": "1", "items": [{"id": ""}]}') != []
