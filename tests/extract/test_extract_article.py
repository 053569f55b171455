"""extract_article on small pages: boilerplate stays out, bad input gets a clear skip."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.errors import BadEncoding, NoArticle, SkipRecord, TooLarge
from glimpse.extract import ExtractOptions, ExtractTimeout, extract_article
from glimpse.extract.article import pick_lede
from glimpse.models import content_id

PAGES = Path(__file__).resolve().parent.parent / "resources" / "extract"
URL = "https://courier.example/news/harbour-bridge-reopens"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def test_cookie_banner_is_not_part_of_the_body() -> None:
    article = extract_article(page("cookie_banner.html"), URL)
    assert "cookies" not in article.text
    assert article.lede.startswith("The harbour bridge reopened to traffic")
    assert len(article.paragraphs) == 6
    assert article.paragraphs[-1].startswith("The council said cyclists")


def test_comment_section_is_not_part_of_the_body() -> None:
    article = extract_article(page("comments.html"), URL)
    assert "petrol bill" not in article.text
    assert "harbourfan99" not in article.text
    assert "Forty million euros" not in article.text
    assert article.paragraphs[-1].startswith("The council said cyclists")


def test_related_articles_box_is_not_part_of_the_body() -> None:
    article = extract_article(page("related_box.html"), URL)
    assert "Ferry workers" not in article.text
    assert "Related articles" not in article.text
    assert len(article.paragraphs) == 6


def test_headline_is_not_repeated_as_first_paragraph() -> None:
    article = extract_article(page("cookie_banner.html"), URL)
    assert article.title == "Harbour bridge reopens after two years of repairs"
    assert article.paragraphs[0] != article.title


def test_lede_skips_a_reading_time_line() -> None:
    paragraphs = (
        "Reading time: 2 minutes",
        "The river burst its banks on Thursday night after heavy rain.",
        "Volunteers filled sandbags.",
    )
    assert pick_lede(paragraphs) == paragraphs[1]
    assert pick_lede(("Short one", "Another short")) == "Short one"
    assert pick_lede(()) == ""


def test_page_listing_two_articles_is_not_an_article() -> None:
    with pytest.raises(NoArticle, match="lists several articles"):
        extract_article(page("two_articles.html"), "https://valley.example/")


def test_navigation_only_page_is_not_an_article() -> None:
    links = "".join(
        f'<li><a href="/s/{i}">Section number {i} of the site</a></li>' for i in range(40)
    )
    page_html = (
        f"<html><head><title>Not found</title></head><body><nav><ul>{links}</ul></nav>"
        "<h1>Page not found</h1><p>Sorry, we could not find that page.</p>"
        f"<footer><ul>{links}</ul></footer></body></html>"
    )
    with pytest.raises(NoArticle, match="no article body"):
        extract_article(page_html)


def test_windows_1252_page_decodes_accented_text() -> None:
    article = extract_article(page("latin1_windows1252.html"))
    assert article.title == "Fête de la musique : la place du marché déborde"
    assert "« Nous n’avions jamais vu autant de monde »" in article.text
    assert "\ufffd" not in article.text
    assert article.language == "fr"
    assert article.authors == ("Hélène Dubois",)


def test_empty_page_is_skipped_with_no_article() -> None:
    with pytest.raises(NoArticle) as err:
        extract_article(page("empty.html"))
    assert err.value.code == "G003"


@pytest.mark.parametrize("data", [b"", b"   \n  ", "", "<html></html>"])
def test_blank_input_is_skipped_with_no_article(data: str | bytes) -> None:
    with pytest.raises(NoArticle):
        extract_article(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"%PDF-1.7\n" + bytes(range(256)),
        b"\x1f\x8b\x08\x00" + bytes(range(256)),
        bytes(range(256)) * 20,
    ],
)
def test_binary_data_is_skipped_with_bad_encoding(data: bytes) -> None:
    with pytest.raises(BadEncoding) as err:
        extract_article(data)
    assert err.value.code == "G002"
    assert "binary" in err.value.reason


def test_truncated_file_keeps_the_text_before_the_cut() -> None:
    article = extract_article(page("truncated.html"), URL)
    assert article.lede.startswith("The harbour bridge reopened")
    assert "Engineers found corroded" not in article.text
    assert article.title == "Harbour bridge reopens after two years of repairs"


def test_huge_page_is_refused_before_parsing() -> None:
    paragraph = "<p>" + "word " * 200 + "</p>\n"
    huge = ("<html><body>" + paragraph * 60_000 + "</body></html>").encode()
    assert len(huge) > 50_000_000
    start = time.perf_counter()
    with pytest.raises(TooLarge) as err:
        extract_article(huge)
    assert time.perf_counter() - start < 1.0
    assert err.value.code == "G008"
    assert "limit" in err.value.reason


def test_size_limit_counts_encoded_bytes_of_text_input() -> None:
    options = ExtractOptions(max_bytes=1000)
    with pytest.raises(TooLarge):
        extract_article("é" * 600, options=options)


def test_page_with_too_many_elements_is_refused() -> None:
    flat = "<html><body>" + "<span>a</span>" * 5000 + "</body></html>"
    with pytest.raises(TooLarge, match="elements"):
        extract_article(flat, options=ExtractOptions(max_nodes=1000))


def test_slow_extraction_hits_the_time_limit() -> None:
    options = replace(ExtractOptions(), timeout_s=1e-6)
    with pytest.raises(ExtractTimeout) as err:
        extract_article(page("cookie_banner.html"), URL, options=options)
    assert isinstance(err.value, SkipRecord)
    assert err.value.code == "G006"


def test_timeout_swallowed_by_an_extractor_still_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow_and_careless(*args: object) -> tuple[str, ...]:
        try:
            time.sleep(2)
        except Exception:
            return ("swallowed the alarm",)
        return ("never reached",)

    monkeypatch.setattr("glimpse.extract.article.extract_paragraphs", slow_and_careless)
    start = time.perf_counter()
    with pytest.raises(ExtractTimeout):
        extract_article(page("bare.html"), options=ExtractOptions(timeout_s=0.05))
    assert time.perf_counter() - start < 1.0


def test_article_id_prefers_given_id_then_canonical_url_then_content() -> None:
    data = page("cookie_banner.html")
    assert extract_article(data, URL, id="given").id == "given"
    canonical = "https://courier.example/news/harbour-bridge-reopens"
    assert extract_article(data, "https://other.example/x").id == content_id(canonical)
    bare = extract_article(page("bare.html"))
    assert bare.id == content_id(bare.title + "\n" + bare.text)
    assert extract_article(page("bare.html"), "https://x.example/a").id == content_id(
        "https://x.example/a"
    )


def test_sentences_index_the_body_text() -> None:
    article = extract_article(page("cookie_banner.html"), URL)
    assert article.sentences
    for i, sentence in enumerate(article.sentences):
        assert sentence.index == i
        assert article.text[sentence.start : sentence.end] == sentence.text
    assert article.sentences[1].text.startswith("The first cars crossed shortly after 6 a.m.,")


def test_fetched_time_and_url_are_kept() -> None:
    fetched = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
    article = extract_article(page("bare.html"), "https://x.example/a", fetched=fetched)
    assert article.fetched == fetched
    assert article.url == "https://x.example/a"


def test_text_and_bytes_input_give_the_same_article() -> None:
    data = page("cookie_banner.html")
    assert extract_article(data, URL) == extract_article(data.decode("utf-8"), URL)


_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "<!--", "-->"])
_WORDS = st.sampled_from(
    ["The council", "voted on Tuesday.", "Mr. Smith", "é", "&amp;", "\x00", "\n"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_TAGS, _WORDS, st.text(max_size=20)), max_size=80), st.booleans())
def test_any_input_gives_an_article_or_a_skip(parts: list[str], as_bytes: bool) -> None:
    markup = " ".join(parts)
    data: str | bytes = markup.encode("utf-8", "surrogatepass") if as_bytes else markup
    try:
        article = extract_article(data)
    except SkipRecord as err:
        assert err.reason and err.code.startswith("G0")
        return
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
