"""A section's own page (``/sections/<slug>``): every current story the front page files there.

The front page shows each section's :data:`~glimpse.publish.front.SECTION_SIZE` best stories of
its pool; the section page files the :data:`SECTION_POOL` best-ranked stories the same way
(:func:`glimpse.sections.section_of`, same arguments) and lists those of one section in the
store's order, so the front page's cards are the first ones of their section's page.
"""

from __future__ import annotations

from collections.abc import Sequence

from glimpse.publish.links import slugify
from glimpse.publish.list_view import Listing
from glimpse.sections import DeskOptions, section_of, section_order
from glimpse.store import Store, StoryRow

SECTION_POOL = 200  # best-ranked stories filed into sections; a section page lists its share


def section_names(options: DeskOptions = DeskOptions()) -> dict[str, str]:  # noqa: B008
    """Slug → name of every section the desk can show, in front-page order."""
    return {slugify(name): name for name in section_order(options)}


def file_rows(
    rows: list[StoryRow],
    places: dict[str, tuple[str, ...]],
    name: str,
    options: DeskOptions = DeskOptions(),  # noqa: B008 - frozen, so a shared default is safe
) -> tuple[StoryRow, ...]:
    """The ``rows`` that :func:`~glimpse.sections.section_of` files under ``name`` (pure)."""
    return tuple(
        row
        for row in rows
        if section_of(row.tags, row.headline, row.summary_text, places.get(row.story, ()), options)
        == name
    )


def load_sections(
    store: Store,
    names: Sequence[str],
    options: DeskOptions = DeskOptions(),  # noqa: B008
    pool: int = SECTION_POOL,
) -> list[Listing]:
    """Each section of ``names`` as a one-page :class:`Listing` (kind ``"section"``); the
    stories are read and filed once for all of them."""
    rows = list(store.list_stories(limit=pool))
    places = store.story_places([r.story for r in rows])
    out = []
    for name in names:
        mine = file_rows(rows, places, name, options)
        out.append(Listing("section", name, f"sections/{slugify(name)}", mine, 1, 1, len(mine)))
    return out


def load_section(
    store: Store,
    name: str,
    options: DeskOptions = DeskOptions(),  # noqa: B008
    pool: int = SECTION_POOL,
) -> Listing:
    """The section ``name`` as a one-page :class:`Listing` (kind ``"section"``)."""
    return load_sections(store, [name], options, pool)[0]
