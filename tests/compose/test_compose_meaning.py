"""Meaning-safe cuts: a shortened sentence keeps the attribution, negation, hedges, quotations
and word pairs of its source, and the grounding check catches a cut that does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glimpse.compose.grounding import check_grounding
from glimpse.compose.meaning import meaning_problems
from glimpse.compose.trim import trim_sentence
from glimpse.extract import article_from_text
from glimpse.models import Brief, BriefSentence, SupportRef


@pytest.mark.parametrize(
    ("cut", "source", "problem"),
    [
        ("The man did so on behalf of Islamic State.",
         "The man did so on behalf of Islamic State, according to an IS-affiliated website.",
         "attribution dropped"),
        ("The bank raised rates on Friday.",
         "The bank raised rates on Friday, officials said.", "attribution dropped"),
        ("The storm killed dozens of people.",
         "The storm killed dozens of people, experts said.", "attribution dropped"),
        ("Roger McNamee, the Facebook founder, criticised the company.",
         "Roger McNamee, who was an adviser to Mark Zuckerberg, the Facebook founder, "
         "criticised the company.", "description joined to a different noun"),
        ("Far, German police have identified the driver.",
         "So far, German police have identified the driver.", "broken word pair"),
        ("The minister said the plan would work.",
         "The minister said the plan would not work.", "negation dropped"),
        ("The company never paid the fine.",
         "The company never paid the fine, it said.", "attribution dropped"),
        ("The suspect shot the guard.",
         "The suspect allegedly shot the guard.", "hedge dropped"),
        ("The outbreak spread to the capital.",
         "The outbreak may have spread to the capital.", "hedge dropped"),
        ('He said "we will win" on Sunday.',
         'He said "we will win this war" on Sunday.', "cut inside a quotation"),
    ],
)  # fmt: skip
def test_a_cut_that_changes_the_meaning_is_named(cut: str, source: str, problem: str) -> None:
    assert any(p.startswith(problem) for p in meaning_problems(cut, source))


@pytest.mark.parametrize(
    ("cut", "source"),
    [
        ("The bank raised rates on Friday, officials said.",
         "LONDON (Reuters) - The bank raised rates on Friday, officials said."),
        ("The plan was dropped in March.", "But the plan (first drafted in 2019) was dropped in March."),
        ("Police have identified the driver.", "So far, police have identified the driver."),
        ("Carrie Reichert, 43, has now written a book.",
         "Carrie Reichert, 43, who has said she kissed the prince, has now written a book."),
        ("All of the children sleep outdoors.",
         "While the building may be unharmed, all of the children sleep outdoors."),
        # a clause before a past-tense main verb the tagger reads as a participle
        ("The welshman retired from international rugby in 2015.",
         "The welshman, who is now 43, retired from international rugby in 2015."),
        ("The striker scored twice on Saturday.",
         "The striker, who joined the club in 2010, scored twice on Saturday."),
    ],
)  # fmt: skip
def test_cuts_that_keep_the_meaning_pass(cut: str, source: str) -> None:
    assert meaning_problems(cut, source) == []


CLAIMS = st.sampled_from(
    [
        "The council approved the new budget for schools on Tuesday",
        "Rescuers pulled three survivors from the collapsed building overnight",
        "The airline cancelled dozens of flights across the region",
    ]
)
FRONTS = st.sampled_from(["", "So far, ", "But ", "Meanwhile, ", "LONDON (Reuters) - ", "(CNN) "])
ASIDES = st.sampled_from(["", " (a first for the city)", " -- officials were surprised --"])
ATTRIBUTIONS = st.sampled_from(
    [", police said", ", according to a local newspaper", ", experts said", ", the mayor told AP"]
)


@given(front=FRONTS, claim=CLAIMS, aside=ASIDES, attribution=ATTRIBUTIONS)
def test_trimming_never_drops_an_attribution(
    front: str, claim: str, aside: str, attribution: str
) -> None:
    source = f"{front}{claim}{aside}{attribution}."
    trimmed = trim_sentence(source)
    assert attribution.strip(", ").split()[-1] in trimmed
    assert meaning_problems(trimmed, source) == []


@given(claim=CLAIMS, word=st.sampled_from(["not", "never", "may", "could", "reportedly"]))
def test_trimming_never_drops_a_negation_or_hedge(claim: str, word: str) -> None:
    subject, rest = claim.split(" ", 2)[:2], claim.split(" ", 2)[2]
    source = f"However, {' '.join(subject)} {word} {rest} (a first), officials said."
    trimmed = trim_sentence(source)
    assert f" {word} " in f" {trimmed} "


@given(front=st.sampled_from(["So far, ", "So far ", "Now that ", "Yet another "]))
def test_trimming_never_breaks_a_word_pair(front: str) -> None:
    source = f"{front}the investigators have identified the driver of the truck."
    trimmed = trim_sentence(source)
    first = trimmed.split()[0].strip(",").lower()
    assert first in {"so", "now", "yet", "the"}
    assert meaning_problems(trimmed, source) == []


def test_the_gate_rejects_a_stored_cut_that_dropped_an_attribution() -> None:
    article = article_from_text(
        "Bank moves",
        "The bank raised rates on Friday to fight inflation, officials said. Markets fell.",
        id="a1",
    )
    cut = BriefSentence(
        "The bank raised rates on Friday to fight inflation.", (SupportRef("a1", 0),)
    )
    brief = Brief("s", "Bank raises rates", (cut,), ((cut,),), None, (), None, ())
    problems = check_grounding(brief, [article])
    assert any("attribution dropped" in p for p in problems)
