"""Headline-only inputs (issue 15 item 3): a JSON Lines row with a title and no text/html,
and a feed item with only a headline and a teaser, become headline articles; a row or item
with neither title nor text is still refused."""

from __future__ import annotations

import json

import pytest

from glimpse.errors import SkipRecord
from glimpse.ingest import Fetcher, FetchOptions, RawDoc, iter_sources
from glimpse.ingest.files import iter_bytes, jsonl_record
from glimpse.models import HEADLINE
from glimpse.pipeline import to_article
from glimpse.serialize import article_from_dict, article_to_dict
from tests._http import LocalServer, Reply

STORY = " ".join(
    "The harbour authority said on Tuesday that the northern pier will close for repairs"
    " next month, after divers found cracks in three of its oldest concrete pillars."
    for _ in range(4)
)
PAGE = "<html><head><title>Pier to close</title></head><body><article><h1>Pier to close</h1>"
PAGE += "".join(f"<p>{STORY} Part {n}.</p>" for n in range(3)) + "</article></body></html>"


def _row(**fields: object) -> RawDoc | SkipRecord:
    return jsonl_record(json.dumps(fields), "in.jsonl:1")


def test_a_row_with_a_title_and_empty_text_is_a_headline_article() -> None:
    doc = _row(title="  Pier to close  for repairs ", text="", source="Harbour News",
               published="2026-06-02T10:00:00Z", url="https://harbour.example/pier")  # fmt: skip
    assert isinstance(doc, RawDoc)
    article = to_article(doc)
    assert article.kind == HEADLINE and article.is_headline
    assert article.title == "Pier to close for repairs"
    assert (article.text, article.lede, article.sentences, article.paragraphs) == ("", "", (), ())
    assert article.source == "Harbour News" and article.published is not None
    assert article.url == "https://harbour.example/pier"
    assert article_from_dict(json.loads(json.dumps(article_to_dict(article)))) == article


def test_a_full_row_is_kind_article() -> None:
    doc = _row(title="Pier to close", text=STORY)
    assert isinstance(doc, RawDoc)
    article = to_article(doc)
    assert article.kind == "article" and article_to_dict(article)["kind"] == "article"


@pytest.mark.parametrize(
    "fields",
    [{"text": ""}, {"title": "", "text": ""}, {"title": " -- ", "url": "https://x.example/"}],
)
def test_a_row_with_neither_title_nor_text_stays_g010(fields: dict[str, str]) -> None:
    skip = _row(**fields)
    assert isinstance(skip, SkipRecord) and skip.code == "G010"
    assert "neither text nor html" in skip.reason


def test_one_outlets_headline_without_url_keeps_one_id_and_two_outlets_two() -> None:
    def made(source: str) -> str:
        doc = _row(title="Pier to close", source=source)
        assert isinstance(doc, RawDoc)
        return to_article(doc).id

    assert made("Harbour News") == made("Harbour News") != made("Coast Radio")


def _rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>'
        f"{items}</channel></rss>"
    ).encode()


def test_a_local_feed_of_headlines_gives_headline_articles_and_refuses_empty_items() -> None:
    feed = _rss(
        "<item><title>Pier to close</title><description>Short teaser.</description>"
        "<guid>g1</guid></item>"
        "<item><title>Ferry timetable changes</title><link>https://h.example/f</link></item>"
        "<item><description>no title, a short teaser</description><guid>g3</guid></item>"
    )
    items = list(iter_bytes(feed, "feed", "h.xml"))
    docs = [i for i in items if isinstance(i, RawDoc)]
    made = [to_article(d) for d in docs]
    assert [(a.title, a.kind, a.url) for a in made] == [
        ("Pier to close", HEADLINE, None),
        ("Ferry timetable changes", HEADLINE, "https://h.example/f"),
    ]
    assert all(a.source == "Harbour News" and a.text == "" for a in made)
    [skip] = [i for i in items if isinstance(i, SkipRecord)]
    assert skip.subject == "h.xml#3"


@pytest.fixture
def feed_url(http_server: LocalServer) -> str:
    """A feed whose items link to a full page, a dead page, an empty page and nothing."""
    url = http_server.url
    html = {"Content-Type": "text/html"}
    http_server.routes.update(
        {
            "/feed.xml": Reply(200, {"Content-Type": "application/rss+xml"}, _rss(
                f"<item><title>Pier to close</title><link>{url('/full')}</link></item>"
                f"<item><title>Ferry strike called off</title><link>{url('/gone')}</link>"
                "<description>Talks went on late.</description></item>"
                f"<item><title>Harbour fees rise</title><link>{url('/empty')}</link></item>"
                "<item><title>Lighthouse reopens</title><guid>urn:uuid:1</guid></item>"
            )),
            "/full": Reply(200, html, PAGE.encode()),
            "/empty": Reply(200, html, b"<html><body><p>Subscribe.</p></body></html>"),
        }
    )  # fmt: skip
    return url("/feed.xml")


def test_a_served_feed_stores_pages_as_articles_and_headline_only_items_as_headlines(
    feed_url: str,
) -> None:
    opts = FetchOptions(min_interval=0.0, backoff=0.01, retries=0, allow_private=True)
    with Fetcher(opts) as fetcher:
        items = list(iter_sources([feed_url], fetcher))
    # the dead link is still reported, and its item stored as a headline
    assert [i.subject for i in items if isinstance(i, SkipRecord)] == [
        feed_url.replace("feed.xml", "gone")
    ]
    made = {a.title: a for a in (to_article(i) for i in items if isinstance(i, RawDoc))}
    assert made["Pier to close"].kind == "article" and made["Pier to close"].sentences
    for title in ("Ferry strike called off", "Harbour fees rise", "Lighthouse reopens"):
        assert made[title].kind == HEADLINE and made[title].text == ""
        assert made[title].source == "Harbour News"
    assert made["Ferry strike called off"].url == feed_url.replace("feed.xml", "gone")
    assert made["Lighthouse reopens"].url is None
