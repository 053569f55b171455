"""Feeds: RSS 0.9x/1.0/2.0, RDF, Atom (feedparser) and JSON Feed 1.x (plain JSON).

A document is a feed by its bytes, whatever its media type says: servers send feeds as
``text/xml``, ``application/xml`` or even ``text/html``, and saved feeds end in ``.html``.
"""

from __future__ import annotations

import calendar
import codecs
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from glimpse.clean_text import clean_line
from glimpse.errors import NotAFeed
from glimpse.ingest.address import is_http_url
from glimpse.models import Enclosure
from glimpse.serialize import parse_iso


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str | None
    title: str
    published: datetime | None
    summary: str
    content_html: str
    updated: datetime | None = None
    guid: str = ""
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    enclosures: tuple[Enclosure, ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/feed+json"}
# What may come before the root element: whitespace, processing instructions (<?xml ...?>,
# <?xml-stylesheet ...?>), comments and a doctype (with an internal subset); matched by hand
# because a full parse of a 10 MB page just to learn it is no feed would cost too much.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.S | re.I)
# Root elements of feeds: <rss> (0.91-2.0), <feed> (Atom), <rdf:RDF> / <RDF> (RSS 0.90 and 1.0).
_ROOT = re.compile(rb"<(?:[\w.-]+:)?(?:rss|feed|rdf)[\s>/]", re.I)
_HEAD_BYTES = 64 * 1024
_XML_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# BOM-less UTF-16/32 XML is told by how "<" is spelt (XML 1.0 appendix F)
_XML_STARTS = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


def looks_like_feed(content_type: str, data: bytes) -> bool:
    """A response is a feed by its media type or, whatever the type says, by its bytes."""
    ctype = content_type.split(";")[0].strip().lower()
    return ctype in FEED_TYPES or sniff_feed(data)


def sniff_feed(data: bytes) -> bool:
    """Whether ``data`` is an RSS, RDF, Atom or JSON Feed document, from its first element.

    The head is read after any byte-order mark, in UTF-8/16/32 (by BOM or by the spelling
    of ``<``); declared 8-bit encodings (koi8-r, windows-1251) keep the markup ASCII, so
    their head is read as bytes. Whitespace, ``<?...?>``, comments and a doctype are skipped.
    """
    head = _ascii_head(data[:_HEAD_BYTES])
    position = 0
    while match := _PROLOG.match(head, position):
        if match.end() == position:
            break
        position = match.end()
    rest = head[position:]
    if rest.startswith(b"{"):
        return _is_json_feed(data)
    return _ROOT.match(rest) is not None


def _ascii_head(head: bytes) -> bytes:
    """The head as ASCII-compatible bytes: a UTF-16/32 head is decoded and re-encoded."""
    bom = next(((b, e) for b, e in _XML_BOMS if head.startswith(b)), None)
    if bom is not None:
        head, encoding = head[len(bom[0]) :], bom[1]
    else:
        encoding = next((e for start, e in _XML_STARTS if head.startswith(start)), "utf-8")
    if encoding == "utf-8":
        return head
    size = 4 if "32" in encoding else 2
    text = head[: len(head) // size * size].decode(encoding, errors="replace")
    return text.encode("utf-8", errors="replace")


def _is_json_feed(data: bytes) -> bool:
    if b"jsonfeed.org" not in data:
        return False
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError):
        return False
    return isinstance(obj, dict) and "jsonfeed.org" in str(obj.get("version", ""))


def parse_feed(data: bytes, origin: str) -> Feed:
    """Parse a feed, or raise NotAFeed naming ``origin``."""
    if _ascii_head(data[:_HEAD_BYTES]).lstrip()[:1] == b"{":
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
        guid=str(entry.get("id") or ""),
        authors=_names(
            [a.get("name") for a in entry.get("authors") or () if isinstance(a, dict)]
            or [entry.get("author")]
        ),
        categories=_names([t.get("term") for t in entry.get("tags") or () if isinstance(t, dict)]),
        enclosures=_enclosures(
            (e.get("href") or e.get("url"), e.get("type"), e.get("length"))
            for e in entry.get("enclosures") or ()
            if isinstance(e, dict)
        ),
    )


def _names(values: Iterable[Any]) -> tuple[str, ...]:
    """Distinct non-empty strings, whitespace collapsed, in order."""
    names = (clean_line(v) for v in values if isinstance(v, str))
    return tuple(dict.fromkeys(n for n in names if n))


def _enclosures(items: Iterable[tuple[Any, Any, Any]]) -> tuple[Enclosure, ...]:
    """``(url, type, length)`` as Enclosures: an http(s) URL is required; a length that is
    not a whole number of bytes (feeds write "", "0", "unknown") is None."""
    out: dict[str, Enclosure] = {}
    for url, kind, length in items:
        if not isinstance(url, str) or not is_http_url(url.strip()):
            continue
        size = _whole(length)
        out.setdefault(url.strip(), Enclosure(url.strip(), _text(kind) or None, size or None))
    return tuple(out.values())


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _when(stamp: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
    except (TypeError, ValueError, OverflowError):
        return None


def _parse_json_feed(data: bytes, origin: str) -> Feed:
    try:
        obj = json.loads(data)  # bytes: UTF-8 (BOM or not), UTF-16, UTF-32
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
        guid=_text(item.get("id")) if not isinstance(item.get("id"), int) else str(item["id"]),
        authors=_names(_json_authors(item)),
        categories=_names(_list(item.get("tags"))),
        enclosures=_enclosures(
            (a.get("url"), a.get("mime_type"), a.get("size_in_bytes"))
            for a in _list(item.get("attachments"))
            if isinstance(a, dict)
        ),
    )


def _list(value: Any) -> list[Any]:
    """A JSON Feed field that must be a list: anything else counts as empty."""
    return value if isinstance(value, list) else []


def _json_authors(item: dict[str, Any]) -> list[Any]:
    """JSON Feed 1.1 ``authors`` (a list), else 1.0 ``author`` (one object)."""
    people = item.get("authors")
    people = people if isinstance(people, list) else [item.get("author")]
    return [p.get("name") for p in people if isinstance(p, dict)]
