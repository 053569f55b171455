"""Atom 1.0 and JSON Feed 1.1 documents for a list of stories (front page, a tag, a search).

Entry ids are ``urn:glimpse:story:<id>`` so they stay the same wherever the site is hosted; links
are made by the caller's :class:`~glimpse.publish.links.Links` (absolute when the host is known).
Every text and attribute goes through :func:`~glimpse.publish.safe.clean_text`, so one NUL or ESC
in a headline cannot make the feed invalid XML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree import ElementTree as ET

from glimpse.publish.links import Links
from glimpse.publish.safe import clean_text
from glimpse.serialize import iso
from glimpse.store import StoryRow

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
AUTHOR = "glimpse news desk"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _updated(rows: Sequence[StoryRow]) -> datetime:
    times = [r.updated_at for r in rows if r.updated_at is not None]
    return max(times, key=lambda t: iso(t) or "") if times else _EPOCH


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
) -> bytes:
    """An Atom 1.0 feed: one entry per story with title, summary, tags, link and updated time."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "id", f"urn:glimpse:feed:{feed_id}")
    _sub(feed, "title", title)
    _sub(feed, "updated", iso(_updated(rows)))
    _sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=home_url, type="text/html")
    _sub(_sub(feed, "author"), "name", AUTHOR)
    _sub(feed, "generator", "glimpse")
    for row in rows:
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"urn:glimpse:story:{row.story}")
        _sub(entry, "title", row.headline)
        _sub(entry, "updated", iso(row.updated_at or _EPOCH))
        _sub(entry, "link", rel="alternate", href=links.story(row.story), type="text/html")
        _sub(_sub(entry, "author"), "name", AUTHOR)
        _sub(entry, "summary", row.summary_text, type="text")
        for tag in row.tags:
            _sub(entry, "category", term=tag)
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def json_feed(
    rows: Sequence[StoryRow],
    *,
    title: str,
    feed_url: str,
    home_url: str,
    links: Links,
) -> dict[str, Any]:
    """A JSON Feed 1.1 document for the same stories."""
    return {
        "version": JSON_FEED_VERSION,
        "title": clean_text(title),
        "home_page_url": home_url,
        "feed_url": feed_url,
        "authors": [{"name": AUTHOR}],
        "language": "en",
        "items": [_item(row, links) for row in rows],
    }


def _item(row: StoryRow, links: Links) -> dict[str, Any]:
    headline, summary = clean_text(row.headline), clean_text(row.summary_text)
    item: dict[str, Any] = {
        "id": f"urn:glimpse:story:{row.story}",
        "url": links.story(row.story),
        "title": headline,
        "content_text": summary or headline,
        "summary": summary,
        "tags": [clean_text(t) for t in row.tags],
        "_glimpse": {"outlets": row.outlets, "articles": row.articles},
    }
    if row.updated_at is not None:
        item["date_modified"] = iso(row.updated_at)
        item["date_published"] = iso(row.updated_at)
    return item


def json_feed_bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
