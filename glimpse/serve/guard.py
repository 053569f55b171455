"""The edge of the web app: odd paths are 404 and malformed query strings are 400, never 500.

Checked here, before any route or static-file lookup, so every endpoint gets the same rules:

- a path longer than :data:`MAX_PATH` characters, with a control character (NUL, ESC, DEL, …)
  once decoded, with a ``..`` or ``.`` segment, with broken percent-encoding (``%zz``) or with
  percent-encoded bytes that are not UTF-8 answers **404** (there is no such page);
- a query string longer than :data:`MAX_QUERY` bytes, with broken percent-encoding, bytes that
  are not UTF-8 or a control character in a name or value answers **400**.

Per-parameter rules (``page``, ``q``) are the views' job: see :func:`page_number` and
:func:`search_words`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, unquote_to_bytes

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from glimpse.serve.responses import NOT_FOUND_PAGE, ApiError, error_response

MAX_PATH = 1024
MAX_QUERY = 4096
MAX_PAGE = 1_000_000  # 20 million stories at 20 a page: far past any desk, far below SQLite's limit
MAX_SEARCH = 500  # characters of search text; FTS uses only the first 16 words anyway
_BAD_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")
_DIGITS = re.compile(r"[0-9]{1,16}")  # ASCII only: str.isdigit() accepts "²", which int() refuses


def _has_control(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def _decoded(raw: bytes) -> str | None:
    """``raw`` percent-decoded as strict UTF-8; None when the escapes or the bytes are broken."""
    if _BAD_ESCAPE.search(raw):
        return None
    try:
        return unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return None


def path_problem(raw_path: bytes) -> str | None:
    """Why ``raw_path`` names no page, or None when it is an ordinary path."""
    if len(raw_path) > MAX_PATH:
        return "no such page (the address is too long)"
    path = _decoded(raw_path)
    if path is None:
        return "no such page (the address is not valid percent-encoded UTF-8)"
    if _has_control(path):
        return "no such page (the address holds a control character)"
    if any(part in (".", "..") for part in path.split("/")):
        return "no such page"
    return None


def query_problem(raw_query: bytes) -> str | None:
    """Why ``raw_query`` is a bad query string, or None when every name and value is clean."""
    if len(raw_query) > MAX_QUERY:
        return f"the query string is longer than {MAX_QUERY} bytes"
    if _BAD_ESCAPE.search(raw_query):
        return "the query string has a broken percent-escape"
    try:
        text = raw_query.decode("ascii")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError):
        return "the query string is not valid UTF-8"
    for name, value in pairs:
        if _has_control(name) or _has_control(value):
            return f"query parameter {name!r} holds a control character"
    return None


class PathGuard:
    """ASGI middleware: answer odd paths with 404 and bad query strings with 400 up front."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
        problem = path_problem(raw_path)
        status, code = 404, "G001"
        if problem is None:
            problem = query_problem(scope.get("query_string", b""))
            status, code = 400, "G009"
        if problem is None:
            await self.app(scope, receive, send)
            return
        page = NOT_FOUND_PAGE if status == 404 else None
        response = error_response(Request(scope), status, problem, code, page)
        await response(scope, receive, send)


def page_number(request: Request) -> int:
    """The ``page`` parameter: ASCII digits, 1 to :data:`MAX_PAGE`; anything else is a 400."""
    raw = request.query_params.get("page", "1")
    if not _DIGITS.fullmatch(raw) or not 1 <= int(raw) <= MAX_PAGE:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        raise ApiError(
            400, f"page must be a whole number from 1 to {MAX_PAGE}, not {shown!r}", "G009"
        )
    return int(raw)


def search_words(request: Request) -> str:
    """The ``q`` parameter, trimmed; longer than :data:`MAX_SEARCH` characters is a 400."""
    query = request.query_params.get("q", "").strip()
    if len(query) > MAX_SEARCH:
        raise ApiError(400, f"search text must be at most {MAX_SEARCH} characters", "G008")
    return query
