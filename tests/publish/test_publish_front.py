"""The front page's hierarchy: lead score, top tags, short summaries, layout."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from glimpse.publish.front import (
    arrange,
    filter_tags,
    lead_score,
    pick_lead,
    short_summary,
    top_tags,
)
from glimpse.store import StoryRow

T0 = datetime(2026, 11, 27, 12, tzinfo=UTC)


def _row(
    story: str, outlets: int, hours_old: float, tags: tuple[str, ...] = (), head: str = ""
) -> StoryRow:
    when = T0 - timedelta(hours=hours_old)
    return StoryRow(story, head or story, f"{story} happened.", tags, when, outlets, outlets, 0.0)


def test_lead_score_halves_coverage_for_each_day_of_age() -> None:
    assert lead_score(_row("a", 4, 0), T0) == 4
    assert lead_score(_row("a", 4, 24), T0) == 2
    assert lead_score(_row("a", 4, 48), T0) == 1


def test_the_lead_is_the_most_covered_fresh_story() -> None:
    rows = [_row("fresh-1", 1, 0), _row("wide", 6, 10), _row("old-wide", 8, 72)]
    assert pick_lead(rows) == rows[1]


def test_age_counts_from_the_freshest_story_so_an_archive_has_a_lead() -> None:
    old = [_row("a", 2, 24 * 3000), _row("b", 5, 24 * 3000 + 1)]
    lead = pick_lead(old)
    assert lead is not None and lead.story == "b"


def test_a_full_tie_goes_to_the_store_s_order() -> None:
    for first, second in (("x", "y"), ("y", "x")):
        lead = pick_lead([_row(first, 3, 0.0), _row(second, 3, 0.0)])
        assert lead is not None and lead.story == first


def test_top_tags_are_those_of_the_most_covered_stories_without_single_outlet_padding() -> None:
    rows = [
        _row("a", 5, 1, ("North Korea", "Japan")),
        _row("b", 2, 1, ("North Korea", "Guam")),
        _row("c", 1, 1, ("Aardvark",)),
    ]
    tags = dict(top_tags(rows))
    assert list(tags) == ["North Korea", "Japan", "Guam"]
    assert tags["North Korea"] == 7 and "Aardvark" not in tags


def test_equal_coverage_goes_to_the_tags_of_the_more_covered_story_not_the_alphabet() -> None:
    rows = [
        _row("small", 2, 1, ("Anja Marx", "Berlin")),
        _row("wide", 6, 1, ("Zurich", "Qualcomm")),
        _row("wide-2", 3, 1, ("Yemen",)),
        _row("other", 3, 1, ("Aachen",)),
    ]
    assert [t for t, _ in top_tags(rows)] == [
        "Zurich",
        "Qualcomm",
        "Yemen",
        "Aachen",
        "Anja Marx",
        "Berlin",
    ]
    assert [t for t, _ in top_tags(rows, limit=3)] == ["Zurich", "Qualcomm", "Yemen"]


def test_the_filter_menu_lists_tags_on_several_stories_once_per_slug_and_capped() -> None:
    names = [("Aardvark", 1), ("Kim Jong Un", 3), ("Kim Jong-un", 2), ("Japan", 2), ("Zoo", 9)]
    assert filter_tags(names) == (("Zoo", 9), ("Kim Jong Un", 3), ("Japan", 2))
    many = [(f"tag {i:03d}", 2) for i in range(100)]
    assert len(filter_tags(many)) == 30 and len(filter_tags(many, limit=5)) == 5


def test_short_summary_is_the_first_sentence_cut_at_a_word() -> None:
    assert short_summary("First one. Second one.") == "First one."
    long = "word " * 100
    cut = short_summary(long, limit=40)
    assert cut.endswith("…") and len(cut) <= 41 and " wor…" not in cut


def test_arrange_puts_the_lead_first_and_files_the_rest_in_sections() -> None:
    rows = [
        _row("race", 2, 1, ("Grand Prix",), "A race"),
        _row("bid", 6, 2, ("Broadcom",), "Broadcom raises takeover bid"),
        _row("crash", 1, 3, ("Croydon",), "Tram overturns"),
    ]
    front = arrange(rows, {"crash": ("Croydon",)})
    assert front.lead is not None and front.lead.story == "bid"
    names = {s.name: [r.story for r in s.rows] for s in front.sections}
    assert names == {"World": ["crash"], "Sport": ["race"]}
    assert [s.name for s in front.sections] == ["World", "Sport"]
    assert front.more == ()


def test_stories_no_section_has_room_for_are_listed_as_more() -> None:
    rows = [_row(f"race{i}", 2, i, ("Grand Prix",), "A race") for i in range(7)]
    front = arrange(rows, {})
    shown = [r.story for s in front.sections for r in s.rows]
    assert len(shown) == 4 and [r.story for r in front.more] == ["race5", "race6"]


def _top_tags_by_definition(rows: list[StoryRow], limit: int) -> tuple[tuple[str, int], ...]:
    """The module doc's rule written plainly: every tag scored, sorted, filtered, then cut."""
    from glimpse.publish.front import MIN_COVERAGE
    from glimpse.publish.links import slugify

    coverage: dict[str, int] = {}
    first: dict[str, tuple[int, int]] = {}
    order = sorted(range(len(rows)), key=lambda i: (-rows[i].outlets, i))
    for rank, i in enumerate(order):
        for place, tag in enumerate(dict.fromkeys(rows[i].tags)):
            coverage[tag] = coverage.get(tag, 0) + max(rows[i].outlets, 1)
            first.setdefault(tag, (rank, place))
    kept: list[tuple[str, int]] = []
    slugs: set[str] = set()
    for tag in sorted(coverage, key=lambda t: (-coverage[t], first[t])):
        if coverage[tag] >= MIN_COVERAGE and slugify(tag) not in slugs:
            slugs.add(slugify(tag))
            kept.append((tag, coverage[tag]))
    return tuple(kept[:limit])


_TAG = st.sampled_from(["Kim Jong Un", "Kim Jong-un", "North Korea", "Japan", "UN", "Missile"])


@given(
    st.lists(st.tuples(st.integers(0, 6), st.lists(_TAG, max_size=5)), max_size=25),
    st.integers(1, 8),
)
def test_top_tags_stop_early_but_keep_exactly_the_rule_s_tags(
    specs: list[tuple[int, list[str]]], limit: int
) -> None:
    rows = [_row(f"s{i}", n, i, tuple(tags)) for i, (n, tags) in enumerate(specs)]
    assert top_tags(rows, limit) == _top_tags_by_definition(rows, limit)


@given(st.lists(st.tuples(_TAG, st.integers(0, 9)), unique_by=lambda x: x[0]), st.integers(1, 5))
def test_the_filter_menu_stops_early_but_keeps_exactly_the_rule_s_tags(
    names: list[tuple[str, int]], limit: int
) -> None:
    from glimpse.publish.front import MIN_COVERAGE
    from glimpse.publish.links import slugify

    expected: list[tuple[str, int]] = []
    for name, n in sorted(names, key=lambda item: (-item[1], item[0])):
        if n >= MIN_COVERAGE and slugify(name) not in {slugify(e) for e, _ in expected}:
            expected.append((name, n))
    assert filter_tags(names, limit) == tuple(expected[:limit])
