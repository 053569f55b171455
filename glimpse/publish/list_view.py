"""Lists of stories: the front page, a tag, an outlet, a search; one page of rows at a time."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from glimpse.publish.links import Links, slugify
from glimpse.serialize import story_row_to_dict
from glimpse.store import Store, StoryRow

PER_PAGE = 20


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a story list. ``base`` names it in URLs: ``index``, ``tags/<slug>``, …"""

    kind: str  # "home", "tag", "outlet" or "search"
    title: str
    base: str
    rows: Sequence[StoryRow]
    page: int
    pages: int
    total: int
    tag: str | None = None
    outlet: str | None = None
    query: str | None = None
    params: dict[str, str] = field(default_factory=dict)

    @property
    def api_base(self) -> str:
        return "stories" if self.base == "index" else self.base

    @property
    def feed_base(self) -> str:
        return "" if self.kind == "home" and not self.params else self.base


def load_listing(
    store: Store,
    *,
    page: int = 1,
    tag: str | None = None,
    outlet: str | None = None,
    query: str | None = None,
    per_page: int = PER_PAGE,
) -> Listing:
    """One page of stories, ranked by the store, filtered by tag, outlet and search words."""
    kind, base, title, params = _describe(tag, outlet, query)
    total = store.count_stories(tag=tag, outlet=outlet, query=query)
    pages = max(1, math.ceil(total / per_page))
    page = max(1, page)
    rows = store.list_stories(
        tag=tag, outlet=outlet, query=query, limit=per_page, offset=(page - 1) * per_page
    )
    return Listing(kind, title, base, rows, page, pages, total, tag, outlet, query, params)


def _describe(
    tag: str | None, outlet: str | None, query: str | None
) -> tuple[str, str, str, dict[str, str]]:
    if query is not None:
        params = {"q": query}
        if tag:
            params["tag"] = slugify(tag)
        if outlet:
            params["outlet"] = slugify(outlet)
        return "search", "search", f"Search: {query}", params
    if tag and not outlet:
        return "tag", f"tags/{slugify(tag)}", tag, {}
    if outlet and not tag:
        return "outlet", f"outlets/{slugify(outlet)}", f"Stories covered by {outlet}", {}
    params = {k: slugify(v) for k, v in (("tag", tag), ("outlet", outlet)) if v}
    title = " · ".join(v for v in (tag, outlet) if v) or "Top stories"
    return "home", "index", title, params


def page_url(links: Links, listing: Listing, page: int) -> str:
    ext = ".html" if links.static else ""
    return links.page(listing.base, page, ext, listing.params)


def row_dict(row: StoryRow, links: Links) -> dict[str, Any]:
    """A story row in the JSON API: what a list page shows for one story."""
    return story_row_to_dict(row) | {
        "score": round(row.score, 6),
        "url": links.story(row.story),
        "json": links.story_json(row.story),
    }


def listing_json(listing: Listing, links: Links) -> dict[str, Any]:
    """The JSON API form of a list page, with links to the neighbouring pages."""

    def api(page: int) -> str | None:
        if not 1 <= page <= listing.pages:
            return None
        return links.page(listing.api_base, page, ".json", listing.params)

    return {
        "ok": True,
        "title": listing.title,
        "tag": listing.tag,
        "outlet": listing.outlet,
        "query": listing.query,
        "page": listing.page,
        "pages": listing.pages,
        "per_page": PER_PAGE,
        "total": listing.total,
        "next": api(listing.page + 1),
        "prev": api(listing.page - 1),
        "stories": [row_dict(r, links) for r in listing.rows],
    }
