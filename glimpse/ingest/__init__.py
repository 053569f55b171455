"""Ingest: sources (files, folders, stdin, page and feed URLs, WARC) to raw documents.

:func:`iter_sources` yields a :class:`RawDoc` per document, or the :class:`SkipRecord` that
stopped one input, so the caller records it and goes on with the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from glimpse.clean_text import describe
from glimpse.errors import SkipRecord, StageFailure, WriteFailed
from glimpse.ingest.feeds import Feed, FeedEntry, looks_like_feed, parse_feed
from glimpse.ingest.fetch import Fetcher, FetchOptions, FetchResult
from glimpse.ingest.files import iter_bytes, read_file, sniff_kind
from glimpse.ingest.items import StoredAt, iter_feed
from glimpse.ingest.sources import RawDoc, expand_paths, is_url, kind_of, read_stdin
from glimpse.ingest.warc import iter_warc

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
#: (url, etag, last_modified, items_seen: None for a 304, which keeps the stored count)
FeedStateSet = Callable[[str, str | None, str | None, int | None], None]


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
            kind = kind_of(path)
            if kind == "warc":  # streamed from the file: no size limit, constant memory
                yield from _iter_archive(path)
            else:
                yield from iter_bytes(read_file(path), kind, str(path))
        except SkipRecord as exc:
            exc.subject = exc.subject or str(path)
            yield exc
        except Exception as exc:  # one broken file of a folder must not stop the others
            log.info("reading %s failed", path, exc_info=True)
            yield StageFailure(f"reading failed: {describe(exc)}", str(path))


def _iter_archive(path: Path) -> Iterator[RawDoc | SkipRecord]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SkipRecord(f"cannot read file ({exc.strerror})", str(path)) from exc
    with handle:
        yield from iter_warc(handle, str(path))


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
    if result.not_modified:  # unchanged: the fetch and its status are noted all the same
        if save_feed_state:
            save_feed_state(url, result.etag or etag, result.last_modified or modified, None)
        return
    if not looks_like_feed(result.content_type, result.content):
        yield RawDoc("html", url, content=result.content, url=result.url, fetched=result.fetched)
        return
    feed = parse_feed(result.content, url)
    yield from iter_feed(feed, url, fetcher, stored_at, base=result.url)
    if save_feed_state:
        save_feed_state(url, result.etag, result.last_modified, len(feed.entries))


def iter_paths(paths: Iterable[Path]) -> Iterator[RawDoc | SkipRecord]:
    """Documents of local paths (files or folders)."""
    return iter_sources(str(p) for p in paths)
