"""Canonical URLs are http(s) or nothing, and the store answers when a URL was stored."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from glimpse.extract import extract_article
from glimpse.models import Article
from glimpse.store import Store

BODY = (
    "<p>The city council approved the new budget on Tuesday after a long debate about"
    " funding for schools, roads and the public library system in the coming year.</p>"
    "<p>Council members said the plan keeps taxes flat while adding two hundred teachers"
    " and repairing forty bridges that inspectors had marked as urgent last spring.</p>"
)


def page(canonical: str, title: str) -> bytes:
    return (
        f'<html><head><title>{title}</title><link rel="canonical" href="{canonical}">'
        f"</head><body><article><h1>{title}</h1>{BODY.replace('budget', title)}"
        "</article></body></html>"
    ).encode()


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"],
)
def test_a_script_canonical_url_is_not_stored(href: str) -> None:
    article = extract_article(page(href, "Budget"), "https://news.example/a")
    assert article.canonical_url is None


def test_http_canonical_urls_are_kept_and_made_absolute() -> None:
    article = extract_article(page("/story/1", "Budget"), "https://news.example/a?utm=x")
    assert article.canonical_url == "https://news.example/story/1"


def test_pages_sharing_a_javascript_canonical_are_not_duplicates(tmp_path: Path) -> None:
    one = extract_article(page("javascript:void(0)", "Budget"), "https://news.example/one")
    two = extract_article(page("javascript:void(0)", "Harbour"), "https://news.example/two")
    assert one.id != two.id
    with Store(tmp_path / "desk.db") as store:
        assert store.add_article(one) and store.add_article(two)


def test_the_store_says_when_a_url_was_stored(tmp_path: Path) -> None:
    fetched = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    article = Article(
        id="a1", title="T", text="Some text.", url="https://x.example/a", fetched=fetched
    )
    with Store(tmp_path / "desk.db") as store:
        assert store.url_stored_at("https://x.example/a") is None
        store.add_article(article)
        assert store.url_stored_at("https://x.example/a") == fetched
        assert store.url_stored_at("https://x.example/b") is None
