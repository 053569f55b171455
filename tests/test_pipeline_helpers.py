"""The pipeline's small pure helpers: time parsing and story grouping for `glimpse brief`."""

from __future__ import annotations

from datetime import UTC, datetime

from glimpse.models import Article
from glimpse.pipeline import group_by_story, parse_time


def test_published_times_are_read_in_iso_and_rfc2822_and_made_utc() -> None:
    assert parse_time("2024-06-19T03:00:00+09:00") == datetime(2024, 6, 18, 18, tzinfo=UTC)
    assert parse_time("Wed, 19 Jun 2024 03:00:00 GMT") == datetime(2024, 6, 19, 3, tzinfo=UTC)
    assert parse_time("2024-06-19") == datetime(2024, 6, 19, tzinfo=UTC)
    assert (
        parse_time("yesterday-ish") is None and parse_time(None) is None and parse_time(42) is None
    )


def test_inputs_without_story_field_form_one_story_with_a_stable_id() -> None:
    a, b = Article(id="a", title="A", text="x"), Article(id="b", title="B", text="y")
    [(first, group)] = group_by_story([a, b])
    [(again, _)] = group_by_story([b, a])
    assert group == [a, b] and first == again and first.startswith("s")


def test_story_field_groups_in_order_of_first_appearance() -> None:
    arts = [
        Article(id="1", title="", text="x", story="kim"),
        Article(id="2", title="", text="y", story="quake"),
        Article(id="3", title="", text="z", story="kim"),
    ]
    groups = group_by_story(arts)
    assert [g for g, _ in groups] == ["kim", "quake"]
    assert [a.id for a in groups[0][1]] == ["1", "3"]
