"""Responses of the web app: HTML pages, JSON, feeds, and the one JSON error shape.

Every JSON error is ``{"ok": false, "error": <reason>, "status": <HTTP status>, "code": "G0xx"}``.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from glimpse.errors import GlimpseError
from glimpse.publish.links import Links
from glimpse.publish.render import render

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
LINKS = Links("/", static=False)
NOT_FOUND_PAGE = "There is no page at this address: it may have moved, or the link may be mistyped."
HTTP_CODES = {400: "G009", 404: "G001", 405: "G009", 500: "G015"}


class ApiError(Exception):
    """An error answer: HTTP ``status``, stable ``code`` and a reason that says what to do.

    ``page`` is the same reason worded for a person reading the HTML error page (which links
    back to the front page); without it the HTML page shows ``reason``.
    """

    def __init__(self, status: int, reason: str, code: str, page: str | None = None) -> None:
        super().__init__(reason)
        self.status, self.reason, self.code = status, reason, code
        self.page = page


def error_body(status: int, reason: str, code: str) -> dict[str, Any]:
    return {"ok": False, "error": reason, "status": status, "code": code}


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*"}
    return Response(body, status, headers, media_type="application/json; charset=utf-8")


def html_response(template: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("links", LINKS)
    context.setdefault("q", "")
    context.setdefault("feeds", None)
    context.setdefault("api_url", None)
    headers = {**SECURITY_HEADERS, "Cache-Control": "no-cache"}
    return HTMLResponse(render(template, **context), http_status, headers)


def wants_json(request: Request) -> bool:
    """HTML for page paths; the JSON error shape for everything else (``.json``, feeds)."""
    last = request.url.path.rsplit("/", 1)[-1]
    return "." in last and not last.endswith(".html")


def error_response(
    request: Request, status: int, reason: str, code: str, page: str | None = None
) -> Response:
    """The JSON error shape for ``.json`` and feed paths, else the HTML error page."""
    if wants_json(request):
        return json_response(error_body(status, reason, code), status)
    title = {404: "Not found", 400: "Bad request"}.get(status, "Error")
    message = page or reason
    return html_response("error.html", status, page_title=title, status=status, message=message)


async def on_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.status, exc.reason, exc.code, exc.page)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    reason = "no such page" if status == 404 else str(exc.detail)
    code = HTTP_CODES.get(status, "G000")
    return error_response(request, status, reason, code, NOT_FOUND_PAGE if status == 404 else None)


async def on_server_error(request: Request, exc: Exception) -> Response:
    code = exc.code if isinstance(exc, GlimpseError) else "G015"
    return error_response(request, 500, "internal error; see the server log", code)
