"""The static site: files, links that resolve, valid feeds, escaping and the atomic swap."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree
from lxml import html as lxml_html

from glimpse.publish import PublishResult, publish_site
from glimpse.publish.sample import add_story, fill_store, sample_article, story_id
from glimpse.store import Store

ATOM = "{http://www.w3.org/2005/Atom}"
EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PublishResult]:
    root = tmp_path_factory.mktemp("site")
    with Store(root / "desk.db") as store:
        fill_store(store, 23)
        evil = [sample_article(50, 0, title=f"{EVIL} Harbour"), sample_article(50, 1)]
        add_story(store, story_id(50), evil, (EVIL, "Lisbon"))
        result = publish_site(store, root / "out")
    return root / "out", result


def test_site_has_every_page_kind(site: tuple[Path, PublishResult]) -> None:
    out, result = site
    assert result.out_dir == out and result.stories == 24
    for name in (
        "index.html",
        "index.p2.html",
        "stories.json",
        "stories.p2.json",
        "feed.atom",
        "feed.json",
        "tags.json",
        "outlets.json",
        "static/style.css",
        "tags/lisbon.html",
        "tags/lisbon.json",
        "tags/lisbon.atom",
        "tags/lisbon.feed.json",
        "outlets/metro-wire.html",
        "outlets/metro-wire.json",
    ):
        assert (out / name).is_file(), name
    assert len(list((out / "stories").glob("*.html"))) == 24
    assert len(list((out / "stories").glob("*.json"))) == 24
    assert result.pages == sum(1 for p in out.rglob("*") if p.is_file())


def test_every_relative_link_in_every_page_resolves(site: tuple[Path, PublishResult]) -> None:
    out, _ = site
    pages = list(out.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        doc = lxml_html.fromstring(page.read_text())
        for url in doc.xpath("//a/@href | //link/@href"):
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                continue
            assert (page.parent / parts.path).resolve().is_file(), f"{page}: {url}"


def test_static_pages_match_the_server_templates(site: tuple[Path, PublishResult]) -> None:
    out, _ = site
    doc = lxml_html.fromstring((out / "stories" / f"{story_id(3)}.html").read_text())
    assert doc.xpath("//details[@class='ev']//q")
    assert doc.xpath("//section[@class='timeline']//li[@class='ev-version']")
    assert doc.xpath("//link[@rel='stylesheet']/@href") == ["../static/style.css"]
    form = doc.xpath("//form[@role='search']")[0]  # answered by search.html's script
    assert form.get("action") == "../search.html"
    scripts = lxml_html.fromstring((out / "search.html").read_text()).xpath("//script/@src")
    assert scripts == [
        "./static/time.js",
        "./static/stemmer.js",
        "./search-index.js",
        "./static/search.js",
    ]


def test_search_index_holds_every_story_with_its_body_words(
    site: tuple[Path, PublishResult],
) -> None:
    out, _ = site
    index = json.loads((out / "search-index.json").read_text())["stories"]
    assert len(index) == 24 and (out / "search.html").is_file()
    valencia = [s for s in index if "evacuated" in s["text"]]
    assert valencia and all((out / s["url"]).is_file() for s in valencia)
    assert all(s["text"] == s["text"].lower() for s in index)


def test_source_text_is_escaped_in_static_pages_and_feeds(site: tuple[Path, PublishResult]) -> None:
    out, _ = site
    assert EVIL not in (out / "index.html").read_text()
    for rel in ("tags.html", f"stories/{story_id(50)}.html", "tags/lisbon.html"):
        text = (out / rel).read_text()
        assert EVIL not in text and "&lt;script&gt;" in text, rel
    atom = (out / "feed.atom").read_text()
    assert EVIL not in atom
    titles = [e.findtext(f"{ATOM}title") for e in etree.parse(str(out / "feed.atom")).getroot()]
    assert f"{EVIL} Harbour" in titles


def test_feeds_validate_as_atom_1_0_and_json_feed_1_1(site: tuple[Path, PublishResult]) -> None:
    out, _ = site
    for rel in ("feed.atom", "tags/lisbon.atom"):
        parsed = feedparser.parse((out / rel).read_bytes())
        assert not parsed.bozo and parsed.version == "atom10" and parsed.entries, rel
        root = etree.parse(str(out / rel)).getroot()
        for name in ("id", "title", "updated", "author", "link"):
            assert root.find(f"{ATOM}{name}") is not None
        for entry in root.findall(f"{ATOM}entry"):
            href = entry.find(f"{ATOM}link").get("href")
            assert ((out / rel).parent / href).resolve().is_file()
    for rel in ("feed.json", "tags/lisbon.feed.json"):
        feed = json.loads((out / rel).read_text())
        assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
        assert feed["items"] and all(i["id"] and "content_text" in i for i in feed["items"])


def test_json_api_files_mirror_the_server_shapes(site: tuple[Path, PublishResult]) -> None:
    out, _ = site
    listing = json.loads((out / "stories.json").read_text())
    assert listing["ok"] and listing["total"] == 24 and len(listing["stories"]) == 20
    assert listing["next"] == "./stories.p2.json"
    story = json.loads((out / "stories" / f"{story_id(3)}.json").read_text())
    assert story["story"] == story_id(3) and story["evidence"] and story["timeline"]


def test_base_url_makes_feed_links_absolute(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as store:
        fill_store(store, 2)
        publish_site(store, tmp_path / "out", base_url="https://news.example.org")
    feed = json.loads((tmp_path / "out" / "feed.json").read_text())
    assert feed["feed_url"] == "https://news.example.org/feed.json"
    assert feed["items"][0]["url"].startswith("https://news.example.org/stories/")


def test_republishing_replaces_the_old_site_whole(tmp_path: Path) -> None:
    out = tmp_path / "site" / "out"
    with Store(tmp_path / "three.db") as store:
        fill_store(store, 3)
        publish_site(store, out)
    gone = f"stories/{story_id(2)}.html"
    assert gone in json.loads((out / ".glimpse-site.json").read_text())["files"]
    with Store(tmp_path / "two.db") as store:
        fill_store(store, 2)
        publish_site(store, out)
    assert not (out / gone).exists() and (out / "stories" / f"{story_id(1)}.html").exists()
    assert gone not in json.loads((out / ".glimpse-site.json").read_text())["files"]
    assert [p.name for p in out.parent.iterdir()] == ["out"]


def test_a_failed_publish_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with Store(tmp_path / "d.db") as store:
        fill_store(store, 2)
        publish_site(store, out)
    before = (out / "index.html").read_text()

    broken_store = Store(tmp_path / "d.db")

    def fail(story: str) -> None:
        raise OSError("disk went away")

    broken_store.brief = fail  # type: ignore[method-assign, assignment]
    with pytest.raises(OSError, match="disk went away"):
        publish_site(broken_store, out)
    broken_store.close()
    assert (out / "index.html").read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_static_site_has_thread_files_and_name_index_pages(
    site: tuple[Path, PublishResult],
) -> None:
    out, _ = site
    thread = json.loads((out / "stories" / story_id(0) / "thread.json").read_text())
    assert [r["story"] for r in thread["earlier"]] == [story_id(8), story_id(16)]
    for row in thread["earlier"]:  # links relative to the thread file resolve to story pages
        assert (out / "stories" / story_id(0) / row["url"]).resolve().is_file()
    page = lxml_html.fromstring((out / f"stories/{story_id(0)}.html").read_text())
    assert page.xpath("//section[@class='thread']//h3/text()")[0] == "Earlier in this thread"
    for kind in ("tags", "outlets"):
        names = lxml_html.fromstring((out / f"{kind}.html").read_text())
        listed = json.loads((out / f"{kind}.json").read_text())[kind]
        assert len(names.xpath("//ul[@class='name-index']/li")) == len(listed)
