"""Paragraph voting between extractors."""

from __future__ import annotations

from glimpse.extract.vote import coverage, trigrams, vote

BODY = [
    "The council voted on Tuesday to build new cycling lanes along the avenue.",
    "Short line.",
    "Shop owners warned that losing parking spaces would hurt their business.",
    "Sign up for our newsletter to get the best stories every morning.",
]


def test_paragraphs_no_voter_found_are_dropped() -> None:
    voter = "\n".join(BODY[:3])
    assert vote(BODY, [voter, ""]) == tuple(BODY[:3])


def test_paragraph_between_kept_ones_is_kept() -> None:
    voter = BODY[0] + " " + BODY[2]
    assert vote(BODY, [voter]) == tuple(BODY[:3])


def test_min_votes_requires_agreement() -> None:
    one = "\n".join(BODY[:3])
    two = BODY[0]
    assert vote(BODY, [one, two], min_votes=2) == (BODY[0],)


def test_voters_that_found_nothing_abstain() -> None:
    assert vote(BODY, ["", ""]) == tuple(BODY)
    assert vote(BODY, ["", ""], min_votes=2) == tuple(BODY)


def test_nothing_kept_when_voters_disagree_everywhere() -> None:
    assert vote(BODY, ["completely different words here in this voter"]) == ()


def test_coverage_is_share_of_trigrams() -> None:
    assert coverage("a b c d", trigrams("a b c")) == 0.5
    assert coverage("", trigrams("a b c")) == 0.0
    assert trigrams("Hi") == frozenset([("hi",)])
