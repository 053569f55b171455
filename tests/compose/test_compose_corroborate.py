"""Who reports what: corroboration of brief sentences by other outlets' sentences."""

from __future__ import annotations

import numpy as np

from glimpse.compose.corroborate import conflicting, corroborate, outlets_reporting
from glimpse.models import Article, BriefSentence, Sentence, SupportRef


def _article(aid: str, outlet: str, *texts: str) -> Article:
    sentences, at = [], 0
    for i, t in enumerate(texts):
        sentences.append(Sentence(i, t, at, at + len(t)))
        at += len(t) + 1
    return Article(aid, f"{outlet} title", " ".join(texts), source=outlet,
                   sentences=tuple(sentences))  # fmt: skip


QUAKE = [
    _article("a", "Wire", "A magnitude 6.1 earthquake struck Hokkaido on Tuesday morning.",
             "Rail services in Sapporo were suspended."),
    _article("b", "Daily", "A 6.1 magnitude earthquake struck Hokkaido early on Tuesday, officials said.",
             "Schools stayed open."),
    _article("c", "Herald", "An earthquake of magnitude 5.4 struck Hokkaido on Tuesday morning."),
    _article("d", "Times", "Officials said the Tuesday earthquake did not strike Hokkaido."),
    _article("e", "Post", "Rail services in Sapporo were suspended for hours on Tuesday."),
]  # fmt: skip


def _lead(text: str, article: str = "a", index: int = 0) -> BriefSentence:
    return BriefSentence(text, (SupportRef(article, index),))


def test_outlets_stating_the_same_fact_corroborate_with_support_first() -> None:
    [found] = corroborate([_lead(QUAKE[0].sentences[0].text)], QUAKE)
    assert found[0].article == "a" and found[0].outlet == "Wire"
    assert {c.article for c in found} == {"a", "b"}


def test_a_sentence_with_a_different_figure_never_corroborates() -> None:
    [found] = corroborate([_lead(QUAKE[0].sentences[0].text)], QUAKE)
    assert "c" not in {c.article for c in found}  # magnitude 5.4 against 6.1


def test_a_negated_sentence_never_corroborates() -> None:
    assert conflicting("The earthquake struck Hokkaido.", "The earthquake did not strike Hokkaido.")
    [found] = corroborate([_lead(QUAKE[0].sentences[0].text)], QUAKE)
    assert "d" not in {c.article for c in found}


def test_numbers_each_lacks_of_the_other_conflict() -> None:
    assert conflicting("Morsi was ordered to pay 1 million pounds to the judge.",
                       "Morsi was ordered to pay two million pounds to the judge.")  # fmt: skip
    assert not conflicting("Morsi was ordered to pay 1 million pounds.",
                           "Morsi, 66, was ordered to pay 1 million pounds.")  # fmt: skip


def test_each_sentence_gets_its_own_outlets_and_unrelated_ones_only_support() -> None:
    rail, schools = _lead(QUAKE[0].sentences[1].text, "a", 1), _lead("Schools stayed open.", "b", 1)
    found_rail, found_schools = corroborate([rail, schools], QUAKE)
    assert outlets_reporting(BriefSentence(rail.text, rail.support, corroboration=found_rail)) == (
        "Wire", "Post")  # fmt: skip
    assert [c.article for c in found_schools] == ["b"]


def test_borderline_pairs_are_settled_by_the_embedding_and_only_then() -> None:
    articles = [
        _article("a", "Wire", "Just weeks later B-44 shattered into more than 20 fragments."),
        _article("b", "Daily", "Weeks later B-44 broke into 20 smaller pieces while drifting."),
    ]  # fmt: skip
    lead = _lead(articles[0].sentences[0].text)
    calls: list[list[str]] = []

    def same(texts: list[str]) -> np.ndarray:
        calls.append(texts)
        return np.ones((len(texts), 1), dtype=np.float32)

    def different(texts: list[str]) -> np.ndarray:
        return np.eye(len(texts), dtype=np.float32)

    assert [c.article for c in corroborate([lead], articles)[0]] == ["a"]
    assert [c.article for c in corroborate([lead], articles, different)[0]] == ["a"]
    assert [c.article for c in corroborate([lead], articles, same)[0]] == ["a", "b"]
    assert calls and len(calls) == 1


def test_corroboration_round_trips_through_json_and_compose_sets_it(story) -> None:  # type: ignore[no-untyped-def]
    from glimpse.compose import compose_brief
    from glimpse.serialize import brief_from_dict, brief_to_dict

    articles = story("disagreeing_numbers")
    brief = compose_brief("s1", articles)
    sentences = [*brief.summary, *(s for p in brief.body for s in p)]
    assert all(s.corroboration and s.corroboration[0].article == s.support[0].article
               for s in sentences)  # fmt: skip
    ids = {a.id for a in articles}
    assert all(c.article in ids for s in sentences for c in s.corroboration)
    data = brief_to_dict(brief)
    assert set(data["summary"][0]["corroboration"][0]) == {"article", "sentence", "outlet"}
    assert brief_from_dict(data) == brief
