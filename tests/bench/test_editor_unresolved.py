"""The editor benchmark's unresolved-reference detector on hand-written sentences."""

from __future__ import annotations

import pytest

from bench._editor_checks import parse, reference_kind

LEAD = "Floods hit the town of Arlo on Monday, and Mayor Jane Ortiz ordered residents out."


def _kind(sentence: str, with_lead: bool = True) -> str | None:
    lead, doc = parse([LEAD, sentence])
    return reference_kind(doc, [lead] if with_lead else [], False)


@pytest.mark.parametrize(
    "sentence",
    [
        "Since then, the council has spent $4 million on repairs.",
        "At the time, the ministry denied any wrongdoing.",
        "Doing this would cost the city $40 million.",
        "Doing so requires the approval of both houses.",
        "Engineers seem to think so.",
        "The man who did so on behalf of the group was arrested.",
    ],
)
def test_sentences_leaning_on_an_earlier_event_are_unresolved_anywhere(sentence: str) -> None:
    assert _kind(sentence) == "thing"


def test_a_pronoun_after_a_fronted_phrase_needs_a_person_before_it() -> None:
    assert _kind("Back in 2012, he founded a start-up in Berlin.", with_lead=False) == "person"
    assert _kind("Back in 2012, he founded a start-up in Berlin.") is None


@pytest.mark.parametrize(
    "sentence",
    [
        "At the time of the attack, the hotel was full.",
        "So far, police have identified four suspects.",
        "When Paddock arrived, he checked into a suite.",
        "“I think so,” the minister said.",
        "On Monday, it emerged that the bank had lied.",
        "Police found no record of the gunman, their spokesman said.",
    ],
)
def test_sentences_that_stand_on_their_own_are_not_flagged(sentence: str) -> None:
    assert _kind(sentence, with_lead=False) is None
