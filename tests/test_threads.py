"""Thread linking: shared main subjects, weighted by rarity, within a window of weeks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from glimpse.threads import (
    THREAD_WINDOW,
    Subject,
    in_thread,
    link_thread,
    main_subjects,
    overlap,
    subject_key,
    subject_weights,
)

T0 = datetime(2017, 9, 1, tzinfo=UTC)
NK = ("North Korea missile launch", "North Korea", "Japan", "Kim Jong-un")


def _weights(*subjects: Subject) -> dict[str, float]:
    counts: dict[str, int] = {}
    for s in subjects:
        for tag in dict.fromkeys(s.tags):
            counts[tag] = counts.get(tag, 0) + 1
    return subject_weights(counts, len(subjects))


def test_subject_keys_fold_case_accents_and_punctuation() -> None:
    assert subject_key("Kim Jong-un") == subject_key("Kim Jong Un") == "kim jong un"
    assert subject_key("Ségolène Royal") == "segolene royal"


def test_two_stories_sharing_main_subjects_within_weeks_are_one_thread() -> None:
    a = Subject("a", NK, T0)
    b = Subject("b", ("North Korea", "Kim Jong Un", "Japan", "Hokkaido"), T0 + timedelta(days=20))
    filler = [Subject(f"f{i}", (f"Topic {i}", "Berlin"), T0) for i in range(8)]
    assert in_thread(a, b, _weights(a, b, *filler))


def test_the_same_subjects_months_apart_are_related_not_a_thread() -> None:
    a = Subject("a", NK, T0)
    b = Subject("b", NK, T0 + THREAD_WINDOW + timedelta(days=1))
    thread = link_thread(a, [a, b], _weights(a, b))
    assert thread.earlier == thread.later == ()
    assert thread.related == ("b",)


def test_one_shared_subject_is_never_a_thread() -> None:
    a = Subject("a", NK, T0)
    b = Subject("b", ("North Korea", "Olympics", "Pyeongchang"), T0 + timedelta(days=2))
    assert not in_thread(a, b, _weights(a, b))


def test_common_subjects_weigh_less_than_rare_ones() -> None:
    common = [
        Subject(f"c{i}", ("United States", "Donald Trump", f"Event {i}"), T0) for i in range(20)
    ]
    a = Subject("a", ("United States", "Donald Trump", "Comey hearing", "FBI", "Senate"), T0)
    b = Subject("b", ("United States", "Donald Trump", "Paris accord", "Climate", "France"), T0)
    weights = _weights(a, b, *common)
    assert overlap(main_subjects(a.tags), main_subjects(b.tags), weights) < 0.5
    assert not in_thread(a, b, weights)


def test_thread_is_split_into_earlier_newest_first_and_later_oldest_first() -> None:
    me = Subject("me", NK, T0)
    steps = [Subject(f"d{d:+d}", NK, T0 + timedelta(days=d)) for d in (-20, -5, 3, 9)]
    thread = link_thread(me, [me, *steps], _weights(me, *steps))
    assert thread.earlier == ("d-5", "d-20")
    assert thread.later == ("d+3", "d+9")
    assert "me" not in thread.earlier + thread.later + thread.related


def test_an_unrelated_story_is_not_linked_at_all() -> None:
    me = Subject("me", NK, T0)
    other = Subject("other", ("Wimbledon", "Roger Federer", "London"), T0)
    thread = link_thread(me, [me, other], _weights(me, other))
    assert thread.earlier == thread.later == thread.related == ()
