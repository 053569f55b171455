"""Relative-clause cuts: a "who/which" clause that carries someone's claim is never cut, and a
clause is cut only where its commas are not needed (never leaving list items run together)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.compose.grounding import check_grounding
from glimpse.compose.meaning import meaning_problems
from glimpse.compose.trim import trim_sentence
from glimpse.extract import article_from_text
from glimpse.models import Brief, BriefSentence, SupportRef

ITEMS = ["the driver", "two passengers", "a cyclist", "three soldiers", "his wife", "a nurse"]
PLAIN = ["who had been drinking all evening", "who was visiting from abroad"]
ATTRIBUTED = [
    "who the army said was bruised by the punch",
    "who police said had been drinking all evening",
    "who are believed to have fled the country",
    "which reportedly belonged to the mayor",
]
FRAMES = ["Police arrested {} in the town centre on Monday night.", "{} were taken to hospital."]


def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1]


@settings(max_examples=60, deadline=None)
@given(
    items=st.lists(st.sampled_from(ITEMS), min_size=3, max_size=4, unique=True),
    at=st.integers(min_value=0, max_value=3),
    clause=st.sampled_from(PLAIN + ATTRIBUTED),
    frame=st.sampled_from(FRAMES),
)
def test_a_clause_in_a_list_goes_whole_with_the_list_intact_or_stays(
    items: list[str], at: int, clause: str, frame: str
) -> None:
    at = min(at, len(items) - 1)
    described = [*items[:at], f"{items[at]}, {clause},", *items[at + 1 :]]
    listed = _listed(described).replace(", and ", " and ").replace(",,", ",")
    source = frame.format(listed[0].upper() + listed[1:] if frame[0] == "{" else listed)
    trimmed = trim_sentence(source)
    assert meaning_problems(trimmed, source) == []
    if clause in trimmed:
        return  # not cut: always well-formed
    assert clause not in ATTRIBUTED, "a clause that carries an attribution was cut"
    plain = _listed(items)
    assert plain.lower() in trimmed.lower() or plain.replace(" and ", ", and ") in trimmed


@pytest.mark.parametrize(
    "source",
    [
        # the clause in the middle, at the start of a list, and one that carries an attribution
        "The charge sheet included counts of assault against a soldier, who the army said was "
        "bruised by her punch, obstructing a soldier and throwing stones at troops.",
        "The charge sheet included counts of assault against a soldier, who was bruised by "
        "her punch, obstructing a soldier and throwing stones at troops.",
        "The driver, who had been drinking all evening, two passengers and a cyclist were "
        "taken to hospital.",
        "Mr Taylor, whose cafe specialises in world cereals, milkshakes and cheesecake, says "
        "he has tried it.",
        "The paper worked with Suddeutsche Zeitung, which shared the files with reporters, "
        "including the Guardian and the BBC.",
        "The driver, who police said had been drinking, was taken to hospital on Monday.",
    ],
)  # fmt: skip
def test_clauses_whose_cut_would_change_the_sentence_are_kept(source: str) -> None:
    assert trim_sentence(source) == source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("The driver, who had been drinking all evening, was taken to hospital on Monday.",
         "The driver was taken to hospital on Monday."),
        ("Police arrested the driver, two passengers and a cyclist, who had fled on foot, "
         "in the town centre.",
         "Police arrested the driver, two passengers and a cyclist in the town centre."),
        ("Andrew Chan, who befriended the guard in prison, and a cyclist were taken to hospital.",
         "Andrew Chan and a cyclist were taken to hospital."),
        ("Carrie Reichert, 43, who has previously said she kissed the prince, has now written "
         "a book about the night.",
         "Carrie Reichert, 43, has now written a book about the night."),
    ],
)  # fmt: skip
def test_a_clause_that_ends_before_the_verb_or_a_conjunction_still_goes(
    source: str, expected: str
) -> None:
    assert trim_sentence(source) == expected


@pytest.mark.parametrize(
    ("cut", "source", "problem"),
    [
        ("Counts of assault against a soldier obstructing a soldier and throwing stones.",
         "Counts of assault against a soldier, who was bruised by her punch, obstructing a "
         "soldier and throwing stones.", "words run together"),
        ("Counts of assault against a soldier, obstructing a soldier and throwing stones.",
         "Counts of assault against a soldier, who the army said was bruised by her punch, "
         "obstructing a soldier and throwing stones.", "attribution dropped"),
        ("The driver was taken to hospital.",
         "The driver, who police said had been drinking, was taken to hospital.",
         "attribution dropped"),
    ],
)  # fmt: skip
def test_a_bad_clause_cut_is_named(cut: str, source: str, problem: str) -> None:
    assert any(p.startswith(problem) for p in meaning_problems(cut, source))


@pytest.mark.parametrize(
    ("clause", "attributed"),
    [
        ("who the army said was bruised", True),
        ("which according to police was stolen", True),
        ("who are believed to have fled", True),
        ("which reportedly passed over Japan", True),
        ("whose lawyer said he was innocent", True),
        ("who has previously said she kissed the prince", False),
        ("who told reporters he would resign", False),
        ("who had been drinking all evening", False),
        ("which has begun a process to reincorporate in the United States", False),
        ("whose claims were rejected by the court", False),
    ],
)
def test_a_clause_is_kept_when_someone_other_than_its_noun_makes_its_claim(
    clause: str, attributed: bool
) -> None:
    source = f"The man, {clause}, was taken to hospital in the city on Monday after a crash."
    assert (trim_sentence(source) == source) is attributed


def test_the_gate_rejects_a_stored_cut_that_runs_list_items_together() -> None:
    text = (
        "The charge sheet included counts of assault against a soldier, who was bruised by her "
        "punch, obstructing a soldier and throwing stones at troops. The trial opens in March."
    )
    article = article_from_text("Charges", text, id="a1")
    cut = BriefSentence(
        "The charge sheet included counts of assault against a soldier obstructing a soldier "
        "and throwing stones at troops.",
        (SupportRef("a1", 0),),
    )
    brief = Brief("s", "Charges filed", (cut,), ((cut,),), None, (), None, ())
    assert any("words run together" in p for p in check_grounding(brief, [article]))
