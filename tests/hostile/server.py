"""A hostile HTTP server on 127.0.0.1 for tests: it drips, stalls, redirects, lies about
sizes and serves huge or hostile documents. Routes are set per test::

    with HostileServer() as srv:
        srv.route("/page", Route(body=b"x" * 100, drip=0.2))
        srv.route("/go", redirect("http://localhost:1/secret"))
        fetch(srv.url("/page"))
        srv.hits["/page"], srv.sent["/page"]   # requests seen, body bytes written

The server's life (a free port, a daemon thread, the shutdown) is
:class:`tests._http.ServerLife`, shared with the plain :class:`tests._http.LocalServer`. A route is answered with HTTP/1.0 (the connection closes after each answer). Unknown paths
are 404. Handler threads are daemons and stop writing when the server shuts down.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests._http import ServerLife

#: a body given lazily, chunk by chunk (huge documents are never held in memory)
Chunks = Callable[[], Iterator[bytes]]


@dataclass(frozen=True)
class Route:
    """How one path answers.

    ``drip`` seconds between bytes of the body; ``drip_headers`` drips the status line and
    headers too. ``stall`` seconds before anything is written. ``content_length`` overrides the
    header (a lie); None sends the true length, -1 sends none. ``chunks`` replaces ``body``
    with a generator (for huge documents). ``handler`` takes over the whole request.
    """

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    drip: float = 0.0
    drip_headers: bool = False
    stall: float = 0.0
    content_length: int | None = None
    chunks: Chunks | None = None
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


def redirect(location: str, status: int = 302) -> Route:
    return Route(status=status, headers=(("Location", location),), content_length=0)


def repeated(head: bytes, filler: bytes, total: int) -> Chunks:
    """``head`` then ``filler`` repeated up to ``total`` bytes, produced 64 KiB at a time."""

    def chunks() -> Iterator[bytes]:
        yield head
        block = filler * max(1, 65536 // len(filler))
        left = total - len(head)
        while left > 0:
            piece = block[:left]
            left -= len(piece)
            yield piece

    return chunks


@dataclass
class HostileServer(ServerLife):
    """The server; use as a context manager. ``base`` is ``http://127.0.0.1:PORT``."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    sent: Counter[str] = field(default_factory=Counter)
    stopping: threading.Event = field(default_factory=threading.Event)

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()  # before the shutdown: dripping handlers stop writing
        super().__exit__(*exc)

    def route(self, path: str, route: Route) -> None:
        self.routes[path] = route


class _Handler(BaseHTTPRequestHandler):
    server_owner: HostileServer

    def do_GET(self) -> None:
        owner = self.server_owner
        path = self.path.split("?")[0]
        owner.hits[path] += 1
        route = owner.routes.get(path, Route(status=404, body=b"not found"))
        try:
            self._answer(route, path)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return  # the client gave up, as it should

    def _answer(self, route: Route, path: str) -> None:
        if route.handler is not None:
            route.handler(self)
            return
        if route.stall and self._wait(route.stall):
            return
        self._write(self._head(route), route.drip if route.drip_headers else 0.0, None)
        chunks = route.chunks() if route.chunks else iter([route.body])
        for chunk in chunks:
            if self._write(chunk, route.drip, path):
                return

    def _head(self, route: Route) -> bytes:
        length = len(route.body) if route.content_length is None else route.content_length
        lines = [f"HTTP/1.0 {route.status} X", f"Content-Type: {route.content_type}"]
        if route.content_length != -1 and route.chunks is None:
            lines.append(f"Content-Length: {length}")
        lines += [f"{k}: {v}" for k, v in route.headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _write(self, data: bytes, drip: float, path: str | None) -> bool:
        """Write ``data`` (byte by byte when dripping); True when the server is stopping."""
        owner = self.server_owner
        pieces = [data[i : i + 1] for i in range(len(data))] if drip else [data]
        for piece in pieces:
            if owner.stopping.is_set() or (drip and self._wait(drip)):
                return True
            self.wfile.write(piece)
            if path is not None:
                owner.sent[path] += len(piece)
        return False

    def _wait(self, seconds: float) -> bool:
        return self.server_owner.stopping.wait(seconds)

    def log_message(self, *args: Any) -> None:
        return


HostileServer.handler = _Handler


def wait_until(check: Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll ``check`` until true or ``timeout`` seconds passed."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return check()
