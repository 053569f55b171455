"""Each front-page section has its own page: /sections/<slug> on the server and
sections/<slug>.html in the static site, linked from the section's heading."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

from glimpse.publish import publish_site
from glimpse.publish.front import SECTION_SIZE, load_front
from glimpse.publish.links import slugify
from glimpse.publish.sample import fill_store
from glimpse.publish.section_view import load_section, section_names
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sections") / "desk.db"
    with Store(path) as store:
        fill_store(store, 40)
    return path


def _story_links(html: str) -> list[str]:
    return re.findall(r'<h2><a href="[./]*(stories/[^".]+)', html)


def test_a_section_page_starts_with_the_front_page_s_cards_and_holds_more(db: Path) -> None:
    with Store(db) as store:
        front = load_front(store)
        assert front.sections
        for section in front.sections:
            listing = load_section(store, section.name)
            ids = [r.story for r in listing.rows]
            # the front's cards are the section page's first ones (the lead may sit among them)
            shown = [r.story for r in section.rows]
            assert [i for i in ids if front.lead is None or i != front.lead.story][
                : len(shown)
            ] == shown
            assert listing.kind == "section" and listing.total == len(ids)
        full = [s for s in front.sections if len(s.rows) == SECTION_SIZE]
        assert any(load_section(store, s.name).total > SECTION_SIZE for s in full)


def test_the_server_links_each_section_heading_to_its_page(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        front = client.get("/").text
        headings = re.findall(r'<h2 id="sec-[^"]+"><a href="/sections/([^"]+)">([^<]+)</a>', front)
        assert headings and all(slug == slugify(name) for slug, name in headings)
        for slug, name in headings:
            page = client.get(f"/sections/{slug}")
            assert page.status_code == 200 and page.headers["content-type"].endswith("utf-8")
            assert f'<h1 id="list-title">{name}</h1>' in page.text
            api = client.get(f"/sections/{slug}.json").json()
            assert api["title"] == name and api["total"] == len(api["stories"]) > 0
            assert [s["url"] for s in api["stories"]] == [
                "/" + link for link in _story_links(page.text)
            ]


def test_an_unknown_section_is_a_404_that_speaks_to_a_reader(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        page = client.get("/sections/no-such-section")
        assert page.status_code == 404 and "front page" in page.text
        api = client.get("/sections/no-such-section.json")
        assert api.status_code == 404 and api.json()["code"] == "G001"


def test_the_static_site_has_the_same_section_pages(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        publish_site(store, tmp_path / "site")
    site = tmp_path / "site"
    front = (site / "index.html").read_text("utf-8")
    slugs = re.findall(r'<h2 id="sec-[^"]+"><a href="\./sections/([^"]+)\.html">', front)
    assert slugs and set(slugs) <= set(section_names())
    with TestClient(create_app(db)) as client:
        for slug in slugs:
            page = (site / "sections" / f"{slug}.html").read_text("utf-8")
            assert _story_links(page) == _story_links(client.get(f"/sections/{slug}").text)
            assert 'href="../index.html">Back to the front page' in page
            data = json.loads((site / "sections" / f"{slug}.json").read_text("utf-8"))
            assert data["total"] == len(_story_links(page))
