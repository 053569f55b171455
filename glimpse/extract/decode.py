"""Turn raw page bytes into text: BOM, then UTF-8, then the page's declared charset, then detection.

Binary payloads (images, PDFs, archives, anything with NUL bytes) raise :class:`BadEncoding`.
"""

from __future__ import annotations

import codecs
import re

from glimpse.errors import BadEncoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_html(data: bytes) -> str:
    """Decode page bytes to text, or raise :class:`BadEncoding` with the reason.

    Cascade: (1) a byte-order mark decides; (2) strict UTF-8, the web's default, also accepting a
    multi-byte character cut off by a truncated file; (3) the charset the page declares in a
    ``<meta>`` tag; (4) statistical detection (charset-normalizer); (5) windows-1252, the
    de-facto default of legacy Western pages, if the result does not look binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return check_text(data.decode(encoding, errors="replace"))
    _reject_binary(data)
    for attempt in (_utf8, _declared, _detected, _legacy):
        text = attempt(data)
        if text is not None:
            return check_text(text)
    raise BadEncoding("undecodable bytes: no character encoding fits")


def check_text(text: str) -> str:
    """Reject text that is really binary data (many control characters)."""
    sample = text[:20_000]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise BadEncoding("binary data, not text (control characters in the content)")
    return text


def _reject_binary(data: bytes) -> None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BadEncoding(f"binary data, not HTML: looks like {what}")
    if b"\x00" in data[:8192]:
        raise BadEncoding("binary data, not text (NUL bytes)")


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
            return data[: err.start].decode("utf-8")  # a truncated file cut a character in two
        return None


def _declared(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if match is None:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


_WESTERN = frozenset(["cp1252", "latin_1", "iso8859_15"])


def _detected(data: bytes) -> str | None:
    """Statistical detection; among equally good guesses windows-1252 wins (the web's legacy
    default, which single-byte detectors often cannot tell from cp1250 or cp1257)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[:200_000]))
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    tied = [m.encoding for m in matches if m.chaos <= best + 0.01]
    encoding = "cp1252" if _WESTERN.intersection(tied) else tied[0]
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _legacy(data: bytes) -> str | None:
    return data.decode("cp1252", errors="replace")
