"""Ingest: sources (files, folders, stdin, page and feed URLs, WARC) to raw documents.

:func:`iter_sources` yields a :class:`RawDoc` per document, or the :class:`SkipRecord` that
stopped one input, so the caller records it and goes on with the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path

from glimpse.clean_text import describe
from glimpse.errors import SkipRecord, StageFailure, TooLarge, WriteFailed
from glimpse.ingest.feeds import (
    Feed,
    FeedEntry,
    cap_entries,
    entry_link,
    looks_like_feed,
    parse_feed,
)
from glimpse.ingest.fetch import Fetcher, FetchOptions, FetchResult
from glimpse.ingest.files import iter_bytes, read_file, sniff_kind
from glimpse.ingest.sources import RawDoc, expand_paths, is_url, kind_of, read_stdin

__all__ = [
    "Feed",
    "FeedEntry",
    "FetchOptions",
    "FetchResult",
    "Fetcher",
    "RawDoc",
    "iter_sources",
    "parse_feed",
]

log = logging.getLogger(__name__)
FeedStateGet = Callable[[str], tuple[str | None, str | None]]
FeedStateSet = Callable[[str, str | None, str | None], None]
#: when an article with this URL was stored (None: not stored)
StoredAt = Callable[[str], datetime | None]


def iter_sources(
    sources: Iterable[str],
    fetcher: Fetcher | None = None,
    *,
    feed_state: FeedStateGet | None = None,
    save_feed_state: FeedStateSet | None = None,
    stored_at: StoredAt | None = None,
) -> Iterator[RawDoc | SkipRecord]:
    """Every document of every source, in order; a failing input is yielded as its SkipRecord."""
    for source in sources:
        try:
            if source == "-":
                data = read_stdin()
                yield from iter_bytes(data, sniff_kind(data), "<stdin>")
            elif is_url(source):
                if fetcher is None:
                    raise SkipRecord("URL given but fetching is not enabled", source)
                yield from _iter_url(source, fetcher, feed_state, save_feed_state, stored_at)
            else:
                yield from _iter_path(source)
        except SkipRecord as exc:
            yield exc
        except WriteFailed:  # the disk is full or read-only: the run must stop
            raise
        except Exception as exc:  # one broken input must not stop the run (documents kept)
            log.info("reading %s failed", source, exc_info=True)
            yield StageFailure(f"reading failed: {describe(exc)}", source)


def _iter_path(source: str) -> Iterator[RawDoc | SkipRecord]:
    for path in expand_paths(source):
        try:
            yield from iter_bytes(read_file(path), kind_of(path), str(path))
        except SkipRecord as exc:
            exc.subject = exc.subject or str(path)
            yield exc
        except Exception as exc:  # one broken file of a folder must not stop the others
            log.info("reading %s failed", path, exc_info=True)
            yield StageFailure(f"reading failed: {describe(exc)}", str(path))


def _iter_url(
    url: str,
    fetcher: Fetcher,
    feed_state: FeedStateGet | None,
    save_feed_state: FeedStateSet | None,
    stored_at: StoredAt | None = None,
) -> Iterator[RawDoc | SkipRecord]:
    fetcher.trust(url)  # the user named it: its origin may be local (127.0.0.1, an intranet)
    etag, modified = feed_state(url) if feed_state else (None, None)
    result = fetcher.fetch(url, etag=etag, last_modified=modified)
    if result.not_modified:
        return
    if not looks_like_feed(result.content_type, result.content):
        yield RawDoc("html", url, content=result.content, url=result.url, fetched=result.fetched)
        return
    feed = parse_feed(result.content, url)
    yield from _iter_feed_entries(feed, url, fetcher, stored_at, base=result.url)
    if save_feed_state:
        save_feed_state(url, result.etag, result.last_modified)


def _iter_feed_entries(
    feed: Feed,
    origin: str,
    fetcher: Fetcher,
    stored_at: StoredAt | None = None,
    *,
    base: str | None = None,
) -> Iterator[RawDoc | SkipRecord]:
    """Each entry's linked page is fetched; the entry's title, date and outlet are hints.

    At most ``fetch.feed_entries`` entries are read; an entry whose URL is already stored is
    not fetched again unless the feed dates an update after it was stored.
    """
    entries, dropped = cap_entries(feed, fetcher.options.feed_entries)
    if dropped:
        yield TooLarge(
            f"{len(feed.entries)} entries, over the {len(entries)} entry limit"
            " (fetch.feed_entries): the rest are not read",
            origin,
        )
    seen: set[str] = set()
    for entry in entries:
        link = entry_link(entry, base or origin)
        if link is None:
            yield SkipRecord("feed entry has no http(s) link", f"{origin}: {str(entry.title)[:60]}")
            continue
        if link in seen or not _changed(entry, stored_at(link) if stored_at else None):
            continue
        seen.add(link)
        hints = {"title": entry.title, "published": entry.published, "source": feed.title}
        try:
            page = fetcher.fetch(link)
        except SkipRecord as exc:
            yield exc
            continue
        yield RawDoc(
            "html", link, content=page.content, url=page.url, hints=hints, fetched=page.fetched
        )


def _changed(entry: FeedEntry, stored: datetime | None) -> bool:
    """Fetch when not stored yet, or when the feed dates an update after the stored copy."""
    return stored is None or (entry.updated is not None and entry.updated > stored)


def iter_paths(paths: Iterable[Path]) -> Iterator[RawDoc | SkipRecord]:
    """Documents of local paths (files or folders)."""
    return iter_sources(str(p) for p in paths)
