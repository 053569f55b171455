"""A tag needs the story behind it: two sentences, two sources or the title/lede; and a
one- or two-letter capitals token is a tag only when it is a known country or body code."""

from __future__ import annotations

import pytest

from glimpse.enrich.options import TagOptions
from glimpse.enrich.tags import build_tags, short_code, supported, tag_worthy
from glimpse.models import Entity

TEXT = (
    "NASA said the supermoon would rise on Monday night. The moon will look 14 percent "
    "larger, NASA said. Astronomers urged people to look east after sunset.\n\n"
    "In other news, Manchester City beat Arsenal on Sunday. GS shares rose."
)
TITLES = "Supermoon to light up the sky on Monday"
CITY = Entity("Manchester City", "ORG", 1, ("a1",))


def test_a_name_one_sentence_of_one_page_gives_is_not_supported() -> None:
    assert not supported(CITY, TEXT, TITLES)


@pytest.mark.parametrize(
    ("entity", "text", "core"),
    [
        (Entity("NASA", "ORG", 2, ("a1",)), TEXT, TITLES),  # two sentences
        (Entity("Manchester City", "ORG", 1, ("a1", "a2")), TEXT, TITLES),  # two sources
        (CITY, TEXT, "Manchester City win the derby"),  # the core names it
    ],
)
def test_two_sentences_two_sources_or_the_core_support_a_tag(
    entity: Entity, text: str, core: str
) -> None:
    assert supported(entity, text, core)


def test_an_unsupported_name_is_left_out_of_the_tags() -> None:
    nasa = Entity("NASA", "ORG", 2, ("a1",))
    tags = build_tags(None, [nasa, CITY], TagOptions(), text=TEXT, titles=TITLES, ledes="")
    assert tags == ("NASA",)


@pytest.mark.parametrize(("name", "junk"), [("GS", True), ("A", True), ("UN", False),
                                            ("U.S.", False), ("EU", False), ("NASA", False)])  # fmt: skip
def test_short_capitals_are_tags_only_as_known_codes(name: str, junk: bool) -> None:
    assert short_code(name) is junk


def test_a_short_acronym_is_not_tag_worthy() -> None:
    gs = Entity("GS", "ORG", 3, ("a1", "a2"))
    un = Entity("UN", "ORG", 3, ("a1", "a2"))
    text = "GS shares rose. The UN said GS would pay. UN officials met. GS fell."
    kept = tag_worthy([gs, un], text=text, titles="UN talks")
    assert [e.name for e in kept] == ["UN"]
