"""Metadata: structured data first, byline junk rejected, None when the page says nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from glimpse.extract import extract_article
from glimpse.extract.authors import clean_authors
from glimpse.extract.dates import parse_datetime

PAGES = Path(__file__).resolve().parent.parent / "resources" / "extract"
BODY = (
    "<p>The river burst its banks on Thursday night after three days of heavy rain, flooding "
    "the low streets of the old town and forcing dozens of families to leave their homes.</p>"
    "<p>Volunteers filled sandbags outside the town hall until the early hours, and the fire "
    "brigade pumped water out of the cellars of the oldest houses along the quay.</p>"
)


def html(head: str, body: str = BODY, lang: str = "") -> str:
    attr = f' lang="{lang}"' if lang else ""
    return f"<html{attr}><head>{head}</head><body><article>{body}</article></body></html>"


def test_json_ld_gives_dates_authors_and_publisher() -> None:
    article = extract_article((PAGES / "cookie_banner.html").read_bytes())
    assert article.published == datetime(2026, 3, 14, 7, 30, tzinfo=UTC)
    assert article.updated == datetime(2026, 3, 14, 11, 5, tzinfo=UTC)
    assert article.authors == ("Maria Lindqvist", "Tom O'Neill")
    assert article.source == "The Coastal Courier"
    assert article.canonical_url == "https://courier.example/news/harbour-bridge-reopens"
    assert article.language == "en"
    assert article.paywalled is False


def test_json_ld_in_a_graph_with_publisher_only() -> None:
    ld = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "WebSite", "name": "River Post"},'
        '{"@type": ["NewsArticle"], "headline": "Flood in the old town",'
        ' "datePublished": "2026-01-02T03:04:05-05:00",'
        ' "author": {"@type": "Person", "name": "Ana Souza"},'
        ' "publisher": {"@type": "Organization", "name": "River Post"},'
        ' "isAccessibleForFree": "False", "inLanguage": "pt-BR"}]}</script>'
    )
    article = extract_article(html(ld))
    assert article.title == "Flood in the old town"
    assert article.published == datetime(2026, 1, 2, 8, 4, 5, tzinfo=UTC)
    assert article.authors == ("Ana Souza",)
    assert article.source == "River Post"
    assert article.paywalled is True
    assert article.language == "pt"


def test_og_tags_give_title_source_url_and_dates() -> None:
    head = (
        '<meta property="og:title" content="Flood in the old town">'
        '<meta property="og:site_name" content="River Post">'
        '<meta property="og:url" content="https://riverpost.example/flood">'
        '<meta property="article:published_time" content="2026-01-02T10:00:00Z">'
        '<meta property="article:modified_time" content="2026-01-03T11:30:00+01:00">'
        "<title>Flood in the old town | River Post</title>"
    )
    article = extract_article(html(head), "https://riverpost.example/flood?utm=x")
    assert article.title == "Flood in the old town"
    assert article.source == "River Post"
    assert article.canonical_url == "https://riverpost.example/flood"
    assert article.published == datetime(2026, 1, 2, 10, 0, tzinfo=UTC)
    assert article.updated == datetime(2026, 1, 3, 10, 30, tzinfo=UTC)


def test_site_name_is_stripped_from_the_document_title() -> None:
    head = '<meta property="og:site_name" content="River Post"><title>Flood hits town - River Post</title>'
    assert extract_article(html(head)).title == "Flood hits town"


def test_a_site_name_title_gives_way_to_the_pages_own_headline() -> None:
    """og:title and <title> hold only the outlet's name; the one <h1> is the headline."""
    head = '<meta property="og:title" content="Harbour News"><title>Harbour News - Home</title>'
    body = "<h1>Ferry strike ends after three days</h1>" + BODY
    page = extract_article(html(head, body), "https://harbournews.example/ferry-strike-ends")
    assert page.title == "Ferry strike ends after three days"
    only = extract_article(html(head), "https://harbournews.example/ferry-strike-ends")
    assert only.title == "Harbour News"  # nothing better on the page: kept as published


def test_entities_and_outlet_suffixes_are_cleaned() -> None:
    head = (
        '<meta property="og:title" content="&#8216;Quoted&#8217; headline &amp; more">'
        '<meta property="og:site_name" content="The Post | ThePost.example">'
    )
    article = extract_article(html(head))
    assert article.title == "‘Quoted’ headline & more"
    assert article.source == "The Post"


def test_byline_junk_and_site_name_are_not_authors() -> None:
    article = extract_article((PAGES / "bylines.html").read_bytes(), "https://metro.example/x")
    assert article.authors == ("Pat Reyes",)
    assert article.source == "Metro Daily"
    assert article.canonical_url == "https://metro.example/local/cycling-lanes"


def test_fields_are_none_when_the_page_says_nothing() -> None:
    article = extract_article((PAGES / "bare.html").read_bytes(), "https://x.example/a")
    assert article.title == ""
    assert article.published is None
    assert article.updated is None
    assert article.authors == ()
    assert article.source is None
    assert article.canonical_url is None
    assert article.language == "en"  # the page does not say: detected from its text
    assert article.paywalled is None
    assert article.lede.startswith("The river burst its banks")


def test_modification_date_alone_is_not_a_publication_date() -> None:
    article = extract_article((PAGES / "bylines.html").read_bytes())
    assert article.published is None
    assert article.updated == datetime(2026, 2, 10, 16, 45, tzinfo=UTC)


def test_microdata_and_webpage_dates_are_read() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "WebPage",'
        ' "dateModified": "2026-04-02T09:00:00Z"}</script>'
    )
    body = '<time itemprop="datePublished" datetime="2026-04-01T08:00:00+02:00">1 April</time>'
    article = extract_article(html(ld, body + BODY))
    assert article.published == datetime(2026, 4, 1, 6, 0, tzinfo=UTC)
    assert article.updated == datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


def test_date_shown_in_the_page_is_found_without_structured_data() -> None:
    body = "<p class='date'>Published 2025-09-14</p>" + BODY
    article = extract_article(html("<title>Flood</title>", body))
    assert article.published == datetime(2025, 9, 14, tzinfo=UTC)


def test_paywall_prompt_at_the_end_marks_the_article_paywalled() -> None:
    body = BODY + "<p>Subscribe now to continue reading this article and all our local news.</p>"
    article = extract_article(html("<title>Flood</title>", body))
    assert article.paywalled is True


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Doe and John Roe"], ("Jane Doe", "John Roe")),
        (["Email the author", "Follow on Twitter"], ()),
        (["https://example.com/staff/jane"], ()),
        (["River Post"], ()),
        (["Reuters Staff"], ()),
        (["jane@example.com"], ()),
        (["Ludwig van Beethoven"], ("Ludwig van Beethoven",)),
        (["Jane Doe", "jane doe", "JANE DOE"], ("Jane Doe",)),
        (["Admin"], ()),
        (["TOM KRISHER, AP Auto Writer"], ("Tom Krisher",)),
        (["Finian Cunningham. Sputnik International"], ("Finian Cunningham",)),
        (["Troy L. Smith"], ("Troy L. Smith",)),
        (["River"], ()),
        (["CNN Editor-at-large"], ()),
    ],
)
def test_clean_authors_keeps_only_person_names(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw, "River Post") == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-01-02T03:04:05Z", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2026-01-02T03:04:05.123+0200", datetime(2026, 1, 2, 1, 4, 5, tzinfo=UTC)),
        ("2026-01-02", datetime(2026, 1, 2, tzinfo=UTC)),
        ("Fri, 02 Jan 2026 03:04:05 GMT", datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("yesterday", None),
        ("0001-01-01", None),
    ],
)
def test_parse_datetime_returns_utc_or_none(raw: str, expected: datetime | None) -> None:
    parsed = parse_datetime(raw)
    assert parsed == expected
    assert parsed is None or parsed.tzinfo is not None


def test_a_section_h1_does_not_beat_the_document_title() -> None:
    """The one <h1> is a link to a section of the site: the document title wins."""
    head = "<title>Striker signs new deal at City | BBC Sport</title>"
    body = '<h1><a href="/sport/">BBC Sport</a></h1>' + BODY
    page = extract_article(html(head, body), "https://www.bbc.co.uk/sport/football/6012345")
    assert page.title == "Striker signs new deal at City"


def test_a_url_slug_is_never_a_title() -> None:
    head = (
        '<meta property="og:title" content="ferry-strike-ends-after-three-days">'
        "<title>Ferry strike ends after three days</title>"
    )
    page = extract_article(html(head), "https://harbournews.example/ferry-strike-ends")
    assert page.title == "Ferry strike ends after three days"
    slug_only = '<meta property="og:title" content="ferry-strike-ends-after-three-days">'
    assert extract_article(html(slug_only)).title == ""
