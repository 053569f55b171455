"""Sentences that lean back without an opening pronoun: named families, kept only in place."""

from __future__ import annotations

import pytest

from glimpse.compose.anaphora import leans_back
from glimpse.compose.coherence import Placed, resolve_references
from glimpse.compose.grounding import check_grounding
from glimpse.compose.signals import dangling_opener
from glimpse.extract import article_from_text
from glimpse.models import Brief, BriefSentence, Edit, SupportRef


@pytest.mark.parametrize(
    ("sentence", "family"),
    [
        ("Since then, the company has cut 300 jobs.", "adverbial"),
        ('"We have decided to separate after 18 years," the pair said.', "speaker"),
        ("The couple will share custody, said the couple in a statement.", "speaker"),
        ("After that the talks stalled for a month.", "adverbial"),
        ("By then the fire had reached the roof.", "adverbial"),
        ("At the time, the ministry denied any wrongdoing.", "adverbial"),
        ("Despite this, shares rose 4 percent.", "adverbial"),
        ("Days later, the council reversed the ban.", "adverbial"),
        ("The next day, police arrested two men.", "adverbial"),
        ("Doing this would cost the city $40 million.", "pro-verb"),
        ("Doing so requires the approval of both houses.", "pro-verb"),
        ("Investors seem to think so.", "ellipsis"),
        ("The man who did so on behalf of the group was arrested.", "ellipsis"),
        ("Most analysts believe so, according to a survey.", "ellipsis"),
        ("Back in 2012, he founded a start-up in Berlin.", "fronted"),
        ("On Monday, they marched to the parliament.", "fronted"),
        ("Before the vote, its shares had fallen by half.", "fronted"),
        (
            "Mother nature has already developed a similar system undersea, researchers found.",
            "comparison",
        ),
        ("Police have seen other similar cases in the region.", "comparison"),
        ("Complicating matters further, the two airlines share a codeshare.", "adverbial"),
        ("To make matters worse, the pumps failed.", "adverbial"),
        ("What's more, the bridge was closed.", "adverbial"),
    ],
)
def test_each_family_catches_its_sentences(sentence: str, family: str) -> None:
    assert leans_back(sentence) == family
    assert dangling_opener(sentence)  # selection prefers sentences that can stand


@pytest.mark.parametrize(
    "sentence",
    [
        "At the time of the attack, the hotel was full.",
        '"The pair said nothing," the judge told the court.',
        "Silverman and Sheen said the pair had split.",
        "Shortly after the vote, the minister resigned.",
        "So far, police have identified four suspects.",
        "The company said so far it had lost $3 million.",
        "When Paddock arrived, he checked into a suite.",
        "On Monday, it emerged that the bank had lied.",
        "“I think so,” the minister said on Tuesday.",
        "Police arrested two men on Monday in Arlo.",
        "The storm did so much damage that the town was evacuated.",
        "He was a high-stakes gambler with no record, his brother said.",
        "The minister, who resigned in May, said it was time to go.",
        "The rings work in a similar way to smoke rings blown by a smoker.",
        "Europe has a similar system to the American one, officials said.",
        "A similar number of men and women took part.",
        "Matters were complicated by the storm.",
        "The new rocket is similar in size to the Saturn V.",
        '"We had a similar system," the engineer said.',
    ],
)
def test_sentences_that_stand_on_their_own_are_left_alone(sentence: str) -> None:
    assert leans_back(sentence) is None


TEXT = (
    "Floods hit the town of Arlo on Monday. "
    "Mayor Jane Ortiz ordered 300 residents to leave their homes. "
    "Back in 2012, she had warned that the levee would fail. "
    "Since then, the council has spent $4 million on repairs. "
    "Engineers seem to think so."
)


def _story() -> tuple[dict[str, object], list[Placed]]:
    article = article_from_text("Arlo floods", TEXT, id="a1")
    return {"a1": article}, [Placed("a1", i, s.text) for i, s in enumerate(article.sentences)]


def test_a_leaning_sentence_out_of_its_place_is_left_out() -> None:
    articles, placed = _story()
    out = resolve_references([placed[0], placed[3], placed[4]], articles, [])  # type: ignore[arg-type]
    assert out == [placed[0], None, None]


def test_a_leaning_sentence_right_after_its_source_sentence_stays() -> None:
    articles, placed = _story()
    out = resolve_references(placed[2:4], articles, [])  # type: ignore[arg-type]
    assert out[1] == placed[3]


def test_a_fronted_pronoun_gets_the_name_and_the_gate_accepts_the_edit() -> None:
    articles, placed = _story()
    out = resolve_references([placed[0], placed[2]], articles, [])  # type: ignore[arg-type]
    she = out[1]
    assert she is not None
    assert she.text == "Back in 2012, Mayor Jane Ortiz had warned that the levee would fail."
    assert she.edits == (Edit("she", "Mayor Jane Ortiz", "a1", 1),)
    brief = Brief(
        story="s",
        headline="Floods hit Arlo",
        summary=tuple(
            BriefSentence(p.text, (SupportRef("a1", p.index),), p.edits) for p in (placed[0], she)
        ),
        body=(),
        key_quote=None,
        tags=(),
        updated_at=None,
        sources=(),
    )
    assert check_grounding(brief, list(articles.values())) == []  # type: ignore[arg-type]
