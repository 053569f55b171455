"""Behaviour of tag_articles / tag_story on small inline news texts."""

from __future__ import annotations

import re

import pytest

from glimpse.enrich import TagOptions, tag_article, tag_articles, tag_story
from glimpse.enrich.event import from_sources
from glimpse.enrich.tags import valid_tag
from glimpse.models import Article, Entity, Features

SUMMIT_1 = Article(
    id="a1",
    title="Putin and Kim hold summit in Vladivostok",
    text=(
        "North Korean leader Kim Jong Un met Russian President Vladimir Putin on Thursday in "
        "Vladivostok for a summit on the war in Ukraine. Kim said the U.S. was to blame. "
        "Putin said the United States should leave the region. Kim arrived by armoured train "
        "in Vladivostok, where the summit lasted four hours."
    ),
)
SUMMIT_2 = Article(
    id="a2",
    title="Kim meets Putin at Russian spaceport",
    text=(
        "Kim Jong Un and Vladimir Putin held talks at the Vostochny Cosmodrome. The summit is "
        "the first since 2019. Kim toured the launch pads. US officials warned of an arms deal "
        "between the two countries, and Kim thanked Putin."
    ),
)
MISSILE = Article(
    id="m1",
    title="North Korea fires missile over Hokkaido",
    text=(
        "North Korea launched a ballistic missile that flew over Hokkaido, Japan said on "
        "Tuesday. The missile launch triggered alerts across Hokkaido. Residents of Hokkaido "
        "were told to take shelter. Japan protested the launch."
    ),
)
ORDER = {"PLACE": 1, "PERSON": 2, "ORG": 3}


@pytest.fixture(scope="session")
def summit() -> list[Features]:
    return tag_articles([SUMMIT_1, SUMMIT_2])


@pytest.fixture(scope="session")
def missile() -> Features:
    return tag_article(MISSILE)


def _by_name(entities: tuple[Entity, ...], name: str) -> Entity:
    return next(e for e in entities if e.name == name)


def test_kim_and_descriptions_of_kim_are_one_person(summit: list[Features]) -> None:
    names = [e.name for e in summit[0].entities]
    kim = _by_name(summit[0].entities, "Kim Jong Un")
    assert kim.type == "PERSON"
    assert "Kim" not in names
    assert "Kim" in kim.aliases
    assert kim.count >= 4
    assert kim.articles == ("a1",)


def test_us_spellings_are_one_place(summit: list[Features]) -> None:
    us = _by_name(summit[0].entities, "United States")
    assert us.type == "PLACE"
    assert us.count == 2
    assert not {"U.S.", "US"} & {e.name for e in summit[0].entities}


def test_story_merges_entities_across_articles(summit: list[Features]) -> None:
    _, entities = tag_story([SUMMIT_1, SUMMIT_2], summit)
    kim = _by_name(entities, "Kim Jong Un")
    putin = _by_name(entities, "Vladimir Putin")
    assert kim.articles == ("a1", "a2")
    assert kim.count == sum(_by_name(f.entities, "Kim Jong Un").count for f in summit)
    assert putin.articles == ("a1", "a2")
    assert _by_name(entities, "United States").articles == ("a1", "a2")
    assert len({e.name for e in entities}) == len(entities)


def test_story_tags_start_with_the_event_then_places_people(summit: list[Features]) -> None:
    tags, entities = tag_story([SUMMIT_1, SUMMIT_2], summit)
    assert tags[0] in ("Kim–Putin summit", "Putin–Kim summit")
    kinds = {e.name: e.type for e in entities}
    ranks = [ORDER.get(kinds.get(t, ""), 4) for t in tags[1:]]
    assert ranks == sorted(ranks)
    assert {"Vladivostok", "Kim Jong Un", "Vladimir Putin"} <= set(tags)


def test_place_qualifies_an_event_without_names(missile: Features) -> None:
    assert missile.tags[0] == "Hokkaido missile launch"
    assert missile.tags[1] == "Hokkaido"


def test_event_tag_uses_only_words_of_the_sources(
    summit: list[Features], missile: Features
) -> None:
    tags, _ = tag_story([SUMMIT_1, SUMMIT_2], summit)
    sources = " ".join(f"{a.title} {a.text}" for a in (SUMMIT_1, SUMMIT_2))
    for word in re.findall(r"\w+", tags[0].lower()):
        assert word in re.findall(r"\w+", sources.lower())
    assert from_sources(missile.tags[0], f"{MISSILE.title} {MISSILE.text}")
    assert not from_sources("Hokkaido rocket launch", f"{MISSILE.title} {MISSILE.text}")


def test_no_event_tag_when_the_sources_name_no_event() -> None:
    quiet = Article(
        id="q1",
        title="Sunny weather in Lisbon",
        text="Lisbon had a sunny afternoon. Tourists in Lisbon walked along the river.",
    )
    features = tag_article(quiet)
    assert features.tags[0] == "Lisbon"
    assert all(not from_sources(t, "") for t in features.tags)


def test_tags_are_few_unique_and_meaningful(summit: list[Features], missile: Features) -> None:
    story_tags, _ = tag_story([SUMMIT_1, SUMMIT_2], summit, max_tags=5)
    for tags in [*(f.tags for f in summit), missile.tags, story_tags]:
        assert len(tags) <= 8
        assert len({t.lower() for t in tags}) == len(tags)
        assert all(valid_tag(t) for t in tags)
    assert len(story_tags) <= 5


def test_numbers_and_stop_words_are_never_tags() -> None:
    assert not valid_tag("2019")
    assert not valid_tag("4,000")
    assert not valid_tag("the")
    assert not valid_tag("It")
    assert not valid_tag("")
    assert valid_tag("G7")
    numbers = Article(
        id="n1",
        title="2024 2025 2026",
        text="In 2024 it was 12 and then 15. They said it was the one. 2025 was 20.",
    )
    assert tag_article(numbers).tags == ()


def test_empty_article_gives_empty_features() -> None:
    features = tag_article(Article(id="e1", title="", text=""))
    assert features.article == "e1"
    assert features.entities == features.keyphrases == features.tags == ()
    assert features.vector == () and features.minhash == ()
    tags, entities = tag_story([Article(id="e1", title="", text="")], [features])
    assert tags == () and entities == ()


def test_one_sentence_article_is_tagged() -> None:
    one = Article(id="s1", title="", text="An earthquake struck Lima, Peru's capital, on Monday.")
    features = tag_article(one)
    assert "Lima" in features.tags
    assert "earthquake" in features.keyphrases


def test_keyphrases_are_best_first_and_cut_at_top() -> None:
    spill = Article(
        id="k1",
        title="Oil spill spreads off Alaska coast",
        text=(
            "The oil spill from the tanker Exxon Valdez spread along the Alaska coast. "
            "Cleanup crews fought the oil spill for a week. Fishermen said the oil spill "
            "ruined the salmon season. Officials counted dead otters and birds on beaches."
        ),
    )
    features = tag_article(spill, top=3)
    assert len(features.keyphrases) == 3
    assert features.keyphrases[0] == "oil spill"
    assert len(tag_article(spill, top=8).keyphrases) == 8


def test_tag_articles_keeps_order_and_options(summit: list[Features]) -> None:
    out = tag_articles([SUMMIT_2, SUMMIT_1], options=TagOptions(max_tags=3))
    assert [f.article for f in out] == ["a2", "a1"]
    assert all(len(f.tags) <= 3 for f in out)


def test_topics_skip_links_names_and_everyday_words() -> None:
    noisy = Article(
        id="x1",
        title="Flood hits Dresden",
        text=(
            "A flood swept through Dresden on Sunday. The flood damaged the old town bridges "
            "and the river embankment. See pic.twitter.com/ab12cd and www.example.com for "
            "photos of the flood. A woman said the flood was the worst in decades."
        ),
    )
    features = tag_article(noisy)
    assert not any("/" in k or "www" in k for k in features.keyphrases)
    topics = features.tags[2:]
    assert "woman" not in topics
    assert "Dresden" not in topics and features.tags[:2] == ("Dresden flood", "Dresden")


def test_a_named_event_in_the_title_is_the_event_tag() -> None:
    games = Article(
        id="g1",
        title="Fans flock to Doha for the World Cup",
        text=(
            "Fans filled Doha as the World Cup began on Sunday. The World Cup opened in Doha, "
            "Qatar, before a crowd of 88,000."
        ),
    )
    tags = tag_article(games).tags
    assert tags[0] == "World Cup"
    assert "Doha" in tags


def test_entity_names_do_not_run_across_paragraphs() -> None:
    two = Article(id="p1", title="Crowds gather in Paris", text="Crowds lined the river in Paris.")
    names = {e.name for e in tag_article(two).entities}
    assert "Paris" in names
    assert not any("\n" in n or "Crowds" in n for n in names)


def test_names_found_early_are_counted_to_the_end_of_a_long_article() -> None:
    from glimpse.enrich.entities import _later_mentions
    from glimpse.enrich.tagger import NER_CHARS

    forms = {"Kim Jong Un": ("Kim Jong Un", "PERSON"), "Kim": ("Kim", "PERSON")}
    later = _later_mentions(forms, "Kim Jong Un spoke. Kim left. Kimchi was served. kim.")
    assert later == {("Kim Jong Un", "PERSON"): 1, ("Kim", "PERSON"): 1}
    filler = "The talks went on through the night and into the morning. " * 60
    assert len(filler) > NER_CHARS
    text = "Kim Jong Un arrived in Vladivostok. " + filler + "Kim left Vladivostok by train."
    features = tag_article(Article(id="l1", title="", text=text))
    kim = _by_name(features.entities, "Kim Jong Un")
    assert kim.count == 2
    assert _by_name(features.entities, "Vladivostok").count == 2
