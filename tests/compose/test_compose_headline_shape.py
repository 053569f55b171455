"""Headline forms with a broken shape are rejected from the parse; a headline never states a
figure the sources dispute unless it is the newest one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from glimpse.compose.conflicts import find_conflicts
from glimpse.compose.headline import headline_candidates, make_headline, states_older_figure
from glimpse.compose.headline_form import headline_forms, main_clause
from glimpse.compose.headline_shape import shape_problem
from glimpse.extract import article_from_text
from glimpse.models import Article, Conflict, ConflictValue
from glimpse.nlp import load_spacy


def forms(sentence: str, title: bool = False) -> list[str]:
    doc: Any = load_spacy()(sentence)
    return headline_forms(doc, 12, title=title)


def problem(sentence: str) -> str | None:
    root = main_clause(load_spacy()(sentence))
    return shape_problem(root, {t.i for t in root.subtree})


def test_a_title_in_the_past_form_is_a_passive_not_an_active() -> None:
    assert forms("Gorilla killed to save boy at Arlo zoo", title=True)[0] == (
        "Gorilla is killed to save boy at Arlo zoo"
    )
    assert forms("Senator briefed on flood damage in Arlo", title=True)[0].startswith(
        "Senator is briefed"
    )


def test_a_title_participle_before_an_infinitive_is_a_passive_unless_its_subject_acts() -> None:
    assert forms("Workers forced to leave the Arlo factory", title=True)[0].startswith(
        "Workers are forced to leave"
    )
    assert forms("Woman stunned to find a huge electric bill", title=True)[0].startswith(
        "Woman is stunned to find"
    )
    assert forms("Arlo firm agreed to pay a fine", title=True)[0].startswith(
        "Arlo firm agrees to pay"
    )


def test_a_title_with_an_object_keeps_its_active_verb() -> None:
    assert forms("Broadcom raised its offer for Qualcomm", title=True)[0] == (
        "Broadcom raises its offer for Qualcomm"
    )


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        ("Another girl who was also wearing leggings was allowed to board the flight.",
         "subject refers to something else"),
        ("Other passengers were allowed to board the next flight to Denver.",
         "subject refers to something else"),
        ("The airline also barred two passengers from the flight.",
         "an addition to something else"),
    ],
)  # fmt: skip
def test_side_details_are_not_headlines(sentence: str, why: str) -> None:
    assert problem(sentence) == why
    assert forms(sentence) == []


def test_a_relative_clause_on_the_subject_or_another_deep_inside_it_is_fine() -> None:
    assert problem("Girl who hit soldiers could get long sentence.") is None
    assert problem("A transfer involving another ship was captured in photos.") is None


def test_unlike_coordinated_verbs_make_no_headline() -> None:
    sentence = (
        "Officials said the boy is expected to recover after being picked up out of the moat "
        "and dragged by the 400-pound male gorilla."
    )
    assert not any(f.endswith("recover and dragged") for f in forms(sentence))


def test_every_form_keeps_the_words_its_words_depend_on() -> None:
    sentence = "The navy fired a test missile over Japan's northern Hokkaido island on Tuesday."
    got = forms(sentence)
    assert "navy fires test missile over Japan" in got  # the place stands for its part
    assert not any(f.endswith((" over", " northern", " Hokkaido")) for f in got)


CONFLICT = Conflict(
    "dead",
    (
        ConflictValue("seven", ("b",), datetime(2016, 11, 10, tzinfo=UTC)),
        ConflictValue("at least five", ("a",), datetime(2016, 11, 9, tzinfo=UTC)),
    ),
)


@pytest.mark.parametrize(
    ("headline", "older"),
    [
        ("At least five people are dead after tram overturns", True),
        ("Five dead after tram overturns in Arlo", True),
        ("Seven dead after tram overturns in Arlo", False),
        ("Tram overturns in Arlo", False),
    ],
)
def test_only_the_newest_disputed_figure_may_be_in_a_headline(headline: str, older: bool) -> None:
    assert states_older_figure(headline, [CONFLICT]) is older


def tram_story() -> list[Article]:
    """Three reports of a tram crash; the latest gives a higher toll."""

    def art(n: int, title: str, text: str, day: int) -> Any:
        when = datetime(2016, 11, day, 8, tzinfo=UTC)
        return article_from_text(title, text, id=f"t{n}", published=when, source=f"s{n}.com")

    return [
        art(0, "Five dead after tram overturns in Arlo",
            "At least five people were killed when a tram overturned in Arlo on Wednesday. "
            "The tram derailed on a sharp curve near the Sandhill stop.", 9),
        art(1, "Five dead as tram overturns in Arlo",
            "Five people were killed when a tram overturned in Arlo. "
            "Passengers were trapped for hours near the Sandhill stop.", 9),
        art(2, "Seven killed in Arlo tram crash",
            "Seven people were killed when a tram overturned in Arlo on Wednesday. "
            "The tram derailed on a sharp curve near the Sandhill stop.", 10),
    ]  # fmt: skip


def test_the_headline_drops_a_disputed_older_toll() -> None:
    articles = tram_story()
    conflicts = find_conflicts(articles)
    assert conflicts and conflicts[0].values[0].value.lower() == "seven"
    lead = articles[2].sentences[0].text
    free = make_headline(articles, lead)
    checked = make_headline(articles, lead, conflicts=conflicts)
    assert not states_older_figure(checked, conflicts)
    assert free != checked or not states_older_figure(free, conflicts)


def test_no_headline_candidate_states_an_older_disputed_toll() -> None:
    articles = tram_story()
    conflicts = find_conflicts(articles)
    lead = articles[2].sentences[0].text
    free = [c.text for c in headline_candidates(articles, lead)]
    checked = [c.text for c in headline_candidates(articles, lead, conflicts=conflicts)]
    assert any(states_older_figure(text, conflicts) for text in free)
    assert checked and not any(states_older_figure(text, conflicts) for text in checked)
    assert set(checked) <= set(free)
