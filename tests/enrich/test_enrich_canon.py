"""Canonical names across mentions, without spaCy: merge_entities is pure."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from glimpse.enrich.canon import merge_entities
from glimpse.models import Entity


def test_partial_person_names_join_the_full_name() -> None:
    merged = merge_entities(
        [
            Entity("Kim", "PERSON", 3, ("a1",)),
            Entity("Kim Jong Un", "PERSON", 1, ("a2",), ("North Korean leader Kim Jong Un",)),
            Entity("Putin", "PERSON", 2, ("a2",)),
            Entity("Vladimir Putin", "PERSON", 1, ("a1",)),
        ]
    )
    assert [(e.name, e.count, e.articles) for e in merged] == [
        ("Kim Jong Un", 4, ("a2", "a1")),
        ("Vladimir Putin", 3, ("a1", "a2")),
    ]
    assert set(merged[0].aliases) == {"Kim", "North Korean leader Kim Jong Un"}


def test_abbreviations_of_places_resolve_to_one_name() -> None:
    merged = merge_entities(
        [
            Entity("U.S.", "PLACE", 2, ("a1",)),
            Entity("US", "PLACE", 1, ("a2",)),
            Entity("United States", "PLACE", 1, ("a3",)),
        ]
    )
    assert len(merged) == 1
    assert merged[0].name == "United States"
    assert merged[0].count == 4
    assert merged[0].articles == ("a1", "a2", "a3")
    assert {"U.S.", "US"} <= set(merged[0].aliases)


def test_acronym_joins_its_spelled_out_organisation() -> None:
    merged = merge_entities(
        [
            Entity("IAEA", "ORG", 2, ("a1",)),
            Entity("International Atomic Energy Agency", "ORG", 1, ("a1",)),
        ]
    )
    assert [e.name for e in merged] == ["International Atomic Energy Agency"]


def test_a_place_is_not_taken_for_a_person_surname() -> None:
    merged = merge_entities(
        [Entity("Washington", "PLACE", 2, ("a1",)), Entity("Denzel Washington", "PERSON", 1)]
    )
    assert {e.name for e in merged} == {"Washington", "Denzel Washington"}


def test_spelling_variants_of_one_name_merge() -> None:
    merged = merge_entities(
        [Entity("Kim Jong-un", "PERSON", 1, ("a1",)), Entity("Kim Jong Un", "PERSON", 2)]
    )
    assert len(merged) == 1 and merged[0].name == "Kim Jong Un"


names = st.sampled_from(
    ["Kim", "Kim Jong Un", "Jong Un", "U.S.", "US", "United States", "IAEA", "Putin", "Lima"]
)
entities = st.builds(
    Entity,
    name=names,
    type=st.sampled_from(["PERSON", "PLACE", "ORG"]),
    count=st.integers(1, 5),
    articles=st.tuples(st.sampled_from(["a1", "a2", "a3"])),
)


@given(st.lists(entities, max_size=12))
def test_merging_keeps_every_mention_and_never_repeats_a_name(found: list[Entity]) -> None:
    merged = merge_entities(found)
    assert sum(e.count for e in merged) == sum(e.count for e in found)
    assert len({e.name for e in merged}) == len(merged)
    assert {a for e in merged for a in e.articles} == {a for e in found for a in e.articles}
    again = merge_entities(list(merged))
    assert {e.name for e in again} == {e.name for e in merged}
    assert sum(e.count for e in again) == sum(e.count for e in merged)


def test_short_company_name_joins_its_longer_form_under_the_common_name() -> None:
    merged = merge_entities(
        [
            Entity("Goldman Sachs", "ORG", 5, ("a1",)),
            Entity("Goldman", "ORG", 3, ("a1",)),
            Entity("Goldman Sachs Group", "ORG", 1, ("a2",)),
        ]
    )
    assert [(e.name, e.count) for e in merged] == [("Goldman Sachs", 9)]


def test_typographic_apostrophes_do_not_split_a_name() -> None:
    merged = merge_entities(
        [Entity("New Year’s Eve", "EVENT", 2), Entity("New Year's Eve", "EVENT", 1)]
    )
    assert len(merged) == 1 and merged[0].count == 3


def test_transliterations_of_a_person_from_different_outlets_merge() -> None:
    merged = merge_entities(
        [
            Entity("Mohammed Morsi", "PERSON", 3, ("cbs",)),
            Entity("Mohamed Morsi", "PERSON", 5, ("bbc", "npr")),
            Entity("Morsi", "PERSON", 4, ("cbs", "bbc")),
        ]
    )
    assert [(e.name, e.count) for e in merged] == [("Mohamed Morsi", 12)]
    assert "Mohammed Morsi" in merged[0].aliases and set(merged[0].articles) == {
        "cbs",
        "bbc",
        "npr",
    }


def test_near_names_stay_apart_when_short_or_side_by_side_in_one_article() -> None:
    short = merge_entities(
        [Entity("Jon Smith", "PERSON", 2, ("a",)), Entity("Jan Smith", "PERSON", 2, ("b",))]
    )
    together = merge_entities(
        [Entity("Daniel Craig", "PERSON", 2, ("a",)), Entity("Danielle Craig", "PERSON", 2, ("a",))]
    )
    other_surname = merge_entities(
        [
            Entity("Mohamed Morsi", "PERSON", 2, ("a",)),
            Entity("Mohammed Salah", "PERSON", 2, ("b",)),
        ]
    )
    assert len(short) == len(together) == len(other_surname) == 2
