"""One small hand-written page per extraction rule kept or added for issue 14."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from lxml import html as lxml_html

from glimpse.errors import NoArticle
from glimpse.extract import ExtractOptions, extract_article
from glimpse.extract.article import count_words, parse_html
from glimpse.extract.authors import clean_authors
from glimpse.extract.body import extend, extract_paragraphs, needs_vote, page_words, refine
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


def test_the_vote_also_runs_when_trafilatura_took_a_small_share_of_the_page() -> None:
    options = ExtractOptions()
    long_text = ("word " * (options.vote_max_words + 100),)
    words = options.vote_max_words + 100
    assert needs_vote(long_text, options, in_page=int(words / options.vote_min_share) + 50)
    assert not needs_vote(long_text, options, in_page=words + 10)
    assert not needs_vote(long_text, replace(options, vote_min_share=0.0), in_page=10 * words)


def test_page_words_counts_the_words_of_paragraph_elements_only() -> None:
    tree = parse_html(page("<nav>Home News Sport</nav><p>One two three.</p><div><p>Four</p></div>"))
    assert page_words(tree) == 4


def test_readability_replaces_a_text_it_holds_and_doubles() -> None:
    options = ExtractOptions()
    first, second = PROSE.strip(), "The mayor said the cost would be shared with the port. " * 3
    blocks = (first, second.strip())
    assert extend((first,), f"{first} {second}", blocks, options) == blocks
    # the voter does not hold trafilatura's text: another text, not a longer one
    other = "A different story about trains entirely, with nothing in common here at all. " * 5
    assert extend((first,), other, (other,), options) is None
    # not enough longer, or switched off
    assert extend((first,), f"{first} A short addition here.", blocks, options) is None
    assert extend((first,), f"{first} {second}", blocks, replace(options, extend_ratio=0)) is None


def test_a_repeated_paragraph_that_trafilatura_drops_comes_back() -> None:
    """trafilatura keeps one copy of a paragraph it has seen before; readability keeps the
    article as written and holds all of trafilatura's text: its text stands."""
    verses = f"<p>{PROSE}</p>" * 3
    article = extract_article(page(f"<article><h1>Wall</h1>{verses}</article>"))
    assert article.paragraphs == (PROSE.strip(),) * 3
    alone = extract_article(page(f"<article><h1>Wall</h1>{verses}</article>"), options=NO_EXTEND)
    assert alone.paragraphs == (PROSE.strip(),)


NO_EXTEND = replace(ExtractOptions(), extend_ratio=0)


def test_a_lone_h1_that_disagrees_with_the_document_title_is_a_section_label() -> None:
    head = "<title>Babies who eat peanuts early may avoid allergy</title>"
    article = extract_article(
        page(f"<h1>Allergies Health Center</h1><article><p>{LONG}</p></article>", head)
    )
    assert article.title == "Babies who eat peanuts early may avoid allergy"
    agreeing = "<title>Wall rebuilt before winter - Harbour Post</title>"
    article = extract_article(page(f"<h1>Wall rebuilt before winter</h1><p>{LONG}</p>", agreeing))
    assert article.title == "Wall rebuilt before winter"


def test_a_json_ld_headline_unlike_the_document_title_is_not_the_title() -> None:
    data = {"@type": "Article", "headline": "Wikimedia list article"}
    head = (
        f'<script type="application/ld+json">{json.dumps(data)}</script>'
        "<title>List of films featuring time loops</title>"
    )
    assert extract_article(page(f"<p>{LONG}</p>", head)).title == (
        "List of films featuring time loops"
    )


def test_json_ld_wrapped_in_cdata_is_read() -> None:
    data = {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Daniel Kahn Gillmor"}]}
    head = f'<script type="application/ld+json">//<![CDATA[\n{json.dumps(data)}\n//]]></script>'
    assert extract_article(page(f"<p>{LONG}</p>", head)).authors == ("Daniel Kahn Gillmor",)


def test_an_rdfa_property_with_several_keys_and_parsely_title_are_read() -> None:
    head = '<meta property="dc:creator twitter:creator" content="Jane Roe">'
    head += '<meta name="parsely-title" content="Harbour wall rebuilt">'
    article = extract_article(page(f"<p>{LONG}</p>", head))
    assert (article.authors, article.title) == (("Jane Roe",), "Harbour wall rebuilt")


def test_a_bem_author_name_element_is_a_byline() -> None:
    byline = '<a class="author__name" href="/authors/jane-roe">Jane Roe</a>'
    assert extract_article(page(f"{byline}<p>{LONG}</p>")).authors == ("Jane Roe",)


def test_a_site_name_is_cut_before_its_tagline_after_a_domain() -> None:
    head = '<meta property="og:site_name" content="Aktuálně.cz - Víte, co se právě děje">'
    assert extract_article(page(f"<p>{LONG}</p>", head)).source == "Aktuálně.cz"


def test_extraction_leaves_the_parsed_tree_as_it_was() -> None:
    """Metadata and the listing checks read the tree after the extractors ran on it."""
    tree = parse_html(page(f"<nav><a href='/'>Home</a></nav><article><p>{LONG}</p></article>"))
    before = lxml_html.tostring(tree)
    assert extract_paragraphs(tree, None, ExtractOptions())
    assert lxml_html.tostring(tree) == before
