"""The list items the busiest pages print dozens of times, written in Python.

Every ``{{ value }}`` of a template costs an attribute lookup, the environment's ``finalize``
hook and an escape call, and a loop adds its own bookkeeping per item. A front page prints
about 60 headline links, 40 tag links and 40 filter options, a story page about 20 thread
items: there the per-value overhead is more than the work, so these helpers write the same
markup directly, one ``escape`` per text value. The tests pin each helper's output to the
template fragment it replaces (``tests/publish/test_fragments.py``), so the two cannot drift;
everything else stays in the templates.

Every text goes through :func:`glimpse.publish.safe.clean_text` (as the templates'
``finalize`` does) and ``markupsafe.escape``; every URL through :class:`Links`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from glimpse.publish.links import Links, slugify
from glimpse.publish.render import plural, time_tag
from glimpse.publish.safe import clean_text, link_url
from glimpse.store import StoryRow

if TYPE_CHECKING:
    from glimpse.publish.story_view import Evidence

#: What ``markupsafe.escape`` replaces; a value without any (nearly all) is printed as it is,
#: one C-level scan instead of an escape call and a Markup object per value.
_HTML_SPECIAL = re.compile("[&<>\"']")


def _text(value: str) -> str:
    """A text as a template prints it: cleaned, then escaped."""
    if value.isprintable() and not _HTML_SPECIAL.search(value):
        return value
    return str(escape(clean_text(value)))


def _url(url: str) -> str:
    """A URL made by :class:`Links`, escaped for an attribute (a base URL may hold ``&``)."""
    return url if not _HTML_SPECIAL.search(url) else str(escape(url))


def headline_items(rows: Iterable[StoryRow], links: Links) -> Markup:
    """``<li>`` headline links with their outlet counts (the front page's "More stories")."""
    return Markup(
        "".join(
            f'<li><a href="{_url(links.story(r.story))}">{_text(r.headline)}</a>'
            f' <span class="n">{plural(r.outlets, "outlet")}</span></li>'
            for r in rows
        )
    )


def thread_items(rows: Iterable[StoryRow], links: Links) -> Markup:
    """The lines of a story's thread list: headline link, time and outlet count, one per line
    (each line ends with a newline, as the template's loop wrote them)."""
    return Markup(
        "".join(
            f'<li class="thread-item"><h4><a href="{_url(links.story(r.story))}">'
            f"{_text(r.headline)}</a></h4>\n"
            f'<p class="meta">{time_tag(r.updated_at)} · '
            f'<span class="n-outlets">{plural(r.outlets, "outlet")}</span></p></li>\n'
            for r in rows
        )
    )


def tag_items(tags: Iterable[str], links: Links) -> Markup:
    """``<li>`` links to tag pages (a card's tags, a tag list)."""
    return Markup(
        "".join(f'<li><a href="{_url(links.tag(slugify(t)))}">{_text(t)}</a></li>' for t in tags)
    )


def outlet_items(names: Iterable[tuple[str, int]], links: Links) -> Markup:
    """``<li>`` links to outlet pages with their story counts."""
    return Markup(
        "".join(
            f'<li><a href="{_url(links.outlet(slugify(name)))}">{_text(name)}</a>'
            f' <span class="n">{n}</span></li>'
            for name, n in names
        )
    )


def option_items(names: Sequence[tuple[str, int]], selected: str | None) -> Markup:
    """A filter menu's ``<option>`` elements: slug as the value, "name (count)" as the label;
    the option named ``selected`` is marked so."""
    return Markup(
        "".join(
            f'<option value="{slugify(name)}"'  # a slug: [a-z0-9-] only
            f"{' selected' if name == selected else ''}>{_text(name)} ({n})</option>"
            for name, n in names
        )
    )


def evidence_items(evidence: Iterable[Evidence]) -> Markup:
    """The source sentences behind one brief sentence, each quoted with its outlet (a link
    when the article's URL is a web link) and headline, one per line."""
    out = []
    for e in evidence:
        name = _text(e.outlet or "source")
        href = link_url(e.url)
        who = f'<a href="{_text(href)}" rel="noopener nofollow">{name}</a>' if href else name
        head = f", “{_text(e.headline)}”" if e.headline else ""
        out.append(
            f'<span class="ev-item"><q>{_text(e.text)}</q> <span class="ev-from">— {who}'
            f"{head}</span></span>\n"
        )
    return Markup("".join(out))
