"""Turn command-line SOURCE arguments into raw documents, before extraction.

A SOURCE is a file (.html .htm .txt .json .jsonl .xml .rss .atom .warc .warc.gz .arc
.arc.gz), a folder (read recursively),
an http(s) URL of a page or a feed (detected from the response), or ``-`` for standard input.
Everything here is I/O; the parsing of each format lives in its own module.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from glimpse.errors import InputNotFound, SkipRecord

FILE_KINDS = {
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".arc": "warc",  # warcio reads ARC as WARC
    ".gz": "warc",  # only .warc.gz and .arc.gz are accepted, checked in kind_of
}
ARCHIVES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One document before extraction.

    ``kind`` is ``html`` (``content`` is the page bytes) or ``record`` (``fields`` holds an
    article's JSON fields: id, url, title, text, html, published, source, story).
    ``origin`` names the input for error messages ("feed.xml", "data.jsonl:12", a URL).
    ``hints`` are metadata known from outside the page (a feed entry's title, date, outlet).
    """

    kind: str
    origin: str
    content: bytes = b""
    url: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    hints: dict[str, Any] = field(default_factory=dict)
    fetched: datetime | None = None


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def kind_of(path: Path) -> str:
    """The reader for a file path, or SkipRecord for an unsupported extension."""
    name = path.name.lower()
    if name.endswith(ARCHIVES):
        return "warc"
    kind = FILE_KINDS.get(path.suffix.lower())
    if kind is None or kind == "warc":
        raise SkipRecord(f"unsupported file type {path.suffix or '(none)'}", str(path))
    return kind


def expand_paths(source: str) -> Iterator[Path]:
    """A file as itself; a folder as its supported files, recursively, in name order."""
    path = Path(source)
    if not path.exists():
        raise InputNotFound("no such file or folder", source)
    if path.is_file():
        yield path
        return
    for child in sorted(p for p in path.rglob("*") if p.is_file()):
        try:
            kind_of(child)
        except SkipRecord:
            continue
        yield child


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()
