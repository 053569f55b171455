"""The front page and a story's thread from what ``build`` stored (glimpse.store.links).

The same pages as :func:`glimpse.publish.front.load_front` and
:func:`glimpse.publish.thread_view.load_thread` (tests pin the equality), without filing 60
stories into sections or weighing a thread against the desk on each request. When the stored
links are stale (a write since the last build, other desk options, a desk built before they
existed) both fall back to the request-time computation, so a page is never out of date.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime

from glimpse.publish.front import (
    POOL,
    SECTION_SIZE,
    FrontPage,
    Section,
    load_front,
    pick_lead,
    top_tags,
)
from glimpse.publish.list_view import PER_PAGE, Listing
from glimpse.publish.thread_view import ThreadView, load_thread
from glimpse.sections import DeskOptions, section_order
from glimpse.store import Store, StoryRow


def front_pool(store: Store, now: datetime | None = None) -> tuple[list[StoryRow], Listing]:
    """The front page's :data:`POOL` best-ranked rows and its first list page, from one
    ranking: the list page is the pool's first :data:`PER_PAGE` rows (the same order, at the
    same ``now``), as :func:`glimpse.publish.list_view.load_listing` would list them."""
    rows = store.list_stories(limit=max(POOL, PER_PAGE), now=now or datetime.now(UTC))
    return rows[:POOL], _first_page(rows, store.count_stories())


def _first_page(rows: Sequence[StoryRow], total: int) -> Listing:
    """The front page's list page 1: the first :data:`PER_PAGE` of the ranked ``rows``."""
    pages = max(1, math.ceil(total / PER_PAGE))
    return Listing("home", "Top stories", "index", rows[:PER_PAGE], 1, pages, total)


def arrange_stored(
    rows: Sequence[StoryRow], sections: dict[str, str], options: DeskOptions
) -> FrontPage:
    """:func:`glimpse.publish.front.arrange` with each row's section looked up, not computed."""
    lead = pick_lead(rows)
    groups: dict[str, list[StoryRow]] = {}
    for row in rows:
        if row is not lead:
            groups.setdefault(sections[row.story], []).append(row)
    shown_sections = tuple(
        Section(name, tuple(groups[name][:SECTION_SIZE]))
        for name in section_order(options)
        if name in groups
    )
    shown = {r.story for s in shown_sections for r in s.rows}
    more = tuple(r for r in rows if r is not lead and r.story not in shown)
    return FrontPage(lead, shown_sections, top_tags(rows), more)


def front_page(
    store: Store, rows: Sequence[StoryRow], options: DeskOptions, now: datetime | None = None
) -> FrontPage:
    """The front page of the ranked pool ``rows`` (stored sections; computed when stale),
    ranked at ``now`` (the pool's own time)."""
    sections = store.stored_sections([r.story for r in rows], options)
    if sections is None:
        return load_front(store, options, now)
    return arrange_stored(rows, sections, options)


def front(
    store: Store, options: DeskOptions, now: datetime | None = None
) -> tuple[FrontPage, Listing]:
    """The front page and its first list page: from the ranking ``build`` stored when it is
    current (one query), otherwise ranked and filed now (:func:`front_pool`,
    :func:`front_page`) — the same page either way."""
    now = now or datetime.now(UTC)
    stored = store.stored_front(options, now)
    if stored is None:
        pool, listing = front_pool(store, now)
        return front_page(store, pool, options, now), listing
    rows, sections, total = stored
    return arrange_stored(rows[:POOL], sections, options), _first_page(rows, total)


def thread_view(store: Store, story_id: str) -> ThreadView | None:
    """A live story's thread from the stored links (computed when stale); None otherwise."""
    stored = store.stored_thread_rows(story_id)
    if stored is None:
        return load_thread(store, story_id)
    thread, found = stored
    rows = {r.story: r for r in found}
    if story_id not in rows:
        return None

    def pick(ids: Sequence[str]) -> list[StoryRow]:
        return [rows[i] for i in ids if i in rows]

    return ThreadView(
        rows[story_id], pick(thread.earlier), pick(thread.later), pick(thread.related)
    )
