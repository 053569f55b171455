"""split_sentences: abbreviations, initials and quotes do not break; offsets slice back."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glimpse.extract import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Army said Mr. Smith left. He was fine.",
            ["The U.S. Army said Mr. Smith left.", "He was fine."],
        ),
        (
            "It closed at 3 a.m. Friday and reopened at 9 p.m. local time. Nobody was hurt.",
            ["It closed at 3 a.m. Friday and reopened at 9 p.m. local time.", "Nobody was hurt."],
        ),
        (
            "It happened at 3 a.m. Police arrived later.",
            ["It happened at 3 a.m.", "Police arrived later."],
        ),
        (
            "The deal was signed on Jan. 5 in Paris. It lasts.",
            ["The deal was signed on Jan. 5 in Paris.", "It lasts."],
        ),
        (
            "J. K. Rowling and George W. Bush met. They talked.",
            ["J. K. Rowling and George W. Bush met.", "They talked."],
        ),
        (
            "“We will win,” he said. “It is over.” Then she left.",
            ["“We will win,” he said.", "“It is over.”", "Then she left."],
        ),
        ('"Why now?" asked Ms. Lee. Nobody knew.', ['"Why now?" asked Ms. Lee.', "Nobody knew."]),
        ("He moved to the U.S. The rest followed.", ["He moved to the U.S.", "The rest followed."]),
        (
            "Shares of Acme Inc. rose 3.5% on Monday. No. 3 fell.",
            ["Shares of Acme Inc. rose 3.5% on Monday.", "No. 3 fell."],
        ),
        ("Wait... what happened? Nothing!", ["Wait... what happened?", "Nothing!"]),
        ("13. Keep it short. Then stop.", ["13. Keep it short.", "Then stop."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_paragraph_break_always_ends_a_sentence() -> None:
    text = "A headline without a stop\n\nThe first paragraph, also without one\nA second line."
    assert texts(text) == [
        "A headline without a stop",
        "The first paragraph, also without one",
        "A second line.",
    ]


def test_offsets_and_indexes_point_into_the_text() -> None:
    text = "  First one.   Second one!\n\n  Third?  "
    sentences = split_sentences(text)
    assert [s.index for s in sentences] == [0, 1, 2]
    assert [(s.start, s.end) for s in sentences] == [(2, 12), (15, 26), (30, 36)]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\t\n ") == ()


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_offsets_always_slice_back_to_the_sentence_text(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for i, sentence in enumerate(sentences):
        assert sentence.index == i
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text
        assert sentence.start >= previous_end
        previous_end = sentence.end


@given(
    st.lists(
        st.sampled_from(["Mr.", "U.S.", "said", "“Yes.”", "3", "a.m.", "He", "\n", "!", "J."]),
        max_size=60,
    )
)
def test_splitting_loses_no_non_space_character(words: list[str]) -> None:
    text = " ".join(words)
    joined = "".join(s.text for s in split_sentences(text))
    assert joined.replace(" ", "") == "".join(text.split())


@pytest.mark.parametrize(
    "text",
    ["." * 200_000, "Mr. " * 50_000, "a. " * 70_000, "!?" * 100_000 + " A", "3. " * 60_000],
)
def test_splitting_stays_linear_on_pathological_runs(text: str) -> None:
    start = time.perf_counter()
    sentences = split_sentences(text)
    assert time.perf_counter() - start < 2.0
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")
