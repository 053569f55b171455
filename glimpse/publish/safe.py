"""What may leave glimpse in a page or a feed: links that are http(s) only, text that is valid XML
and cannot turn the rest of a page around.

Every URL that came from an article goes through :func:`link_url` before it becomes an ``href``;
every text written to HTML or a feed goes through :func:`clean_text`. Ingest removes control
characters too, but this is the output guarantee: whatever the database holds, the pages and feeds
stay valid.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

#: Characters XML 1.0 does not allow at all (C0 controls but tab/newline/return, lone surrogates,
#: U+FFFE/U+FFFF); one of them makes a whole feed unreadable.
_XML_ILLEGAL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
#: Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): a headline holding
#: U+202E would otherwise reverse what follows it on the page.
_BIDI_CHARS = "\u202a-\u202e\u2066-\u2069"
#: Both sets in one class: every text printed on a page passes here, so one scan, not two.
_UNSAFE_TEXT = re.compile(f"[{_XML_ILLEGAL_CHARS}{_BIDI_CHARS}]")
#: What a browser strips from a URL before reading its scheme (WHATWG URL: leading and trailing
#: C0 controls and spaces, and tabs/newlines anywhere), so ``" java\tscript:"`` is ``javascript:``.
_URL_EDGES = "".join(chr(c) for c in range(0x21))
_URL_INNER = re.compile("[\t\n\r]")
LINK_SCHEMES = frozenset({"http", "https"})


def clean_text(text: str) -> str:
    """``text`` without XML-illegal characters and bidi controls (valid in HTML, XML and JSON)."""
    # Every unsafe character is a control, surrogate, format or unassigned code point, none of
    # which str.isprintable() accepts: a printable text (nearly all) skips the regex scan.
    if text.isprintable():
        return text
    return _UNSAFE_TEXT.sub("", text)


def link_url(url: object) -> str | None:
    """``url`` as a safe ``href`` if it is an absolute http(s) URL with a host, else None.

    ``javascript:``, ``JaVaScRiPt:``, ``" \\x01javascript:"``, ``data:``, ``vbscript:``,
    scheme-relative ``//host`` and relative paths are not links: callers show them as text.
    """
    if not isinstance(url, str):
        return None
    return _remembered_link(url) if len(url) <= _REMEMBERED_URL else _link_url(url)


#: A page prints the same few source URLs many times (evidence, sources, coverage, timeline):
#: about 20 checks per story page, each a urlsplit. The check is a pure function of the string,
#: so ordinary URLs are remembered (a few MB at most); an overlong one is checked every time.
_REMEMBERED_URL = 2048


def _link_url(url: str) -> str | None:
    cleaned = _URL_INNER.sub("", url.strip(_URL_EDGES))
    if _UNSAFE_TEXT.search(cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
        return None
    return cleaned


_remembered_link = lru_cache(maxsize=4096)(_link_url)
