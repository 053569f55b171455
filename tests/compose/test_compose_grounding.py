"""The grounding check rejects what no source says, and the support test underneath it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glimpse.compose import check_grounding, compose_brief, unsupported_terms
from glimpse.compose.grounding import unsupported_facts
from glimpse.compose.trim import trim_sentence
from glimpse.models import Article, BriefSentence, Quote, SupportRef

Story = Callable[[str], list[Article]]


def test_invented_fact_is_rejected(story: Story) -> None:
    articles = story("surname_speaker")
    brief = compose_brief("summit", articles)
    lead = brief.summary[0]
    invented = BriefSentence(
        "The leaders of Tarvos and Belen agreed on a media-access deal.", lead.support
    )
    problems = check_grounding(replace(brief, summary=(invented, *brief.summary[1:])), articles)
    assert len(problems) == 1
    assert "media" in problems[0] and "access" in problems[0] and "deal" in problems[0]


def test_changed_number_is_rejected(story: Story) -> None:
    articles = story("disagreeing_numbers")
    ref = SupportRef("quake-a", 0)
    sentence = BriefSentence(articles[0].sentences[0].text.replace("12", "15"), (ref,))
    brief = replace(compose_brief("q", articles), summary=(sentence,))
    assert any("15" in p for p in check_grounding(brief, articles))


def test_support_to_missing_article_or_sentence_is_rejected(story: Story) -> None:
    articles = story("one_article")
    brief = compose_brief("s1", articles)
    text = brief.summary[0].text
    ghost = BriefSentence(text, (SupportRef("nowhere", 0),))
    past_end = BriefSentence(text, (SupportRef("wire-1", 999),))
    problems = check_grounding(replace(brief, summary=(ghost, past_end)), articles)
    assert any("missing article" in p for p in problems)
    assert any("no sentence 999" in p for p in problems)


def test_paraphrased_key_quote_is_rejected(story: Story) -> None:
    articles = story("one_article")
    brief = compose_brief("s1", articles)
    assert brief.key_quote is not None
    paraphrase = replace(brief.key_quote, text="We won't open the bridge before it is repaired")
    assert check_grounding(replace(brief, key_quote=paraphrase), articles) == [
        "key quote: not verbatim in its source sentence"
    ]


def test_key_quote_from_the_wrong_sentence_is_rejected(story: Story) -> None:
    articles = story("one_article")
    brief = compose_brief("s1", articles)
    assert brief.key_quote is not None
    moved = replace(brief.key_quote, sentence=brief.key_quote.sentence + 1)
    assert check_grounding(replace(brief, key_quote=moved), articles)
    wrong: Quote = replace(brief.key_quote, article="nowhere")
    assert check_grounding(replace(brief, key_quote=wrong), articles)


def test_headline_word_not_in_sources_is_rejected(story: Story) -> None:
    articles = story("one_article")
    brief = compose_brief("s1", articles)
    problems = check_grounding(replace(brief, headline="Storm closes Riverton airport"), articles)
    assert problems == ["headline: not in the sources: airport"]


@pytest.mark.parametrize(
    ("sentence", "support"),
    [
        ("The cabinet approves the funding.", "The cabinet approved the funding on Monday."),
        ("Two ships sank.", "2 ships sank in the storm."),
        ("It cost $1,500.", "The repair cost 1500 dollars."),
        ("The kick-off was at 4pm.", "The kick off was agreed for 4pm on Sunday."),
        ("Putin's visit ended.", "The visit by Putin ended on Friday."),
    ],
)
def test_inflections_numbers_and_possessives_count_as_support(sentence: str, support: str) -> None:
    assert unsupported_terms(sentence, [support]) == []


@pytest.mark.parametrize(
    ("sentence", "support", "missing"),
    [
        ("The talks did not fail.", "The talks failed.", ["not"]),
        ("Twelve people died.", "Fifteen people died.", ["Twelve"]),
        ("The bank raised rates on Friday.", "The bank raised rates on Monday.", ["Friday"]),
        ("Police arrested 34 fans.", "Police arrested fans.", ["34"]),
    ],
)
def test_negations_numbers_and_dates_must_be_supported(
    sentence: str, support: str, missing: list[str]
) -> None:
    assert unsupported_terms(sentence, [support]) == missing


@given(
    st.lists(
        st.sampled_from(
            ["the", "storm", "closed", "bridge", "on", "Friday", ",", "12", "people", "said", "."]
        )
    )
)
def test_any_sentence_built_from_support_words_is_supported(words: list[str]) -> None:
    support = "The storm closed the bridge on Friday, 12 people said."
    assert unsupported_terms(" ".join(words), [support]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LONDON (Reuters) - The bank raised rates on Friday, officials said.",
         "The bank raised rates on Friday, officials said."),
        ("But the plan (first drafted in 2019) was dropped in March last year.",
         "The plan was dropped in March last year."),
        ("(CNN) Two climbers were rescued from the north face on Sunday.",
         "Two climbers were rescued from the north face on Sunday."),
        ("Carrie Reichert, 43, who has previously said she kissed the prince, has now "
         "written a book about the night.",
         "Carrie Reichert, 43, has now written a book about the night."),
        ("While her main building seems structurally unharmed, all of the children have "
         "been sleeping outdoors because of aftershocks.",
         "All of the children have been sleeping outdoors because of aftershocks."),
        # a restrictive clause (no comma) and a relative clause that ends the sentence stay
        ("The man who found the wallet returned it to the police station on Monday.",
         "The man who found the wallet returned it to the police station on Monday."),
    ],
)  # fmt: skip
def test_trimming_only_deletes_and_stays_grounded(text: str, expected: str) -> None:
    trimmed = trim_sentence(text)
    assert trimmed == expected
    assert unsupported_terms(trimmed, [text]) == []


def test_trimming_that_would_gut_the_sentence_falls_back_to_the_source() -> None:
    text = "Officials said (citing reports from the region, the army and two hospitals) so."
    assert trim_sentence(text) == text


def test_facts_only_test_ignores_paraphrase_but_not_names_or_numbers() -> None:
    doc = "Activists in London dumped yellow paint on the road outside the embassy on Thursday."
    assert unsupported_facts("Activists in London poured yellow paint on the street.", [doc]) == []
    assert unsupported_facts("Activists in Moscow dumped paint on Friday.", [doc]) == [
        "Moscow",
        "Friday",
    ]
    assert unsupported_facts("Activists dumped 40 litres of paint.", [doc]) == ["40"]


def test_a_sentence_that_fails_grounding_is_left_out_and_the_rest_is_kept(
    story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glimpse.compose.brief as brief_module

    articles = story("surname_speaker")
    good = compose_brief("summit", articles)
    lead = good.summary[0]
    invented = BriefSentence("The leaders of Tarvos and Belen agreed a media deal.", lead.support)
    draft = replace(good, summary=(*good.summary, invented))
    monkeypatch.setattr(brief_module, "draft_brief", lambda *a, **k: draft)
    repaired = compose_brief("summit", articles)
    assert invented not in repaired.summary
    assert repaired.summary == good.summary and repaired.body == good.body
    assert check_grounding(repaired, articles) == []


def test_a_brief_whose_headline_fails_is_never_returned(
    story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glimpse.compose.brief as brief_module
    from glimpse.errors import GroundingError

    articles = story("surname_speaker")
    draft = replace(compose_brief("summit", articles), headline="Leaders agree media deal")
    monkeypatch.setattr(brief_module, "draft_brief", lambda *a, **k: draft)
    with pytest.raises(GroundingError):
        compose_brief("summit", articles)


def test_leaving_out_a_failing_sentence_keeps_each_dispute_on_its_sentence(
    story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glimpse.compose.brief as brief_module

    articles = story("disagreeing_numbers")
    good = compose_brief("quake", articles)
    (conflict,) = good.conflicts
    assert (conflict.part, conflict.sentence) == ("summary", (0, 0))
    stated = good.summary[0]
    invented = BriefSentence("The quake destroyed the Tarvos media centre.", stated.support)
    moved = replace(conflict, sentence=(0, 1))  # the figure's sentence after the bad one
    draft = replace(good, summary=(invented, stated), conflicts=(moved,))
    monkeypatch.setattr(brief_module, "draft_brief", lambda *a, **k: draft)
    repaired = compose_brief("quake", articles)
    assert repaired.summary == (stated,)
    assert [(c.part, c.sentence) for c in repaired.conflicts] == [("summary", (0, 0))]
