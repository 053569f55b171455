"""A recorded dispute never leaves a brief without the figure: the newest one, attributed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import glimpse.compose.brief as brief_module
from glimpse.compose import compose_brief
from glimpse.compose.conflicts import newest_value, stated_value
from glimpse.compose.newest import promote_newest
from glimpse.compose.options import ComposeOptions
from glimpse.compose.rank import Candidate
from glimpse.models import Article, Brief, Conflict, ConflictValue, Sentence

JUL15 = datetime(2016, 7, 15, 9, tzinfo=UTC)
JUL16 = datetime(2016, 7, 16, 9, tzinfo=UTC)
SHORT = ComposeOptions(max_words=70, min_words=40, summary_sentences=2)


def article(aid: str, source: str, published: datetime, *sentences: str) -> Article:
    parts, pos = [], 0
    for i, text in enumerate(sentences):
        parts.append(Sentence(i, text, pos, pos + len(text)))
        pos += len(text) + 1
    return Article(aid, f"Truck attack on Nice promenade ({source})", " ".join(sentences),
                   sentences=tuple(parts), published=published, source=source)  # fmt: skip


def story(toll: str) -> list[Article]:
    """An early report (77 dead) that ranks high and a later one whose toll sentence is its
    last and least central."""
    early = article(
        "a1", "cnn.com", JUL15,
        "A truck plowed into a crowd watching Bastille Day fireworks on the Nice promenade "
        "on Thursday night.",
        "Officials said at least 77 people were killed when the truck hit the crowd on the "
        "promenade.",
        "The driver of the truck was shot dead by police after a chase along the Nice promenade.",
        "President Francois Hollande declared three days of national mourning after the truck "
        "attack in Nice.",
        "Witnesses described the truck speeding along the promenade for two kilometres through "
        "the crowd.",
    )  # fmt: skip
    later = article(
        "a2", "npr.org", JUL16,
        "The truck attack on the Nice promenade was the third major attack in France in "
        "eighteen months.",
        "Investigators searched the home of the truck driver in Nice on Friday morning.",
        "The driver of the truck was identified as a delivery man who lived in Nice.",
        toll,
    )  # fmt: skip
    return [early, later]


def _texts(brief: Brief) -> list[str]:
    return [s.text for s in brief.summary] + [s.text for p in brief.body for s in p]


def test_without_the_rule_the_dispute_leaves_the_brief_without_a_toll(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(brief_module, "PLACES", ())
    brief = compose_brief("s", story("Prosecutors said 84 people were killed on the promenade."),
                          options=SHORT)  # fmt: skip
    (conflict,) = brief.conflicts
    assert not any(stated_value(t, conflict) for t in _texts(brief))


def test_the_newest_figure_is_stated_with_its_attribution() -> None:
    brief = compose_brief("s", story("Prosecutors said 84 people were killed on the promenade."),
                          options=SHORT)  # fmt: skip
    (conflict,) = brief.conflicts
    assert newest_value(conflict).value == "84"
    stated = [t for t in _texts(brief) if stated_value(t, conflict)]
    assert stated == ["Prosecutors said 84 people were killed on the promenade."]
    assert conflict.sentence is not None  # the story page shows the dispute beside it


def test_a_newest_figure_stated_on_its_own_authority_gets_the_outlet() -> None:
    brief = compose_brief("s", story("84 people were killed on the promenade, including ten "
                                     "children."), options=SHORT)  # fmt: skip
    (conflict,) = brief.conflicts
    stated = [t for t in _texts(brief) if stated_value(t, conflict)]
    assert stated == ["84 people were killed on the promenade, including ten children, "
                      "according to npr.org."]  # fmt: skip


def _candidate(row: int, text: str, score: float) -> Candidate:
    return Candidate("a", row, text, 0, score, row)


def test_promotion_moves_the_newest_sentence_second_then_first() -> None:
    conflict = Conflict("dead", (ConflictValue("84", ("a",)), ConflictValue("77", ("b",))))
    pool = [
        _candidate(0, "A truck hit a crowd on the promenade.", 3.0),
        _candidate(1, "The driver was shot by police.", 2.0),
        _candidate(2, "Witnesses saw the truck speed up.", 1.5),
        _candidate(3, "Prosecutors said 84 people were killed.", 1.0),
    ]
    second = promote_newest(pool, conflict, 1)
    assert second is not None
    assert [c.row for c in second] == [0, 3, 1, 2] and second[1].score == 2.0
    first = promote_newest(second, conflict, 0)
    assert first is not None and [c.row for c in first] == [3, 0, 1, 2]
    assert promote_newest(first, conflict, 0) is None  # already there
    assert promote_newest(pool[:3], conflict, 1) is None  # nothing states it
