"""Readers for local files and standard input: HTML, plain text, JSON, JSON Lines."""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from glimpse.clean_text import describe
from glimpse.errors import BadEncoding, EmptyInput, MalformedLine, SkipRecord, TooLarge
from glimpse.ingest.feeds import parse_feed, sniff_feed
from glimpse.ingest.items import iter_feed
from glimpse.ingest.sources import RawDoc

MAX_FILE_BYTES = 200 * 1024 * 1024
RECORD_KEYS = {"id", "url", "title", "text", "html", "published", "source", "story"}


_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
# JSON Lines: after this many unreadable lines and not one good one, the file is not JSONL.
JSONL_GIVE_UP = 20


def decode_text(data: bytes, origin: str) -> str:
    """Text of a file: a BOM decides (UTF-8, UTF-16, UTF-32), then BOM-less UTF-16 (mostly
    Latin text: every other byte is NUL), then strict UTF-8; else a clear BadEncoding."""
    encoding = text_encoding(data)
    if encoding is None:
        raise BadEncoding("binary data, not text", origin)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        what = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        raise BadEncoding(f"not valid {what} text (byte {exc.start})", origin) from exc


def text_encoding(data: bytes) -> str | None:
    """The encoding to decode ``data`` with, or None for binary data (magic number or NULs)."""
    unicode = unicode_encoding(data)
    if unicode or data.startswith(_MAGIC):
        return unicode
    return "utf-8" if b"\x00" not in data[:4096] else None


def unicode_encoding(data: bytes) -> str | None:
    """UTF-8/16/32 as told by a byte-order mark, or UTF-16 told by its NULs; else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return _bomless_utf16(data[:4096]) if b"\x00" in data[:4096] else None


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a BOM, told by its NUL bytes: in Latin-script text nearly every high
    byte is NUL and no low byte is (hand-written: charset detectors guess on short inputs)."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and others.count(0) == 0:
            return encoding
    return None


def text_record(text: str, origin: str) -> dict[str, Any]:
    """A .txt document: the first non-empty line is the headline, the rest is the body."""
    lines = text.strip().splitlines()
    if not lines:
        raise EmptyInput("empty text file", origin)
    title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
    if not body:
        raise EmptyInput("text file has a headline but no body", origin)
    return {"title": title, "text": body}


def record_from_json(obj: object, origin: str) -> dict[str, Any]:
    """Validate one JSON article object (any of id, url, title, text, html, published, ...).

    A row with a ``title`` and no ``text``/``html`` is a headline article (README, "Headline
    articles"); a row with none of the three is EmptyInput (G010)."""
    if not isinstance(obj, dict):
        raise MalformedLine("expected a JSON object", origin)
    if not (obj.get("text") or obj.get("html") or _has_words(obj.get("title"))):
        raise EmptyInput("article has neither text nor html", origin)
    for key in ("id", "url", "title", "text", "html", "source", "story"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise MalformedLine(f"field {key!r} must be a string", origin)
    return {k: v for k, v in obj.items() if k in RECORD_KEYS or k == "description"}


def _has_words(value: object) -> bool:
    return isinstance(value, str) and any(c.isalnum() for c in value)


def iter_jsonl(data: bytes, name: str) -> Iterator[RawDoc | SkipRecord]:
    """One RawDoc per line; a line that is not UTF-8 (G002) or not a JSON object (G007) is
    yielded as its SkipRecord and every other line goes on. A file without one non-blank
    line is EmptyInput (G010); one whose first lines are all unreadable is given up on."""
    good = bad = 0
    for number, line in _jsonl_lines(data, name):
        origin = f"{name}:{number}"
        item = jsonl_record(line, origin)
        if isinstance(item, SkipRecord):
            bad += 1
            if good == 0 and bad >= JSONL_GIVE_UP:
                yield BadEncoding(f"not JSON Lines: the first {bad} lines are unreadable", name)
                return
        else:
            good += 1
        yield item
    if good + bad == 0:
        raise EmptyInput("no records: the file has only blank lines", name)


def _jsonl_lines(data: bytes, name: str) -> Iterator[tuple[int, bytes | str]]:
    """Non-blank lines with their numbers: bytes for UTF-8 files (each decoded on its own, so
    one bad byte costs one line), text for UTF-16/32 files (decoded whole)."""
    if data.startswith(_MAGIC):
        raise BadEncoding("binary data, not text", name)
    encoding = unicode_encoding(data) or "utf-8"
    lines: list[bytes | str] = []
    if not encoding.startswith("utf-8"):
        try:
            lines.extend(decode_text(data, name).split("\n"))
        except BadEncoding:  # a guess from NULs or a stray BOM, not UTF-16/32 after all:
            encoding = "utf-8"  # read line by line, so each bad line costs only itself
    if encoding.startswith("utf-8"):
        lines.extend(data.removeprefix(codecs.BOM_UTF8).split(b"\n"))
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield number, line


def jsonl_record(line: bytes | str, origin: str) -> RawDoc | SkipRecord:
    """One JSON Lines line as a RawDoc, or the SkipRecord saying why it is not one."""
    try:
        if isinstance(line, bytes):
            if b"\x00" in line:
                return BadEncoding(f"NUL byte in the line (column {line.index(0) + 1})", origin)
            line = line.decode("utf-8")
        fields = record_from_json(json.loads(line), origin)
    except UnicodeDecodeError as exc:
        return BadEncoding(f"not valid UTF-8 text (column {exc.start + 1})", origin)
    except json.JSONDecodeError as exc:
        return MalformedLine(f"not JSON ({exc.msg}, column {exc.colno})", origin)
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, 10,000 nested lists
        return MalformedLine(f"not JSON ({describe(exc)})", origin)
    except SkipRecord as exc:
        return exc
    return RawDoc("record", origin, url=fields.get("url"), fields=fields)


def iter_json(data: bytes, name: str) -> Iterator[RawDoc | SkipRecord]:
    """A .json file: one article object, or a list of them."""
    text = decode_text(data, name)
    if not text.strip():
        raise EmptyInput("empty file", name)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedLine(f"not JSON ({exc.msg}, line {exc.lineno})", name) from exc
    except (ValueError, RecursionError) as exc:
        raise MalformedLine(f"not JSON ({describe(exc)})", name) from exc
    items = obj if isinstance(obj, list) else [obj]
    if not items:
        raise EmptyInput("no records: the file holds an empty list", name)
    for number, item in enumerate(items, start=1):
        origin = name if len(items) == 1 else f"{name}[{number}]"
        try:
            fields = record_from_json(item, origin)
        except SkipRecord as exc:
            yield exc
            continue
        yield RawDoc("record", origin, url=fields.get("url"), fields=fields)


def read_file(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TooLarge(f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit", str(path))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SkipRecord(f"cannot read file ({exc.strerror})", str(path)) from exc


def iter_bytes(data: bytes, kind: str, name: str) -> Iterator[RawDoc | SkipRecord]:
    """Documents in one input of a known kind (html, text, json, jsonl, warc, feed).

    Whatever the kind, a document whose bytes make a feed is read as one (a feed saved as
    .html, piped in, in UTF-16): its items become articles from their own text.
    """
    if kind == "feed" or (kind != "warc" and sniff_feed(data)):
        yield from iter_feed(parse_feed(data, name), name, None)
    elif kind == "html":
        if not data.strip():
            raise EmptyInput("empty file", name)
        yield RawDoc("html", name, content=data)
    elif kind == "text":
        yield RawDoc("record", name, fields=text_record(decode_text(data, name), name))
    elif kind == "json":
        yield from iter_json(data, name)
    elif kind == "jsonl":
        yield from iter_jsonl(data, name)
    elif kind == "warc":
        from glimpse.ingest.warc import iter_warc

        yield from iter_warc(io.BytesIO(data), name)
    else:  # pragma: no cover - kind_of guards this
        raise SkipRecord(f"unsupported input kind {kind}", name)


def sniff_kind(data: bytes) -> str:
    """The kind of standard input, from its first bytes."""
    head = data.lstrip()[:512].lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        return "warc"
    if head.startswith(b"<"):
        return "html"
    if head.startswith(b"{"):
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            return "json"
    if head.startswith(b"["):
        return "json"
    return "text"
