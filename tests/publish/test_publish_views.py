"""Pure parts of the pages: slugs and links, evidence lookup, the timeline and version changes."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from glimpse.models import Article, Brief, Conflict, ConflictValue, SupportRef
from glimpse.publish.links import Links, slugify
from glimpse.publish.sample import sample_article, sample_brief
from glimpse.publish.story_view import (
    Marked,
    changes,
    differ,
    evidence,
    place_differs,
    timeline,
)
from glimpse.store import BriefVersion

T0 = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


@given(st.text(max_size=80))
def test_slugs_are_url_safe_short_and_stable(name: str) -> None:
    slug = slugify(name)
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug) and len(slug) <= 60
    assert slugify(slug) == slug or not re.search(r"[a-z]", slug)


def test_slugify_keeps_words_and_drops_accents() -> None:
    assert slugify("Putin-Kim summit") == "putin-kim-summit"
    assert slugify("São Paulo") == "sao-paulo"
    assert slugify("東京") != slugify("大阪")  # no ASCII letters: a hash, still distinct


def test_server_and_static_links_point_at_the_same_pages() -> None:
    server, static = Links(), Links("./", static=True).at_depth(1)
    assert server.story("s1") == "/stories/s1" and static.story("s1") == "../stories/s1.html"
    assert server.tag("lisbon", 2) == "/tags/lisbon?page=2"
    assert static.tag("lisbon", 2) == "../tags/lisbon.p2.html"
    assert server.home(2, tag="lyon") == "/?tag=lyon&page=2"
    assert static.home() == "../index.html"
    assert server.feed("tags/lyon", "json") == "/tags/lyon.feed.json"
    assert server.story("a/b") == "/stories/a%2Fb"


def test_evidence_names_the_outlet_and_survives_missing_sources() -> None:
    article = sample_article(2, 1)
    found = evidence(SupportRef(article.id, 1), {article.id: article})
    assert found.text == article.sentences[1].text and found.outlet == article.source
    assert "not stored" in evidence(SupportRef("gone", 0), {}).text
    assert "not found" in evidence(SupportRef(article.id, 99), {article.id: article}).text


def _version(n: int, articles: list[Article], at: datetime, **change: object) -> BriefVersion:
    brief = replace(sample_brief("s1", articles, ("Lyon",)), **change)  # type: ignore[arg-type]
    return BriefVersion(n, at, brief, tuple(a.id for a in articles))


def test_changes_say_what_a_rebuild_did() -> None:
    one = [sample_article(2, 0)]
    two = [*one, sample_article(2, 1)]
    first = _version(1, one, T0)
    second = _version(
        2, two, T0 + timedelta(hours=1), headline="Lyon trains stop", tags=("Lyon", "SNCF")
    )
    assert changes(None, first) == ["First brief, from 1 article."]
    said = changes(first, second)
    assert "1 new article." in said and "New tags: SNCF." in said
    assert any(line.startswith("Headline changed from") for line in said)
    assert changes(second, second) == ["Rebuilt; no visible change."]


def test_timeline_interleaves_arrivals_and_versions_in_time_order() -> None:
    a0, a1 = sample_article(2, 0), sample_article(2, 1)
    history = [
        _version(1, [a0], T0 + timedelta(minutes=1)),
        _version(2, [a0, a1], T0 + timedelta(minutes=9)),
    ]
    arrivals = [(a0.id, T0), (a1.id, T0 + timedelta(minutes=5))]
    events = timeline(history, arrivals, {a0.id: a0, a1.id: a1})
    assert [(e.kind, e.version) for e in events] == [
        ("article", None),
        ("version", 1),
        ("article", None),
        ("version", 2),
    ]
    assert events[2].title == a1.title and events[2].outlet == a1.source


def test_unknown_times_render_without_a_bogus_datetime_attribute() -> None:
    from glimpse.publish.render import time_tag

    assert "datetime" not in time_tag(None) and "unknown" in time_tag(None)
    assert time_tag(T0) == '<time datetime="2026-11-27T08:00:00Z">27 Nov 2026, 08:00 UTC</time>'


def _disputed(part: str | None, sentence: tuple[int, int] | None) -> Conflict:
    later, earlier = T0 + timedelta(days=1), T0
    return Conflict(
        "dead",
        (
            ConflictValue("59", ("a2",), later, ("NPR",)),
            ConflictValue("at least 50", ("a1", "a3"), earlier, ("CNN", "Fox")),
        ),
        sentence,
        part,
    )


def _numbered(brief: Brief) -> list[Marked]:
    sentences = [*brief.summary, *(s for p in brief.body for s in p)]
    return [Marked(i, s.text, ()) for i, s in enumerate(sentences, start=1)]


def test_a_conflict_sits_beside_the_sentence_it_is_placed_at() -> None:
    articles = [sample_article(2, 0), sample_article(2, 1), sample_article(2, 2)]
    brief = replace(
        sample_brief("s1", articles),
        conflicts=(_disputed("summary", (0, 1)), _disputed("body", (1, 0))),
    )
    marked, unplaced = place_differs(brief, _numbered(brief))
    assert [m.number for m in marked if m.differs] == [2, 5]  # summary 2, body paragraph 2
    (figures,) = (d.figures for d in marked[1].differs)
    assert [f.text for f in figures] == ["59 dead", "at least 50 dead"]
    assert figures[1].outlets == ("CNN", "Fox") and figures[1].published == T0
    assert unplaced == []


def test_an_unplaced_or_misplaced_conflict_is_listed_apart() -> None:
    brief = replace(
        sample_brief("s1", [sample_article(2, 0)]),
        conflicts=(_disputed(None, None), _disputed("body", (7, 0)), _disputed("summary", (0, 9))),
    )
    marked, unplaced = place_differs(brief, _numbered(brief))
    assert not any(m.differs for m in marked) and len(unplaced) == 3


def test_money_reads_as_the_amount_alone() -> None:
    money = Conflict("money", (ConflictValue("$121 billion", ("a1",)),))
    assert [f.text for f in differ(money).figures] == ["$121 billion"]


def test_a_date_given_without_a_time_shows_the_date_only() -> None:
    from glimpse.publish.render import time_tag, when

    midnight = datetime(2017, 12, 31, tzinfo=UTC)
    assert when(midnight) == "31 Dec 2017"
    assert time_tag(midnight) == '<time datetime="2017-12-31" class="date">31 Dec 2017</time>'
    # a time of day, even a second past midnight or in another zone, is kept
    assert when(midnight + timedelta(seconds=1)) == "31 Dec 2017, 00:00 UTC"
    berlin = timezone(timedelta(hours=1))
    assert when(datetime(2017, 12, 31, 0, 0, tzinfo=berlin)) == "30 Dec 2017, 23:00 UTC"


def test_the_timeline_says_when_an_archived_article_was_published() -> None:
    from glimpse.publish.story_view import Event

    arrived = datetime(2026, 12, 1, 22, 24, tzinfo=UTC)
    old = Event(arrived, "article", "t", published=datetime(2018, 2, 6, 3, 15, tzinfo=UTC))
    fresh = Event(arrived, "article", "t", published=arrived - timedelta(minutes=20))
    naive = Event(arrived, "article", "t", published=datetime(2018, 2, 6, 3, 15))
    assert old.published_apart == datetime(2018, 2, 6, 3, 15, tzinfo=UTC)
    assert fresh.published_apart is None and naive.published_apart is not None
    assert Event(None, "article", "t", published=arrived).published_apart == arrived
