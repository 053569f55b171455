"""Readers for local files and standard input: HTML, plain text, JSON, JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from glimpse.errors import BadEncoding, EmptyInput, MalformedLine, SkipRecord, TooLarge
from glimpse.ingest.sources import RawDoc

MAX_FILE_BYTES = 200 * 1024 * 1024
RECORD_KEYS = {"id", "url", "title", "text", "html", "published", "source", "story"}


def decode_text(data: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM), else a clear BadEncoding; binary data is refused."""
    if b"\x00" in data[:4096]:
        raise BadEncoding("binary data, not text", origin)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadEncoding(f"not valid UTF-8 text (byte {exc.start})", origin) from exc


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
    """Validate one JSON article object (any of id, url, title, text, html, published, ...)."""
    if not isinstance(obj, dict):
        raise MalformedLine("expected a JSON object", origin)
    if not (obj.get("text") or obj.get("html")):
        raise EmptyInput("article has neither text nor html", origin)
    for key in ("id", "url", "title", "text", "html", "source", "story"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise MalformedLine(f"field {key!r} must be a string", origin)
    return {k: v for k, v in obj.items() if k in RECORD_KEYS or k == "description"}


def iter_jsonl(data: bytes, name: str) -> Iterator[RawDoc | SkipRecord]:
    """One RawDoc per line; a malformed line is yielded as a SkipRecord, the rest goes on."""
    text = decode_text(data, name)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{name}:{number}"
        try:
            fields = record_from_json(json.loads(line), origin)
        except json.JSONDecodeError as exc:
            yield MalformedLine(f"not JSON ({exc.msg}, column {exc.colno})", origin)
            continue
        except SkipRecord as exc:
            yield exc
            continue
        yield RawDoc("record", origin, url=fields.get("url"), fields=fields)


def iter_json(data: bytes, name: str) -> Iterator[RawDoc | SkipRecord]:
    """A .json file: one article object, or a list of them."""
    try:
        obj = json.loads(decode_text(data, name))
    except json.JSONDecodeError as exc:
        raise MalformedLine(f"not JSON ({exc.msg}, line {exc.lineno})", name) from exc
    items = obj if isinstance(obj, list) else [obj]
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
    """Documents in one input of a known kind (html, text, json, jsonl, warc)."""
    if kind == "html":
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

        yield from iter_warc(data, name)
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
