"""Outlet names that are not section labels, the text's language over a template's, and
catalogue-style "Surname, Given" authors."""

from __future__ import annotations

import json

import pytest

from glimpse.extract import extract_article
from glimpse.extract.authors import clean_authors
from glimpse.extract.language import OVERRULE_CHARS, article_language
from glimpse.extract.outlet import is_label

ENGLISH = (
    "The council voted on Tuesday to rebuild the old harbour wall before the winter storms "
    "arrive, and officials said the work would start within a month. "
) * 4
GERMAN = (
    "Der Fischer fing am Sonntag im Zugersee einen Hecht von über einem Meter Länge, wie der "
    "Verein mitteilte. Die Fischerei in der Schweiz erlebt seit einigen Jahren einen "
    "Aufschwung, und die Behörden wollen die Bestände in den Seen besser schützen. "
) * 3
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. "
) * 3


def _page(head: str, lang: str = "en", body: str = ENGLISH) -> str:
    return f'<html lang="{lang}"><head>{head}</head><body><article><p>{body}</p></article></body></html>'


@pytest.mark.parametrize("label", ["U.S.", "Hosted", "World News", "Home", "Politics"])
def test_section_names_and_generic_labels_are_not_outlets(label: str) -> None:
    assert is_label(label, "example.com")


@pytest.mark.parametrize("name", ["Reuters", "Sky News", "Business Insider", "The Verge"])
def test_outlet_names_are_not_labels(name: str) -> None:
    assert not is_label(name, "example.com")


def test_a_label_that_spells_the_domain_is_the_outlet() -> None:
    assert not is_label("News", "news.com")


def test_a_section_label_in_og_site_name_gives_way_to_the_jsonld_publisher() -> None:
    data = {"@type": "NewsArticle", "headline": "Wall", "publisher": {"name": "Harbour Times"}}
    head = (
        "<meta property='og:site_name' content='U.S.'>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script>"
    )
    article = extract_article(_page(head), "https://www.harbourtimes.example/a")
    assert article.source == "Harbour Times"


def test_a_generic_label_gives_way_to_the_twitter_handle_that_spells_the_domain() -> None:
    head = "<meta property='og:site_name' content='Hosted'><meta name='twitter:site' content='@ArloPost'>"
    article = extract_article(_page(head), "https://hosted.arlopost.com/a")
    assert article.source == "Arlo Post"


def test_a_handle_is_printed_as_words() -> None:
    from glimpse.extract.outlet import spaced_handle

    assert spaced_handle("CBSNews") == "CBS News"
    assert spaced_handle("TheAtlantic") == "The Atlantic"
    assert spaced_handle("comwrap") == "comwrap"
    assert spaced_handle("BBC") == "BBC"


def test_a_handle_that_is_not_the_domain_is_not_the_outlet() -> None:
    head = "<meta property='og:site_name' content='Hosted'><meta name='twitter:site' content='@jo'>"
    article = extract_article(_page(head), "https://hosted.arlopost.com/a")
    assert article.source is None


def test_a_wire_page_on_a_partner_host_gets_the_wires_known_name() -> None:
    head = "<meta property='og:site_name' content='Hosted'>"
    article = extract_article(_page(head), "https://hosted.ap.org/paper/article/123")
    assert article.source == "Associated Press"


def test_a_publication_hosted_on_a_platform_is_the_outlet() -> None:
    publisher = {"@type": "Organization", "name": "Harbour Engineering",
                 "url": "https://blogs.example/harbour-engineering"}  # fmt: skip
    data = {"@type": "NewsArticle", "headline": "Wall", "publisher": publisher}
    head = (
        "<meta property='og:site_name' content='Blogs'>"
        f"<script type='application/ld+json'>{json.dumps(data)}</script>"
    )
    url = "https://blogs.example/harbour-engineering/the-wall-1234"
    assert extract_article(_page(head), url).source == "Harbour Engineering"
    # the same publisher elsewhere on the host is not the page's publication
    other = "https://blogs.example/someone-else/the-wall-1234"
    head = head.replace("content='Blogs'", "content='Blogsite'")
    assert extract_article(_page(head), other).source == "Blogsite"


def test_long_text_in_another_language_overrules_the_declared_one() -> None:
    assert len(ENGLISH) >= OVERRULE_CHARS
    assert article_language("de", ENGLISH) == "en"
    assert article_language("en", GERMAN) == "de"


def test_the_declared_language_stands_for_short_text() -> None:
    short = ENGLISH[: OVERRULE_CHARS - 10]
    assert len(short.split()) >= 20
    assert article_language("de", short) == "de"


def test_placeholder_latin_never_overrules_the_page() -> None:
    assert article_language("en", LOREM) == "en"
    assert article_language(None, LOREM) == "la"


def test_a_close_relative_never_overrules_the_page() -> None:
    danish = (
        "Regeringen har i dag fremlagt et nyt forslag om at bygge en ny havn i byen, og "
        "borgmesteren siger, at arbejdet kan begynde allerede til foråret, hvis alle partier "
        "bliver enige om finansieringen af projektet. "
    ) * 3
    assert article_language("nb", danish) == "nb"


def test_an_english_article_on_a_german_template_is_english() -> None:
    article = extract_article(_page("", lang="de"), "https://news.example/a")
    assert article.language == "en"


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (["Jong, Michiel de", "Kooman, F."], ("Michiel de Jong", "F. Kooman")),
        (["Doe, Jane; Roe, John"], ("Jane Doe", "John Roe")),
        (["Jane Doe, John Roe"], ("Jane Doe", "John Roe")),
        (["Jane Doe, Reuters"], ("Jane Doe",)),
    ],
)
def test_catalogue_style_surname_first_is_one_person(
    raw: list[str], names: tuple[str, ...]
) -> None:
    assert clean_authors(raw) == names
