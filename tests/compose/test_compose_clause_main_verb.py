"""A relative clause before the sentence's main verb goes, even when that verb is a regular
past tense the tagger reads as a past participle ("The welshman, who is now 43, retired from
..."); a clause before a real participle (an aside or a list item) still stays."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.compose.meaning import meaning_problems
from glimpse.compose.trim import trim_sentence

SUBJECTS = ["The welshman", "The striker", "Her husband", "The former minister", "Mr Jones"]
CLAUSES = ["who is now 43", "who joined the club in 2010", "who was 54", "who had been ill"]
# regular verbs: the past tense and the past participle are the same word
PREDICATES = [
    "retired from the sport in 2015",
    "scored twice against Chelsea on Saturday",
    "returned home from the hospital on Friday",
    "resigned from the board last week",
    "collapsed at his home last month",
    "played for the national team until 2012",
]
# a participle after the clause, with the sentence's main verb elsewhere
ASIDES = [
    "Police found {np}, {clause}, {part} near the river.",
    "Officers questioned {np}, {clause}, {part} in the crash on Monday.",
    "{np}, {clause}, {part} by gunfire, lay in the road for an hour.",
]
NOUNS = ["the man", "the driver", "a soldier", "the car"]
ASIDE_CLAUSES = ["which was burnt out", "who was 43", "who had been drinking"]
PARTICIPLES = ["abandoned", "injured", "wounded", "trapped"]


@settings(max_examples=40, deadline=None)
@given(
    subject=st.sampled_from(SUBJECTS),
    clause=st.sampled_from(CLAUSES),
    predicate=st.sampled_from(PREDICATES),
)
def test_a_clause_between_subject_and_past_tense_verb_goes_whole(
    subject: str, clause: str, predicate: str
) -> None:
    source = f"{subject}, {clause}, {predicate}."
    assert trim_sentence(source) == f"{subject} {predicate}."


@settings(max_examples=40, deadline=None)
@given(
    frame=st.sampled_from(ASIDES),
    noun=st.sampled_from(NOUNS),
    clause=st.sampled_from(ASIDE_CLAUSES),
    participle=st.sampled_from(PARTICIPLES),
)
def test_a_clause_before_a_participle_aside_stays(
    frame: str, noun: str, clause: str, participle: str
) -> None:
    np = noun[0].upper() + noun[1:] if frame.startswith("{np}") else noun
    source = frame.format(np=np, clause=clause, part=participle)
    assert trim_sentence(source) == source


def test_the_gate_still_names_a_clause_cut_before_a_participle_aside() -> None:
    source = "Police found the car, which was burnt out, abandoned near the river."
    cut = "Police found the car abandoned near the river."
    assert any(p.startswith("words run together") for p in meaning_problems(cut, source))
