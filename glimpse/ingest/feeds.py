"""Feeds: RSS 2.0 / Atom (feedparser) and JSON Feed 1.x (plain JSON, no library needed)."""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from glimpse.errors import NotAFeed
from glimpse.ingest.address import is_http_url
from glimpse.serialize import parse_iso


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str | None
    title: str
    published: datetime | None
    summary: str
    content_html: str
    updated: datetime | None = None


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def looks_like_feed(content_type: str, data: bytes) -> bool:
    """A response is treated as a feed by its media type or by its first element."""
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in {"application/rss+xml", "application/atom+xml", "application/feed+json"}:
        return True
    head = data.lstrip()[:1024].lower()
    if head.startswith(b"{"):
        return b"jsonfeed.org" in head
    if head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed"):
        return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
    return False


def parse_feed(data: bytes, origin: str) -> Feed:
    """Parse a feed, or raise NotAFeed naming ``origin``."""
    if data.lstrip()[:1] == b"{":
        return _parse_json_feed(data, origin)
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.get("version"):
        raise NotAFeed("not an RSS, Atom or JSON Feed document", origin)
    entries = tuple(_rss_entry(e) for e in parsed.entries)
    return Feed(title=parsed.feed.get("title"), entries=entries)


def cap_entries(feed: Feed, limit: int) -> tuple[tuple[FeedEntry, ...], int]:
    """The first ``limit`` entries (feeds list newest first) and how many were left out."""
    return feed.entries[:limit], max(0, len(feed.entries) - limit)


def entry_link(entry: FeedEntry, base: str) -> str | None:
    """The entry's link made absolute against the feed's URL; None unless http(s).

    ``urn:uuid:`` ids (which feedparser may give as the link), ``javascript:`` and other
    schemes are never fetched.
    """
    if not isinstance(entry.url, str) or not entry.url.strip():
        return None
    link = urljoin(base, entry.url.strip())
    return link if is_http_url(link) else None


def _rss_entry(entry: Any) -> FeedEntry:
    content = entry.get("content") or []
    return FeedEntry(
        url=entry.get("link"),
        title=entry.get("title", ""),
        published=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
        summary=entry.get("summary", ""),
        content_html=content[0].get("value", "") if content else "",
        # dict.get: feedparser's own get maps a missing updated_parsed to published, warning
        updated=_when(dict.get(entry, "updated_parsed")),
    )


def _when(stamp: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
    except (TypeError, ValueError, OverflowError):
        return None


def _parse_json_feed(data: bytes, origin: str) -> Feed:
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise NotAFeed("not JSON", origin) from exc
    if not isinstance(obj, dict) or "jsonfeed.org" not in str(obj.get("version", "")):
        raise NotAFeed("JSON without a JSON Feed version", origin)
    items = obj.get("items")
    items = items if isinstance(items, list) else []
    entries = [_json_entry(item) for item in items if isinstance(item, dict)]
    return Feed(title=_text(obj.get("title")) or None, entries=tuple(entries))


def _text(value: Any) -> str:
    """A JSON Feed field that must be a string: anything else (12345, a list) counts as absent."""
    return value if isinstance(value, str) else ""


def _iso(value: Any) -> datetime | None:
    try:
        return parse_iso(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _json_entry(item: dict[str, Any]) -> FeedEntry:
    return FeedEntry(
        url=_text(item.get("url")) or _text(item.get("external_url")) or None,
        title=_text(item.get("title")),
        published=_iso(item.get("date_published")) or _iso(item.get("date_modified")),
        summary=_text(item.get("summary")),
        content_html=_text(item.get("content_html")) or _text(item.get("content_text")),
        updated=_iso(item.get("date_modified")),
    )
