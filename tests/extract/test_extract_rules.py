"""One small hand-written page per extraction rule kept or added for issue 14."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from glimpse.errors import NoArticle
from glimpse.extract import ExtractOptions, extract_article
from glimpse.extract.article import count_words
from glimpse.extract.authors import clean_authors
from glimpse.extract.body import needs_vote, refine
from glimpse.extract.language import detect_language

PROSE = (
    "The council voted on Tuesday to rebuild the old harbour wall before the winter storms "
    "arrive, and officials said the work would start within a month. "
)
LONG = PROSE * 3


def page(body: str, head: str = "", lang: str = "en") -> str:
    return f'<html lang="{lang}"><head>{head}</head><body>{body}</body></html>'


def test_several_stories_on_one_page_are_refused() -> None:
    teasers = "".join(
        f"<article><h2><a href='/s/{i}'>Story {i}</a></h2><p>{PROSE} Item {i}.</p></article>"
        for i in range(4)
    )
    with pytest.raises(NoArticle, match="several articles"):
        extract_article(page(f"<main>{teasers}</main>"), "https://news.example/")


def test_figure_caption_is_not_body_text() -> None:
    html = page(
        f"<article><h1>Wall</h1><p>{LONG}</p><figure><img src='a.jpg'><figcaption>Waves "
        f"break over the wall in January. Photo: Jane Roe</figcaption></figure>"
        f"<p>{LONG.replace('council', 'mayor')}</p></article>"
    )
    article = extract_article(html, "https://news.example/a")
    assert "Waves break" not in article.text
    assert "The mayor voted" in article.text


def test_newsletter_box_is_not_body_text() -> None:
    box = (
        "<div class='newsletter-signup'><h3>Get our morning newsletter</h3><p>Sign up to "
        "receive the day's top stories in your inbox.</p><form><input type='email'>"
        "<button>Subscribe</button></form></div>"
    )
    html = page(f"<article><p>{LONG}</p>{box}<p>{LONG.replace('council', 'board')}</p></article>")
    article = extract_article(html, "https://news.example/a")
    assert "newsletter" not in article.text.lower()
    assert "The board voted" in article.text


GERMAN = (
    "Der Fischer fing am Sonntag im Zugersee einen Hecht von über einem Meter Länge, wie der "
    "Verein mitteilte. Die Fischerei in der Schweiz erlebt seit einigen Jahren einen Aufschwung, "
    "und die Behörden wollen die Bestände in den Seen besser schützen."
)


def test_german_title_loses_the_site_suffix_and_tagline() -> None:
    title = "Rekordhecht im Zugersee gefangen | petri-heil.ch | Dein Schweizer Fischereimagazin"
    html = page(f"<article><p>{GERMAN}</p><p>{GERMAN}</p></article>", f"<title>{title}</title>", "")
    article = extract_article(html, "https://www.petri-heil.ch/news/rekordhecht")
    assert article.title == "Rekordhecht im Zugersee gefangen"
    assert article.language == "de"  # no lang attribute: detected from the text


def test_site_prefix_goes_when_it_names_the_outlet() -> None:
    head = (
        "<title>Metro Daily: Cycling lanes open on the ring road</title>"
        "<meta property='og:site_name' content='Metro Daily'>"
    )
    article = extract_article(page(f"<p>{LONG}</p>", head), "https://metro.example/x")
    assert article.title == "Cycling lanes open on the ring road"
    assert article.source == "Metro Daily"


def test_a_title_with_a_colon_that_is_not_the_site_keeps_it() -> None:
    head = "<title>Why harbours flood: a short history</title>"
    article = extract_article(page(f"<p>{LONG}</p>", head), "https://metro.example/x")
    assert article.title == "Why harbours flood: a short history"


def test_outlet_is_never_the_headline() -> None:
    head = (
        "<title>Storm closes harbour</title><meta property='og:title' content='Storm closes "
        "harbour'><meta name='application-name' content='Storm closes harbour'>"
    )
    article = extract_article(page(f"<p>{LONG}</p>", head), "https://www.msn.example/a")
    assert article.source is None


def test_page_with_only_jsonld_article_body(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"@type": "NewsArticle", "headline": "Wall", "articleBody": f"{LONG}\n\n{GERMAN}"}
    head = f"<script type='application/ld+json'>{json.dumps(data)}</script>"
    html = page("<div id='app'></div>", head)
    article = extract_article(html, "https://news.example/a")
    assert "The council voted" in article.text and "Der Fischer fing" in article.text
    assert article.title == "Wall"
    # the rule itself: when no extractor finds a body, JSON-LD articleBody is the body
    monkeypatch.setattr("glimpse.extract.article.extract_paragraphs", lambda *a, **k: ())
    article = extract_article(html, "https://news.example/a")
    assert article.paragraphs == (LONG.strip(), GERMAN)


def test_an_author_with_a_web_address_is_an_outlet() -> None:
    assert clean_authors(["Deutsche Welle (www.dw.com)", "Anna Schmidt"]) == ("Anna Schmidt",)


def test_the_vote_runs_only_on_short_texts() -> None:
    options = ExtractOptions()
    assert needs_vote(("word " * 50,), options)
    assert not needs_vote(("word " * (options.vote_max_words + 1),), options)
    assert not needs_vote(("word " * 50,), replace(options, vote_max_words=0))


def test_the_vote_trims_edges_but_never_loses_prose() -> None:
    options = ExtractOptions()
    byline, body = "By Jo Bloggs, staff writer, in the harbour town", LONG.strip()
    assert refine((byline, body), body, options) == (body,)
    other = "A different story about trains entirely, with nothing in common here at all."
    assert refine((byline, body, body), other, options) == (byline, body, body)


def test_a_page_without_lang_gets_a_language_from_twenty_words() -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language("Kurzer Text.") is None


def test_cjk_characters_count_as_words() -> None:
    assert count_words("東京で大雨 rain") == 6
