"""The article's dates: published and updated, as the page states them, in UTC.

(1) JSON-LD ``datePublished``/``dateModified`` of the article (then of the web page), (2) meta
tags, (3) microdata ``<time>``; only then, for the published date, :mod:`htmldate`, which reads
dates the page itself shows.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import html as lxml_html

from glimpse.extract.structured import types_of


def read_dates(
    tree: lxml_html.HtmlElement,
    objects: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    tags: dict[str, list[str]],
    url: str | None,
    *,
    html_dates: bool = True,
) -> tuple[datetime | None, datetime | None]:
    """(published, updated) of the page; ``html_dates`` lets :mod:`htmldate` find a published
    date the structured data does not give."""
    dated = articles + [o for o in objects if "webpage" in types_of(o)]
    published = _date(tree, dated, tags, "datePublished", _PUBLISHED_META)
    updated = _date(tree, dated, tags, "dateModified", _UPDATED_META)
    if published is None and html_dates:
        published = _htmldate(tree, url)
        if published is not None and updated is not None and published.date() == updated.date():
            published = None  # htmldate fell back to the modification date: not a publication
    return published, updated


_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_UPDATED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "last-modified",
    "dcterms.modified",
)


def _date(
    tree: lxml_html.HtmlElement,
    dated: list[dict[str, Any]],
    tags: dict[str, list[str]],
    key: str,
    meta_keys: tuple[str, ...],
) -> datetime | None:
    """(1) JSON-LD ``key`` of the article (then of the web page), (2) meta tags,
    (3) microdata ``<time itemprop=key datetime=…>``."""
    values = [obj.get(key) for obj in dated]
    values += [value for meta_key in meta_keys for value in tags.get(meta_key, ())]
    for node in tree.xpath(".//*[@itemprop=$key]", key=key)[:3]:
        values += [node.get("datetime"), node.get("content")]
    for value in values:
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is not None:
            return parsed
    return None


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 or RFC 2822 date or datetime as tz-aware UTC (naive values taken as UTC)."""
    value = value.strip()
    parsed = _parse_iso(value) or _parse_rfc2822(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if not 1990 <= parsed.year <= 2100:
        return None
    return parsed.astimezone(UTC)


_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def _parse_iso(value: str) -> datetime | None:
    match = _ISO.match(value)
    if match is None:
        return None
    day, clock, zone = match.groups()
    text = day + (f"T{clock}" if clock else "")
    if clock and zone:
        text += "+00:00" if zone == "Z" else zone
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_rfc2822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _htmldate(tree: lxml_html.HtmlElement, url: str | None) -> datetime | None:
    from htmldate import find_date

    try:
        found = find_date(
            tree, extensive_search=False, original_date=True, url=url, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError):
        return None
    return parse_datetime(found) if found else None
