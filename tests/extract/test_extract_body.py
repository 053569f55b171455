"""The body cascade: each fallback step gives the article when an earlier one fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from glimpse.extract import ExtractOptions
from glimpse.extract.article import parse_html
from glimpse.extract.body import cut_related, drop_title, extract_paragraphs, is_listing

PAGES = Path(__file__).resolve().parent.parent / "resources" / "extract"


def tree(name: str) -> lxml_html.HtmlElement:
    return parse_html((PAGES / name).read_text(encoding="utf-8"))


def test_all_extractors_agree_on_the_article() -> None:
    paragraphs = extract_paragraphs(tree("comments.html"), None, ExtractOptions())
    assert paragraphs[1].startswith("The harbour bridge reopened")
    assert not any("petrol" in p for p in paragraphs)


def test_jusText_votes_when_readability_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("glimpse.extract.body._readability", lambda *args: None)
    paragraphs = extract_paragraphs(tree("cookie_banner.html"), None, ExtractOptions(), "en")
    assert any(p.startswith("The harbour bridge reopened") for p in paragraphs)
    assert not any("cookies" in p for p in paragraphs)


def test_readability_gives_the_body_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("glimpse.extract.body._trafilatura", lambda *args: ())
    paragraphs = extract_paragraphs(tree("related_box.html"), None, ExtractOptions())
    assert any(p.startswith("The harbour bridge reopened") for p in paragraphs)
    assert any(p.startswith("The council said cyclists") for p in paragraphs)


def test_a_crashing_voter_does_not_lose_the_article(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("voter bug")

    monkeypatch.setattr("readability.Document.summary", broken)
    paragraphs = extract_paragraphs(tree("cookie_banner.html"), None, ExtractOptions(), "en")
    assert any(p.startswith("The harbour bridge reopened") for p in paragraphs)


def test_the_extractors_leave_the_parsed_tree_untouched() -> None:
    page = tree("comments.html")
    before = len(list(page.iter()))
    extract_paragraphs(page, None, ExtractOptions())
    assert len(list(page.iter())) == before


def test_listing_needs_the_text_spread_over_several_article_elements() -> None:
    listing = tree("two_articles.html")
    teasers = tuple(a.text_content().strip() for a in listing.iter("p"))
    assert is_listing(listing, teasers)
    assert not is_listing(listing, teasers[:1])
    assert not is_listing(tree("comments.html"), ("anything at all here",))


def test_drop_title_only_removes_an_exact_headline() -> None:
    assert drop_title(("Big  News", "Body."), "big news") == ("Body.",)
    assert drop_title(("Big news today", "Body."), "Big news") == ("Big news today", "Body.")
    assert drop_title((), "Big news") == ()


LONG = "The council said the new lanes would open in spring after a long public consultation."


def test_trailing_related_list_is_cut() -> None:
    body = (LONG, LONG + " More.", "You may also like...", "Who will win?", "Band tops fan vote")
    assert cut_related(body) == body[:2]


def test_mid_article_promo_heading_keeps_the_article_after_it() -> None:
    body = (LONG, LONG, "DON'T MISS", "China furious at jibe [VIDEO]", LONG + " " + LONG)
    assert cut_related(body) == body


def test_related_heading_in_the_first_half_is_not_a_cut() -> None:
    body = ("Related", "Short line", LONG)
    assert cut_related(body) == body
