"""Atom 1.0 and JSON Feed 1.1 documents for a list of stories (front page, a tag, a search).

Entry ids are ``urn:glimpse:story:<id>`` so they stay the same wherever the site is hosted; links
are made by the caller's :class:`~glimpse.publish.links.Links` (absolute when the host is known).
Every text and attribute goes through :func:`~glimpse.publish.safe.clean_text`, so one NUL or ESC
in a headline cannot make the feed invalid XML.

With the stories' briefs an entry carries the full content (the brief and its sources as HTML:
Atom ``<content type="html">``, JSON Feed ``content_html``) and ``published``, the story's first
report (its earliest source), beside ``updated`` (the newest article's time).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from glimpse.models import Brief
from glimpse.publish.links import Links
from glimpse.publish.render import render
from glimpse.publish.safe import clean_text
from glimpse.serialize import iso
from glimpse.store import Store, StoryRow

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
AUTHOR = "glimpse news desk"
#: Content types with their charset, so no reader guesses Latin-1 ("â€œ" for a curly quote).
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _updated(rows: Sequence[StoryRow]) -> datetime:
    times = [r.updated_at for r in rows if r.updated_at is not None]
    return max(times, key=lambda t: iso(t) or "") if times else _EPOCH


def feed_briefs(store: Store, rows: Sequence[StoryRow]) -> dict[str, Brief]:
    """The current brief of each listed story (for the entries' full content)."""
    found = {row.story: store.brief(row.story) for row in rows}
    return {story: brief for story, brief in found.items() if brief is not None}


def first_report(brief: Brief | None) -> datetime | None:
    """When the story was first reported: its earliest source's publication time."""
    if brief is None:
        return None
    times = [s.published for s in brief.sources if s.published is not None]
    return min(times, key=lambda t: iso(t) or "") if times else None


def content_html(brief: Brief, story_url: str) -> str:
    """The brief with its key quote, disagreements and sources, as an HTML fragment."""
    return render("feed_content.html", brief=brief, story_url=story_url).strip()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    clean = {k: clean_text(v) for k, v in attrs.items()}
    node = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", clean)
    if text is not None:
        node.text = clean_text(text)
    return node


def atom_feed(
    rows: Sequence[StoryRow],
    *,
    title: str,
    feed_id: str,
    self_url: str,
    home_url: str,
    links: Links,
    briefs: Mapping[str, Brief] | None = None,
    xml_base: str | None = None,
) -> bytes:
    """An Atom 1.0 (RFC 4287) feed: one entry per story with title, summary, full content (when
    its brief is in ``briefs``), tags, link, published and updated times. ``xml_base`` (the
    feed's own absolute URL, when known) is the base its relative links resolve against."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    if xml_base:
        feed.set("{http://www.w3.org/XML/1998/namespace}base", clean_text(xml_base))
    _sub(feed, "id", f"urn:glimpse:feed:{feed_id}")
    _sub(feed, "title", title)
    _sub(feed, "updated", iso(_updated(rows)))
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=home_url, type="text/html")
    _sub(_sub(feed, "author"), "name", AUTHOR)
    _sub(feed, "generator", "glimpse")
    for row in rows:
        _entry(feed, row, links, (briefs or {}).get(row.story))
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def _entry(feed: ET.Element, row: StoryRow, links: Links, brief: Brief | None) -> None:
    entry = _sub(feed, "entry")
    url = links.story(row.story)
    _sub(entry, "id", f"urn:glimpse:story:{row.story}")
    _sub(entry, "title", row.headline)
    _sub(entry, "updated", iso(row.updated_at or _EPOCH))
    published = first_report(brief)
    if published is not None:
        _sub(entry, "published", iso(published))
    _sub(entry, "link", rel="alternate", href=url, type="text/html")
    _sub(_sub(entry, "author"), "name", AUTHOR)
    _sub(entry, "summary", row.summary_text, type="text")
    if brief is not None:
        _sub(entry, "content", content_html(brief, url), type="html")
    for tag in row.tags:
        _sub(entry, "category", term=tag)


def json_feed(
    rows: Sequence[StoryRow],
    *,
    title: str,
    feed_url: str,
    home_url: str,
    links: Links,
    briefs: Mapping[str, Brief] | None = None,
) -> dict[str, Any]:
    """A JSON Feed 1.1 document for the same stories (``content_html`` from ``briefs``)."""
    return {
        "version": JSON_FEED_VERSION,
        "title": clean_text(title),
        "home_page_url": home_url,
        "feed_url": feed_url,
        "authors": [{"name": AUTHOR}],
        "language": "en",
        "items": [_item(row, links, (briefs or {}).get(row.story)) for row in rows],
    }


def _item(row: StoryRow, links: Links, brief: Brief | None) -> dict[str, Any]:
    headline, summary = clean_text(row.headline), clean_text(row.summary_text)
    url = links.story(row.story)
    item: dict[str, Any] = {
        "id": f"urn:glimpse:story:{row.story}",
        "url": url,
        "title": headline,
        "content_text": summary or headline,
        "summary": summary,
        "tags": [clean_text(t) for t in row.tags],
        "_glimpse": {"outlets": row.outlets, "articles": row.articles},
    }
    if brief is not None:
        item["content_html"] = clean_text(content_html(brief, url))
    if row.updated_at is not None:
        item["date_modified"] = iso(row.updated_at)
    published = first_report(brief) or row.updated_at
    if published is not None:
        item["date_published"] = iso(published)
    return item


def json_feed_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
