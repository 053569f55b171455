"""The HTML pages of the server: content, escaping, accessibility landmarks, no external requests."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html

from glimpse.publish.sample import add_story, fill_store, sample_article, sample_tags, story_id
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

EVIL = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("pages") / "desk.db"
    with Store(path) as store:
        fill_store(store, 6)
        evil = [sample_article(40, 0, title=f"{EVIL} Harbour news"), sample_article(40, 1)]
        add_story(store, story_id(40), evil, (EVIL, "Lisbon"))
    with TestClient(create_app(path)) as c:
        yield c


def _doc(text: str) -> lxml_html.HtmlElement:
    assert text.startswith("<!doctype html>")
    return lxml_html.fromstring(text)


@pytest.mark.parametrize(
    "path", ["/", f"/stories/{story_id(40)}", "/tags/lisbon", "/search?q=harbour", "/?page=1"]
)
def test_source_text_is_escaped_everywhere(client: TestClient, path: str) -> None:
    text = client.get(path).text
    assert EVIL not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    # the only script is the site's own relative-time file: none inline, none from the text
    scripts = _doc(text).xpath("//script")
    assert [(s.get("src"), s.text) for s in scripts] == [("/static/time.js", None)]


@pytest.mark.parametrize(
    "path", ["/", f"/stories/{story_id(2)}", "/tags/lyon", "/outlets/metro-wire"]
)
def test_pages_have_landmarks_labels_and_no_external_requests(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert "default-src 'none'" in response.headers["content-security-policy"]
    doc = _doc(response.text)
    assert doc.get("lang") == "en"
    assert doc.xpath("//header") and doc.xpath("//main[@id='main']") and doc.xpath("//footer")
    assert doc.xpath("//meta[@name='viewport']")
    for field in doc.xpath("//input[@id] | //select[@id]"):
        assert doc.xpath(f"//label[@for='{field.get('id')}']"), field.get("id")
    fetched = doc.xpath("//link[@rel='stylesheet']/@href | //script/@src | //img/@src")
    assert fetched and all(not re.match(r"^(https?:)?//", url) for url in fetched)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert len(doc.xpath("//h1")) == 1


def test_stylesheet_is_served_locally_and_supports_dark_mode(client: TestClient) -> None:
    css = client.get("/static/style.css").text
    assert "prefers-color-scheme: dark" in css and "@media (max-width" in css
    assert "url(" not in css and "@import" not in css


def test_story_page_shows_every_part_of_the_brief(client: TestClient) -> None:
    doc = _doc(client.get(f"/stories/{story_id(3)}").text)
    assert doc.xpath("//h1")[0].text_content().startswith("Rotterdam")
    markers = doc.xpath("//details[@class='ev']")
    assert len(markers) == 2 + 2 * 4  # summary, then two sentences per further article
    first = markers[0]
    assert "Water Board in Rotterdam" in first.xpath(".//q")[0].text_content()
    assert first.xpath(".//a/@href")[0].startswith("https://example.org/")
    quote = doc.xpath("//figure[@class='quote']")[0]
    assert (
        "We will publish every figure" in quote.text_content()
        and "Jan de Vries" in quote.text_content()
    )
    assert "/tags/rotterdam" in doc.xpath("//ul[@class='tags']//a/@href")
    assert "5 outlets" in doc.xpath("//p[@class='meta']")[0].text_content()
    sources = doc.xpath("//section[@class='sources']//li")
    assert len(sources) == 5 and all(s.xpath(".//time") for s in sources)
    assert len(doc.xpath("//section[@class='timeline']/ol/li[@class='ev-article']")) == 5
    assert doc.xpath("//section[@class='timeline']//li[@class='ev-version']")


def test_front_page_links_tags_outlets_and_pages(client: TestClient) -> None:
    doc = _doc(client.get("/").text)
    cards = doc.xpath("//ol[@class='cards']/li")
    assert len(cards) == 7
    hrefs = doc.xpath("//a/@href")
    assert "/tags/lisbon" in hrefs and "/outlets/metro-wire" in hrefs
    assert doc.xpath("//form[@role='search']//input[@name='q']")
    assert doc.xpath("//link[@type='application/atom+xml']/@href") == ["/feed.atom"]


def test_tag_page_with_a_tag_name_instead_of_a_slug_works(client: TestClient) -> None:
    assert client.get("/tags/Lisbon").status_code == 200
    assert "Lisbon" in _doc(client.get("/tags/lisbon").text).xpath("//h1")[0].text_content()


def test_empty_search_goes_back_to_the_front_page(client: TestClient) -> None:
    response = client.get("/search?q=", follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == "/"


def test_search_page_shows_matches_and_keeps_the_query_in_the_box(client: TestClient) -> None:
    doc = _doc(client.get("/search?q=Dresden").text)
    assert doc.xpath("//input[@name='q']/@value") == ["Dresden"]
    headlines = [a.text_content() for a in doc.xpath("//ol[@class='cards']//h2/a")]
    assert headlines and all("Dresden" in h for h in headlines)


def test_a_second_version_appears_in_the_timeline(tmp_path: Path) -> None:
    path = tmp_path / "v.db"
    with Store(path) as store:
        add_story(store, story_id(5), [sample_article(5, 0)], sample_tags(5))
        add_story(store, story_id(5), [sample_article(5, 0), sample_article(5, 1)], sample_tags(5))
    with TestClient(create_app(path)) as c:
        doc = _doc(c.get(f"/stories/{story_id(5)}").text)
    versions = doc.xpath("//li[@class='ev-version']")
    assert len(versions) == 2
    assert "1 new article" in versions[1].text_content()
    assert doc.xpath("//details[@class='version']")


DIFFER = [sample_article(5, 0), sample_article(5, 1)]  # Valley Gazette, then Northern Star


def _conflicted_db(tmp_path: Path) -> Path:
    """A story whose brief says sources differ on a figure in summary sentence 2, and on
    another figure no sentence states."""
    from dataclasses import replace
    from datetime import timedelta

    from glimpse.models import Conflict, ConflictValue
    from glimpse.publish.sample import BASE_TIME, sample_brief

    articles = DIFFER
    a, b = articles
    people = Conflict(
        "people",
        (
            ConflictValue("127", (b.id,), b.published, (b.source or "",)),
            ConflictValue("120", (a.id,), a.published, (a.source or "",)),
        ),
        (0, 1),
        "summary",
    )
    dead = Conflict(
        "dead",
        (
            ConflictValue("3", (b.id,), BASE_TIME + timedelta(days=1), (b.source or "",)),
            ConflictValue("at least 2", (a.id,), BASE_TIME, (a.source or "",)),
        ),
    )
    path = tmp_path / "differ.db"
    with Store(path) as store:
        for article in articles:
            store.add_article(article)
        store.save_assignments([(x.id, story_id(5)) for x in articles], [], None)
        brief = sample_brief(story_id(5), articles, sample_tags(5))
        store.save_brief(replace(brief, conflicts=(people, dead)))
    return path


def test_story_page_shows_where_sources_differ_beside_the_sentence(tmp_path: Path) -> None:
    with TestClient(create_app(_conflicted_db(tmp_path))) as c:
        doc = _doc(c.get(f"/stories/{story_id(5)}").text)
    sentence = doc.xpath("//span[@id='s2']")[0]
    assert sentence.get("aria-describedby") == "d2" and "disputed" in sentence.get("class")
    note = doc.xpath("//*[@id='d2']")[0]
    assert note.get("role") == "note"
    words = " ".join(note.text_content().split())
    assert words.startswith("Sources differ: 127 people — Northern Star, 27 Nov 2026")
    assert "; 120 people — Valley Gazette, " in words
    assert len(note.xpath(".//time[@datetime]")) == 2
    assert "/outlets/northern-star" in note.xpath(".//a/@href")
    assert not doc.xpath("//span[@id='s1']/@aria-describedby")
    # the marker buttons are untouched: the first one is still sentence 1's
    assert doc.xpath("//details[@class='ev']")[0].xpath("./summary/@aria-label") == [
        "Sources for sentence 1"
    ]
    unplaced = doc.xpath("//section[@class='differs']")[0]
    assert unplaced.xpath("./h2")[0].text_content() == "Sources differ"
    (item,) = unplaced.xpath(".//li")
    assert " ".join(item.text_content().split()).startswith("3 dead — Northern Star, ")
    assert "at least 2 dead — Valley Gazette" in item.text_content()


def test_a_story_without_conflicts_shows_no_differ_markup(client: TestClient) -> None:
    doc = _doc(client.get(f"/stories/{story_id(2)}").text)
    assert not doc.xpath("//*[contains(@class, 'differ')] | //*[@class='s disputed']")
