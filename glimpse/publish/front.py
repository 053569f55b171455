"""The front page as an editor lays it out: a lead story, then sections, then the top tags.

**Lead.** Of the :data:`POOL` best-ranked stories (the store's ranking,
:func:`glimpse.store.search.rank_score`), the lead is the one with the highest
:func:`lead_score` = ``outlets × 0.5 ** (age_hours / LEAD_HALF_LIFE_HOURS)``: the number of
outlets covering it, halved for every day it is older than the freshest story on the desk.
Age is measured from the freshest story, not the wall clock, so an archive (or the 2017 demo
corpus) still gets the lead it had on its day. Ties go to the fresher story, then the store's
order.

**Sections.** Every other story of the pool is filed by :func:`glimpse.sections.section_of`;
sections appear in :func:`glimpse.sections.section_order`, each with its :data:`SECTION_SIZE`
best-ranked stories; empty sections are left out. The pool's other stories are listed by
headline under *More stories*, so every story of the pool is one click away.

**Top tags.** Tags of the most-covered current stories: a tag's *coverage* is the sum of the
outlets of the pool's stories that carry it; tags with coverage of at least
:data:`MIN_COVERAGE` are listed, most covered first (so one single-outlet story never pads the
list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from glimpse.publish.links import slugify
from glimpse.publish.list_view import Listing
from glimpse.sections import DeskOptions, section_of, section_order
from glimpse.store import Store, StoryRow

POOL = 60
SECTION_SIZE = 4
LEAD_HALF_LIFE_HOURS = 24.0
MIN_COVERAGE = 2
TOP_TAGS = 12
FILTER_TAGS = 30  # tags in the filter menu; /tags lists them all
SHORT_SUMMARY = 220  # characters: about two lines of a card
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    rows: tuple[StoryRow, ...]


@dataclass(frozen=True, slots=True)
class FrontPage:
    lead: StoryRow | None
    sections: tuple[Section, ...]
    top_tags: tuple[tuple[str, int], ...]
    more: tuple[StoryRow, ...] = ()  # the pool's stories no section had room for, by rank


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def lead_score(row: StoryRow, reference: datetime | None) -> float:
    """``outlets × 0.5 ** (age_hours / 24)``, age from ``reference`` (the freshest story)."""
    return _lead_score(row.outlets, _utc(row.updated_at), _utc(reference))


def _lead_score(outlets: int, when: datetime | None, ref: datetime | None) -> float:
    """:func:`lead_score` of times already in UTC."""
    if ref is None:  # no story has a time: coverage alone decides
        return float(outlets)
    if when is None:
        return 0.0
    age = max(0.0, (ref - when).total_seconds() / 3600)
    decay: float = 0.5 ** (age / LEAD_HALF_LIFE_HOURS)
    return outlets * decay


def pick_lead(rows: Sequence[StoryRow]) -> StoryRow | None:
    """The row with the best :func:`lead_score`; ties: fresher, then earlier in ``rows``."""
    times = [_utc(r.updated_at) for r in rows]  # once per row: every front page picks a lead
    reference = max((t for t in times if t is not None), default=None)
    never = datetime.min.replace(tzinfo=UTC)
    best: StoryRow | None = None
    best_key: tuple[float, datetime] | None = None
    for row, when in zip(rows, times, strict=True):
        key = (_lead_score(row.outlets, when, reference), when or never)
        if best_key is None or key > best_key:
            best, best_key = row, key
    return best


def top_tags(rows: Sequence[StoryRow], limit: int = TOP_TAGS) -> tuple[tuple[str, int], ...]:
    """(tag, coverage) of ``rows``: coverage = outlets of the rows carrying it (module doc).

    Equal coverage goes to the tag of the more-covered story (then its place in that story's
    tags), never to the alphabet; one tag per slug."""
    coverage: dict[str, int] = {}  # in order of first sight: (story's rank, place in its tags)
    outlets = [r.outlets for r in rows]
    # most-covered first, ties in list order: a stable sort, with C-level keys (every front
    # page does this; equal keys keep their order with reverse=True too)
    for i in sorted(range(len(rows)), key=outlets.__getitem__, reverse=True):
        weight = max(outlets[i], 1)
        for tag in dict.fromkeys(rows[i].tags):
            coverage[tag] = coverage.get(tag, 0) + weight
    ranked = sorted(coverage, key=coverage.__getitem__, reverse=True)  # ties: first sight
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for tag in ranked:
        if coverage[tag] < MIN_COVERAGE or len(out) == limit:
            break  # ranked by coverage: nothing after this one is shown
        slug = slugify(tag)
        if slug not in seen:
            seen.add(slug)
            out.append((tag, coverage[tag]))
    return tuple(out)


def filter_tags(
    names: Sequence[tuple[str, int]], limit: int = FILTER_TAGS
) -> tuple[tuple[str, int], ...]:
    """The tags worth filtering on: on at least :data:`MIN_COVERAGE` stories, most stories
    first, one per slug ("Kim Jong Un" and "Kim Jong-un" lead to the same page), at most
    ``limit``; a tag on one story is one click away from its card, and /tags lists every tag."""
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    for name, n in sorted(names, key=lambda item: (-item[1], item[0])):
        if n < MIN_COVERAGE or len(out) == limit:
            break  # most stories first: nothing after this one is shown (a desk has thousands)
        slug = slugify(name)
        if slug not in seen:
            seen.add(slug)
            out.append((name, n))
    return tuple(out)


def short_summary(text: str, limit: int = SHORT_SUMMARY) -> str:
    """The first sentence of ``text``, cut at a word before ``limit`` characters (with "…")."""
    first = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


def arrange(
    rows: Sequence[StoryRow],
    places: dict[str, tuple[str, ...]],
    options: DeskOptions = DeskOptions(),  # noqa: B008 - frozen, so a shared default is safe
) -> FrontPage:
    """Lay out ranked ``rows``: the lead, then the sections (pure; see the module docstring)."""
    lead = pick_lead(rows)
    groups: dict[str, list[StoryRow]] = {}
    for row in rows:
        if row is lead:
            continue
        name = section_of(
            row.tags, row.headline, row.summary_text, places.get(row.story, ()), options
        )
        groups.setdefault(name, []).append(row)
    sections = tuple(
        Section(name, tuple(groups[name][:SECTION_SIZE]))
        for name in section_order(options)
        if name in groups
    )
    shown = {r.story for s in sections for r in s.rows}
    more = tuple(r for r in rows if r is not lead and r.story not in shown)
    return FrontPage(lead, sections, top_tags(rows), more)


def is_front(listing: Listing) -> bool:
    """Whether a list page is laid out as the front page: the unfiltered first page."""
    return listing.kind == "home" and not listing.params and listing.page == 1


def load_front(
    store: Store,
    options: DeskOptions = DeskOptions(),  # noqa: B008
    now: datetime | None = None,
) -> FrontPage:
    """The front page of ``store``'s :data:`POOL` best-ranked stories."""
    rows = store.list_stories(limit=POOL, now=now)
    return arrange(rows, store.story_places([r.story for r in rows]), options)
