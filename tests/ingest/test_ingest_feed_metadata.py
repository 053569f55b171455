"""A feed item's authors, categories and enclosures kept on its article, and ``text_source``
saying whether the page or the item's own text won (feeds served on 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from glimpse import pipeline
from glimpse.ingest import Fetcher, FetchOptions
from glimpse.ingest.feeds import parse_feed
from glimpse.models import Article, Enclosure, RunReport
from glimpse.publish.story_view import source_rows
from glimpse.serialize import article_from_dict, article_to_dict
from tests._http import LocalServer, Reply

SENTENCE = "The harbour authority said the new sea wall held through the storm overnight. "
ITEM_TEXT = SENTENCE * 8  # 104 words: over the 50-word floor
LONG_PAGE = (
    "<html><head><title>Sea wall holds</title></head><body><article><h1>Sea wall holds</h1>"
    + "".join(f"<p>{SENTENCE * 3}Paragraph {i} of the full report.</p>" for i in range(8))
    + "</article></body></html>"
).encode()
SHORT_PAGE = (
    b"<html><head><title>Brief</title></head><body><article><h1>Brief</h1>"
    b"<p>The harbour wall held, officials said on Tuesday after the storm passed the town.</p>"
    b"<p>More to follow in a later edition of this report from the harbour.</p>"
    b"</article></body></html>"
)


def _rss(base: str) -> bytes:
    def item(n: int, link: str, extra: str = "") -> str:
        return (
            f"<item><title>Item {n}</title><link>{link}</link>"
            f"<guid isPermaLink='false'>tag:wire,2026:{n}</guid>{extra}"
            f"<description><![CDATA[<p>{ITEM_TEXT}</p>]]></description></item>"
        )

    meta = (
        "<dc:creator>Jane Roe</dc:creator><category>Weather</category>"
        "<category>Harbour</category>"
        f'<enclosure url="{base}/a.mp3" type="audio/mpeg" length="1234"/>'
        '<enclosure url="file:///etc/passwd" type="text/plain" length="9"/>'
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        "<title>Harbour Wire</title>"
        + item(1, f"{base}/long.html", meta)
        + item(2, f"{base}/short.html")
        + item(3, f"{base}/gone.html")
        + "</channel></rss>"
    ).encode()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with LocalServer() as httpd:
        html, xml = {"Content-Type": "text/html"}, {"Content-Type": "text/xml"}
        httpd.routes.update(
            {
                "/feed.xml": Reply(200, xml, _rss(httpd.base)),  # a feed served as text/xml
                "/long.html": Reply(200, html, LONG_PAGE),
                "/short.html": Reply(200, html, SHORT_PAGE),
            }
        )
        yield httpd.base


@pytest.fixture(scope="module")
def articles(server: str) -> dict[str, Article]:
    options = FetchOptions(min_interval=0.0, backoff=0.01, retries=0, allow_private=True)
    report = RunReport()
    with Fetcher(options) as fetcher:
        found = list(pipeline.load_articles([f"{server}/feed.xml"], report, fetcher))
    assert not report.skips, report.skips
    return {a.title: a for a in found}


def test_the_page_wins_when_it_is_longer_than_the_items_text(articles: dict[str, Article]) -> None:
    long = articles["Sea wall holds"]
    assert long.text_source == "page" and "Paragraph 7" in long.text


def test_the_items_text_wins_over_a_shorter_page_and_a_missing_one(
    articles: dict[str, Article],
) -> None:
    assert articles["Item 2"].text_source == "feed"  # the page is shorter than the item
    assert articles["Item 3"].text_source == "feed"  # the page is a 404
    assert articles["Item 3"].text.startswith("The harbour authority said")


def test_authors_categories_and_enclosures_are_kept_from_the_item(
    articles: dict[str, Article], server: str
) -> None:
    long = articles["Sea wall holds"]
    assert long.authors == ("Jane Roe",)  # the page names no author: the item's is used
    assert long.categories == ("Weather", "Harbour")
    # the file:// enclosure is dropped: only http(s) files are kept
    assert long.enclosures == (Enclosure(f"{server}/a.mp3", "audio/mpeg", 1234),)
    assert articles["Item 2"].categories == () and articles["Item 2"].enclosures == ()


def test_feed_metadata_survives_the_json_round_trip(articles: dict[str, Article]) -> None:
    long = articles["Sea wall holds"]
    data = article_to_dict(long)
    assert data["text_source"] == "page" and data["categories"] == ["Weather", "Harbour"]
    assert data["enclosures"] == [
        {"url": long.enclosures[0].url, "type": "audio/mpeg", "length": 1234}
    ]
    back = article_from_dict(data)
    assert (back.text_source, back.categories, back.enclosures, back.authors) == (
        long.text_source,
        long.categories,
        long.enclosures,
        long.authors,
    )


def test_a_local_feed_file_item_is_marked_feed(tmp_path: Path, server: str) -> None:
    path = tmp_path / "wire.xml"
    path.write_bytes(_rss(server))
    found = list(pipeline.load_articles([str(path)], RunReport()))
    assert {a.text_source for a in found} == {"feed"}
    assert found[0].categories == ("Weather", "Harbour") and found[0].authors == ("Jane Roe",)


def test_pages_and_plain_records_say_where_their_text_came_from(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(LONG_PAGE)
    (tmp_path / "rows.jsonl").write_text('{"title": "Plain", "text": "' + ITEM_TEXT + '"}\n')
    found = {a.title: a for a in pipeline.load_articles([str(tmp_path)], RunReport())}
    assert found["Sea wall holds"].text_source == "page"
    assert found["Plain"].text_source is None


def test_json_feed_authors_tags_and_attachments_are_read() -> None:
    doc = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1",'
        b' "url": "https://j.example/1", "authors": [{"name": "Ann"}, {"name": "Bo"}],'
        b' "tags": ["Politics", 7, "Politics"], "attachments": [{"url": "https://j.example/a.mp3",'
        b' "mime_type": "audio/mpeg", "size_in_bytes": "unknown"}]},'
        b' {"id": 2, "author": {"name": "Cy"}}]}'
    )
    first, second = parse_feed(doc, "j.json").entries
    assert first.authors == ("Ann", "Bo") and first.categories == ("Politics",)
    assert first.enclosures == (Enclosure("https://j.example/a.mp3", "audio/mpeg", None),)
    assert second.authors == ("Cy",)  # JSON Feed 1.0's single author


def test_story_api_source_rows_carry_the_articles_feed_metadata(
    articles: dict[str, Article],
) -> None:
    long = articles["Sea wall holds"]
    rows = [{"article": long.id, "outlet": "Harbour Wire"}, {"article": "not-stored"}]
    full, missing = source_rows(rows, [long])
    assert full["outlet"] == "Harbour Wire" and full["text_source"] == "page"
    assert full["categories"] == ["Weather", "Harbour"] and full["authors"] == ["Jane Roe"]
    assert full["enclosures"][0]["length"] == 1234
    assert missing["text_source"] is None and missing["enclosures"] == []


def test_feed_metadata_is_stored_and_read_back(
    articles: dict[str, Article], tmp_path: Path
) -> None:
    from glimpse.models import Features
    from glimpse.store import Store

    long = articles["Sea wall holds"]
    with Store(tmp_path / "desk.db") as store:
        assert store.add_article(long, Features(article=long.id))
        (back,) = store.articles([long.id])
    assert (back.text_source, back.categories, back.enclosures) == (
        "page",
        ("Weather", "Harbour"),
        long.enclosures,
    )


def test_a_host_that_accepts_and_never_answers_is_given_up_after_two_silences(
    tmp_path: Path,
) -> None:
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # the kernel accepts connections; nothing is ever sent back
    base = f"http://127.0.0.1:{silent.getsockname()[1]}"
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}/{n}</link><description>{ITEM_TEXT}"
        "</description></item>"
        for n in range(6)
    )
    feed = tmp_path / "silent.xml"
    feed.write_text(f'<rss version="2.0"><channel><title>S</title>{items}</channel></rss>')
    options = FetchOptions(
        timeout=0.5, robots_timeout=0.5, deadline=5.0, min_interval=0.0, allow_private=True
    )
    start = time.monotonic()
    with Fetcher(options) as fetcher:
        from glimpse.ingest.feeds import parse_feed
        from glimpse.ingest.items import iter_feed

        docs = list(iter_feed(parse_feed(feed.read_bytes(), "s"), "s", fetcher))
    seconds = time.monotonic() - start
    silent.close()
    # robots.txt (0.5 s) and the first page (0.5 s, no retry): then the host is given up
    assert seconds < 2.5, seconds
    assert len(docs) == 6 and all(d.kind == "record" for d in docs), docs
