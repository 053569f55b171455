"""WARC and ARC web archives (warcio): every HTML ``response`` record becomes one document.

The archive is read from its file handle record by record (gzip per record or as one
member), so memory does not grow with the archive: a 1 GB news crawl reads like a small one.

A damaged archive is read as far as it goes: the records before the damage are kept, and the
damage is one :class:`~glimpse.errors.DamagedArchive` (G020) line at the end — a truncated
file, a record shorter than its Content-Length, bytes that are not a WARC at all. warcio's own
warnings ("Record not followed by newline") would go to stderr; they are caught and counted
into that line instead. Library messages never reach the line (they can quote binary data).
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import redirect_stderr
from typing import Any, BinaryIO

from glimpse.errors import DamagedArchive, EmptyInput, SkipRecord, TooLarge
from glimpse.ingest.sources import RawDoc

_HEAD = 4096
_BLOCK = 1 << 16
#: one page in an archive: bigger HTML is no news article (the archive itself has no limit)
MAX_RECORD_BYTES = 20 * 1024 * 1024
_STARTS = (b"WARC/", b"filedesc://")  # a WARC record, an ARC file's first record


class _Gunzip(io.RawIOBase):
    """A .warc.gz decompressed as a stream; truncation or garbage ends it and is remembered.

    warcio would decompress itself, but it stops silently at a truncated gzip member; reading
    through :class:`gzip.GzipFile` raises at the cut, so the cut can be reported.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._gz = gzip.GzipFile(fileobj=stream)
        self._pos = 0
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.problem:
            return b""
        try:
            chunk = self._gz.read1(size if size > 0 else io.DEFAULT_BUFFER_SIZE)
        except EOFError:
            self.problem = "the file is truncated"
            return b""
        except (OSError, zlib.error):  # gzip.BadGzipFile is an OSError
            self.problem = "damaged gzip data"
            return b""
        self._pos += len(chunk)
        return chunk

    def readinto(self, buffer: Any) -> int:
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def tell(self) -> int:
        return self._pos


def iter_warc(source: BinaryIO | bytes, name: str) -> Iterator[RawDoc | SkipRecord]:
    """HTML documents of a WARC or ARC archive (gzipped or not), read from the seekable
    binary ``source`` as a stream (or from bytes), then at most one G020 line on damage."""
    from warcio.archiveiterator import ArchiveIterator

    if isinstance(source, bytes):
        source = io.BytesIO(source)
    head = source.read(_HEAD)
    if not head.strip() and len(head) < _HEAD:
        raise EmptyInput("empty file", name)
    source.seek(0)
    stream: Any = _Gunzip(source) if head[:2] == b"\x1f\x8b" else source
    warnings = io.StringIO()
    records = ArchiveIterator(stream, arc2warc=True)
    number, damage, end = 0, None, 0
    while damage is None:
        try:
            with redirect_stderr(warnings):
                record = next(records)
        except StopIteration:
            if _leftover(stream, end):  # warcio ends quietly at a cut header
                damage = f"record {number + 1} is cut"
            break
        except Exception:  # warcio raises many types on bad bytes; only the position matters
            damage = f"record {number + 1} is damaged"
            if number == 0 and not _gzip_problem(stream) and not head.startswith(_STARTS):
                damage = "not a WARC archive"
            break
        number += 1
        try:
            with redirect_stderr(warnings):
                doc, complete = _document(record, f"{name}#{number}")
        except Exception:  # a body that cannot be decoded (bad chunking, bad gzip)
            yield DamagedArchive("body could not be read", f"{name}#{number}")
            continue
        if not complete:
            number -= 1
            damage = f"record {number + 1} is cut short"
            break
        if doc is not None:
            yield doc
        with redirect_stderr(warnings):
            records.read_to_end()  # moves ``offset`` past the record and its blank lines
        end = records.offset
    problem = _gzip_problem(stream)
    line = _damage_line(damage, problem, number, warnings.getvalue().count("WARNING"))
    if line:
        yield DamagedArchive(line, name)


def _gzip_problem(stream: Any) -> str | None:
    return stream.problem if isinstance(stream, _Gunzip) else None


def _leftover(stream: Any, end: int) -> bool:
    """Whether bytes that are not blank lines follow the last whole record."""
    if isinstance(stream, _Gunzip):
        return stream.tell() > end
    stream.seek(end)
    return bool(stream.read(_HEAD).strip())


def _document(record: Any, origin: str) -> tuple[RawDoc | SkipRecord | None, bool]:
    """The record's HTML document (None for other records, TooLarge for a page over
    MAX_RECORD_BYTES) and whether the record was read whole. Only ``response`` records with
    an HTML (or unstated) payload and a 2xx status are read; the rest is skipped in blocks."""
    if str(record.format).startswith("warc") and not record.rec_headers.get_header(
        "Content-Length"
    ):
        return None, False  # a header cut before its Content-Length line
    if record.rec_type != "response":
        return None, True
    url = record.rec_headers.get_header("WARC-Target-URI")
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") or "") if headers else ""
    status = (headers.get_statuscode() or "200") if headers else "200"
    wanted = (not ctype or "html" in ctype.lower()) and status.startswith("2")
    body = record.content_stream().read(MAX_RECORD_BYTES + 1) if wanted else b""
    while record.raw_stream.read(_BLOCK):  # the rest, never held whole (a 2 GB video)
        pass
    complete = getattr(record.raw_stream, "limit", 0) == 0
    if len(body) > MAX_RECORD_BYTES:
        return TooLarge(f"page over the {MAX_RECORD_BYTES} byte limit", origin), complete
    if not body:
        return None, complete
    return RawDoc("html", origin, content=body, url=url), complete


def _damage_line(damage: str | None, problem: str | None, records: int, warned: int) -> str:
    parts = [p for p in (problem, damage) if p]
    if warned:
        parts.append(f"{warned} record(s) with a wrong length")
    if not parts:
        return ""
    if damage == "not a WARC archive" and records == 0:
        return f"{'; '.join(parts)}: nothing could be read"
    return f"damaged archive ({'; '.join(parts)}); {records} record(s) read before it"
