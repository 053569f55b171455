"""article_from_text: plain-text and JSON Lines inputs become Articles."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from glimpse.errors import EmptyInput
from glimpse.extract import article_from_text, split_paragraphs
from glimpse.models import content_id


def test_paragraphs_split_on_blank_lines() -> None:
    text = "First paragraph\nstill the first.\n\n  Second paragraph.  \n\n\n\nThird."
    article = article_from_text("Title", text)
    assert article.paragraphs == ("First paragraph still the first.", "Second paragraph.", "Third.")
    assert article.lede == "First paragraph still the first."
    assert article.text == "\n\n".join(article.paragraphs)


def test_paragraphs_split_on_single_newlines_without_blank_lines() -> None:
    assert split_paragraphs("One.\nTwo.\r\nThree.") == ("One.", "Two.", "Three.")


def test_sentences_index_the_text() -> None:
    article = article_from_text("T", "Mr. Kim arrived. He spoke.\n\nThe end.")
    assert [s.text for s in article.sentences] == ["Mr. Kim arrived.", "He spoke.", "The end."]
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def test_given_fields_are_kept() -> None:
    published = datetime(2026, 1, 2, tzinfo=UTC)
    article = article_from_text(
        "  A   title ",
        "Body text.",
        url="https://x.example/a",
        id="my-id",
        published=published,
        source="Wire",
        authors=["Jane Doe"],
        story="s1",
        language="en",
    )
    assert (article.id, article.title, article.url) == ("my-id", "A title", "https://x.example/a")
    assert (article.published, article.source, article.authors) == (
        published,
        "Wire",
        ("Jane Doe",),
    )
    assert (article.story, article.language) == ("s1", "en")


def test_id_is_url_hash_or_content_hash() -> None:
    assert article_from_text("T", "Body.", url="https://x.example/a").id == content_id(
        "https://x.example/a"
    )
    assert article_from_text("T", "Body.").id == content_id("T\nBody.")
    assert article_from_text("T", "Body.").id != article_from_text("T", "Other body.").id


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n"])
def test_empty_text_raises_empty_input(text: str) -> None:
    with pytest.raises(EmptyInput) as err:
        article_from_text("Title", text)
    assert err.value.code == "G010"
