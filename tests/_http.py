"""A small HTTP server on 127.0.0.1 for tests: a dict of path → reply, and what was asked.

    with LocalServer() as srv:
        srv.routes["/feed.xml"] = Reply(200, {"Content-Type": "application/rss+xml"}, body)
        srv.routes["/flaky"] = lambda request: Reply(503) if srv.hits["/flaky"] == 1 else ...
        fetch(srv.url("/feed.xml"))
        srv.hits["/feed.xml"], srv.requests[-1].headers   # requests seen, the last one asked

A route is a :class:`Reply` (or a plain ``(status, headers, body)`` tuple), or a function of
the :class:`Request` that returns one; a function that returns None sends nothing (the
connection closes unanswered: a host that hangs). Unknown paths are 404. GET and POST are
served; a ``Content-Length`` is added unless the reply sets one. The ``http_server`` fixture
(tests/conftest.py) yields a running one.

The standard library's server rather than a package (pytest-httpserver): every test here needs
only fixed answers and a few request-dependent ones, and tests/hostile/server.py needs the raw
socket for dripping and lying. Both are a :class:`ServerLife`.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, NamedTuple, Self


class Reply(NamedTuple):
    """An answer: status, headers, body."""

    status: int = 200
    headers: Mapping[str, str] = {}
    body: bytes = b""


@dataclass(frozen=True)
class Request:
    """What a client sent: ``path`` keeps its query string."""

    method: str
    path: str
    headers: Message
    body: bytes


Route = Reply | tuple[int, Mapping[str, str], bytes] | Callable[[Request], Reply | None]
NOT_FOUND = Reply(404, {"Content-Type": "text/plain"}, b"not found")


class ServerLife:
    """A test server's life and address. Entering serves the class's ``handler`` (whose
    ``server_owner`` is this object) on a free 127.0.0.1 port in a daemon thread; leaving shuts
    it down."""

    handler: ClassVar[type[BaseHTTPRequestHandler]]
    _httpd: ThreadingHTTPServer | None = None

    def __enter__(self) -> Self:
        bound = type(self.handler.__name__, (self.handler,), {"server_owner": self})
        self._httpd = httpd = ThreadingHTTPServer(("127.0.0.1", 0), bound)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "the server is not running"
        return int(self._httpd.server_address[1])

    @property
    def base(self) -> str:
        """``http://127.0.0.1:PORT``"""
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class LocalServer(ServerLife):
    """Serves ``routes`` (path without query → :data:`Route`); counts ``hits`` per path and keeps
    every :class:`Request` in ``requests``. Use as a context manager."""

    def __init__(self, routes: Mapping[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.hits: Counter[str] = Counter()
        self.requests: list[Request] = []
        self._lock = threading.Lock()

    def reply(self, request: Request) -> Reply | None:
        """Count ``request`` and find its answer."""
        path = request.path.split("?", 1)[0]
        with self._lock:
            self.hits[path] += 1
            self.requests.append(request)
        route = self.routes.get(path, NOT_FOUND)
        return route(request) if callable(route) else Reply(*route)


class _Handler(BaseHTTPRequestHandler):
    server_owner: LocalServer

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        reply = self.server_owner.reply(Request(self.command, self.path, self.headers, body))
        if reply is None:
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if not any(name.lower() == "content-length" for name in reply.headers):
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)

    def log_message(self, *args: Any) -> None:
        return


LocalServer.handler = _Handler
