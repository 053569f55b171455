"""Text hygiene: controls out at ingest, escapes on terminals, long bodies cut at a boundary."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from glimpse.clean_text import (
    MAX_SENTENCE_CHARS,
    MAX_TEXT_CHARS,
    clean_line,
    clean_text,
    cut_text,
    terminal_safe,
    tidy_article,
)
from glimpse.errors import GlimpseError
from glimpse.extract import article_from_text

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def test_escape_sequences_are_removed_whole_not_left_as_bracket_codes() -> None:
    assert clean_text("Evil \x1b[31mRED\x1b[0m headline") == "Evil RED headline"
    assert clean_text("a\x1b]0;owned\x07b") == "ab"
    assert clean_text("x\x00y\x85z\x7f") == "xyz"


def test_invisible_marks_that_split_words_are_removed_but_joiners_stay() -> None:
    assert (
        clean_text("Egypt's Mohammed Morsi\u200b sentenced") == "Egypt's Mohammed Morsi sentenced"
    )
    assert clean_text("elec\xadtricity \ufeffbill\u2060s") == "electricity bills"
    assert clean_text(
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f469\u200d\U0001f4bb"
    ) == ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \U0001f469\u200d\U0001f4bb")


def test_tabs_and_newlines_stay_and_carriage_returns_become_newlines() -> None:
    assert clean_text("one\ttwo\r\nthree\rfour\n") == "one\ttwo\nthree\nfour\n"


def test_a_line_field_is_one_line_and_capped_at_a_word() -> None:
    assert clean_line(" Mayor\n\tresigns\x1b[2J now ") == "Mayor resigns now"
    capped = clean_line("word " * 300, 100)
    assert len(capped) <= 100 and capped.endswith("word")


@given(st.text())
def test_cleaned_text_has_no_control_characters_and_cleaning_twice_changes_nothing(
    text: str,
) -> None:
    cleaned = clean_text(text)
    assert not CONTROL.search(cleaned)
    assert "\r" not in cleaned
    assert clean_text(cleaned) == cleaned


@given(st.text())
def test_terminal_text_has_no_control_or_bidi_character_and_stays_one_line(text: str) -> None:
    safe = terminal_safe(text)
    assert not UNSAFE.search(safe)
    assert "\n" not in safe


def test_terminal_escapes_are_visible() -> None:
    assert terminal_safe("a\x1b[31m\u202eb") == "a\\x1b[31m\\u202eb"
    assert terminal_safe("one\ntwo", newlines=True) == "one\ntwo"


def test_error_line_cannot_be_forged_by_a_newline_in_the_subject() -> None:
    line = GlimpseError("empty text file", "bad\nerror: forged [G999].txt", code="G010").line()
    assert line.count("\n") == 0 and line.startswith("error: bad\\x0aerror")


def test_long_text_is_cut_at_a_paragraph_end() -> None:
    paragraph = "The council met on Monday. It discussed the budget at length.\n\n"
    text = paragraph * 5000
    cut = cut_text(text, 10_000)
    assert len(cut) <= 10_000 and text.startswith(cut)
    assert cut.endswith("at length.")


def test_text_without_any_break_is_cut_at_the_limit() -> None:
    assert len(cut_text("x" * 50_000, 1000)) == 1000


@given(st.text(min_size=1, max_size=3000), st.integers(min_value=10, max_value=2000))
def test_cut_text_is_a_prefix_within_the_limit(text: str, limit: int) -> None:
    cut = cut_text(text, limit)
    assert len(cut) <= limit and text.startswith(cut)
    if len(text) <= limit:
        assert cut == text


def test_tidy_article_cleans_every_field_and_rebuilds_sentences() -> None:
    article = article_from_text(
        "Evil \x1b[31mheadline\x1b[0m",
        "First \x00sentence here. Second one\x07 too.\n\nAnother paragraph.",
        source="Outlet\x1b[2J",
        authors=["Ann\nBee", "\x07"],
        url="https://x.example/a\x00",
    )
    tidy = tidy_article(article)
    assert tidy.title == "Evil headline"
    assert tidy.source == "Outlet" and tidy.authors == ("Ann Bee",)
    assert tidy.url == "https://x.example/a"
    assert tidy.text == "First sentence here. Second one too.\n\nAnother paragraph."
    assert all(tidy.text[s.start : s.end] == s.text for s in tidy.sentences)
    assert tidy.lede in tidy.text


def test_tidy_article_keeps_a_clean_article_as_it_is() -> None:
    article = article_from_text("Headline", "A clean body. Nothing to do.")
    assert tidy_article(article) is article


def test_tidy_article_caps_an_over_long_body() -> None:
    body = ("Officials said the road would reopen soon. " * 40 + "\n\n") * 200
    tidy = tidy_article(article_from_text("Road", body))
    assert len(tidy.text) <= MAX_TEXT_CHARS < len(body)
    assert tidy.text.endswith("soon.")
    assert tidy.sentences[-1].end <= len(tidy.text)


def test_a_body_is_cut_before_a_sentence_too_long_to_be_prose() -> None:
    body = "A normal first sentence. " * 4 + "\n" + "word " * 3000
    tidy = tidy_article(article_from_text("Title", body))
    assert tidy.text == ("A normal first sentence. " * 4).strip()
    assert len(tidy.sentences) == 4
    only_words = tidy_article(article_from_text("Title", "word " * 3000))
    assert 0 < len(only_words.text) <= MAX_SENTENCE_CHARS
