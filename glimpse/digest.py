"""Editions: the day's top stories with their summaries and links, for a newsletter.

:func:`load_edition` reads the stories updated since a time (best first, as ``glimpse stories``);
:func:`edition_markdown`, :func:`edition_html` and :func:`edition_rows` write it out. Times are
shown in the edition's time zone. :func:`parse_since` reads ``--since`` here and in ``stories``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from glimpse.errors import ConfigError
from glimpse.models import Brief
from glimpse.pipeline import parse_time
from glimpse.publish.links import Links
from glimpse.publish.render import render
from glimpse.publish.safe import clean_text, link_url
from glimpse.serialize import story_row_to_dict
from glimpse.store import Store, StoryRow

_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|m|min|h|d|w)\s*", re.IGNORECASE)
_UNITS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_since(value: str, now: datetime | None = None) -> datetime | None:
    """``24h``, ``90m``, ``7d``, ``2w``, ``30s`` (that long before ``now``) or an ISO 8601 time;
    None when it is neither."""
    match = _DURATION.fullmatch(value)
    if match:
        seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
        return (now or datetime.now(UTC)) - timedelta(seconds=seconds)
    try:
        return parse_time(value)
    except (ValueError, OverflowError):
        return None


def zone(name: str) -> ZoneInfo:
    """The IANA time zone ``name`` (``Europe/Berlin``); ConfigError when unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("not a time zone (try Europe/Berlin or UTC)", name) from exc


@dataclass(frozen=True, slots=True)
class EditionStory:
    """One story of an edition: its list row, its brief and its page (None without a base URL)."""

    row: StoryRow
    brief: Brief | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Edition:
    title: str
    since: datetime
    made: datetime  # in the edition's time zone
    stories: tuple[EditionStory, ...]


def load_edition(
    store: Store,
    since: datetime,
    *,
    tz: ZoneInfo,
    limit: int = 10,
    base_url: str = "",
    now: datetime | None = None,
) -> Edition:
    """The top ``limit`` stories updated at or after ``since``, best first."""
    made = (now or datetime.now(UTC)).astimezone(tz)
    links = Links(base_url.rstrip("/") + "/", static=True) if base_url else None
    rows = store.list_stories(since=since, limit=limit, now=now)
    stories = tuple(
        EditionStory(r, store.brief(r.story), links.story(r.story) if links else None) for r in rows
    )
    title = f"glimpse: the edition of {made.strftime('%A %-d %B %Y')}"
    return Edition(title, since, made, stories)


def _local(value: datetime | None, tz: Any) -> str:
    if value is None:
        return "time unknown"
    value = value if value.tzinfo else value.replace(tzinfo=UTC)
    return value.astimezone(tz).strftime("%-d %b %Y, %H:%M %Z")


def _sources(story: EditionStory) -> list[tuple[str, str | None]]:
    """(outlet, safe link) of each source, one per outlet."""
    seen: dict[str, str | None] = {}
    for s in story.brief.sources if story.brief else ():
        seen.setdefault(clean_text(s.outlet or "source"), link_url(s.url))
    return list(seen.items())


def _md(text: str) -> str:
    """Plain text safe inside Markdown link text and emphasis."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", clean_text(text))


def edition_markdown(edition: Edition) -> str:
    """The edition as Markdown (also the plain-text part of the e-mail)."""
    tz = edition.made.tzinfo
    lines = [f"# {_md(edition.title)}", "",
             f"{len(edition.stories)} stories since {_local(edition.since, tz)}.", ""]  # fmt: skip
    for n, story in enumerate(edition.stories, start=1):
        row = story.row
        head = f"[{_md(row.headline)}]({story.url})" if story.url else _md(row.headline)
        lines += [f"## {n}. {head}", ""]
        lines += [f"*{row.outlets} outlets · updated {_local(row.updated_at, tz)}*", ""]
        if row.summary_text:
            lines += [_md(row.summary_text), ""]
        sources = [f"[{_md(o)}]({u})" if u else _md(o) for o, u in _sources(story)]
        if sources:
            lines += ["Sources: " + ", ".join(sources), ""]
    if not edition.stories:
        lines += ["No stories in this edition.", ""]
    return "\n".join(lines)


def edition_html(edition: Edition) -> str:
    """The edition as a self-contained HTML document (inline styles: mail clients drop CSS)."""
    tz = edition.made.tzinfo
    return render(
        "digest.html",
        edition=edition,
        local=lambda value: _local(value, tz),
        sources=_sources,
        since=_local(edition.since, tz),
    )


def edition_rows(edition: Edition) -> list[dict[str, Any]]:
    """One ``glimpse stories --json`` row per story, with its ``url`` when known."""
    return [{**story_row_to_dict(s.row), "url": s.url} for s in edition.stories]
