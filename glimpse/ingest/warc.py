"""WARC web archives (warcio): every HTML ``response`` record becomes one document."""

from __future__ import annotations

import io
from collections.abc import Iterator

from glimpse.errors import SkipRecord
from glimpse.ingest.sources import RawDoc


def iter_warc(data: bytes, name: str) -> Iterator[RawDoc | SkipRecord]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            ctype = (
                (record.http_headers.get_header("Content-Type") or "")
                if record.http_headers
                else ""
            )
            if ctype and "html" not in ctype.lower():
                continue
            body = record.content_stream().read()
            yield RawDoc("html", f"{name}#{number}", content=body, url=url)
    except (ArchiveLoadFailed, ValueError, OSError) as exc:
        yield SkipRecord(f"broken WARC archive ({exc})", name)
    except (AttributeError, IndexError, KeyError) as exc:  # warcio trips on some truncated headers
        yield SkipRecord(f"broken WARC archive ({exc.__class__.__name__})", name)
