"""The socket layer under httpx: connect only to checked addresses, and a total deadline.

httpx timeouts bound each read, so a server that drips one byte a second never trips them.
httpcore lets us supply the network backend; ours

- resolves the host itself, refuses addresses the :class:`AddressPolicy` forbids and connects
  to the very address it checked, so a DNS answer that changes between the check and the
  connect (DNS rebinding) cannot move a request onto a local service;
- bounds every connect, TLS handshake, read and write by the deadline of the request in
  progress (a context variable set by the fetcher), so headers dripping in are cut off as
  surely as a dripping body.

Not covered: requests sent through a proxy from the environment (``HTTP_PROXY`` ...) use
httpx's proxy transport; there the URL is still checked before the request, but the proxy
resolves the name. getaddrinfo itself is not bounded by the deadline.
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

from glimpse.ingest.address import AddressPolicy

_DEADLINE: ContextVar[float | None] = ContextVar("glimpse_fetch_deadline", default=None)


@contextmanager
def deadline_of(seconds: float) -> Iterator[float]:
    """Every socket operation inside ends by ``seconds`` from now; yields the monotonic end."""
    end = time.monotonic() + seconds
    token = _DEADLINE.set(end)
    try:
        yield end
    finally:
        _DEADLINE.reset(token)


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    end = _DEADLINE.get()
    if end is None:
        return timeout
    left = end - time.monotonic()
    if left <= 0:
        raise error("deadline passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connected stream whose every operation is cut at the current request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """Connects to the addresses the policy allows for this host, never re-resolving."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self.policy.connect_addresses(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for ip in addresses:
            bounded = _bounded(timeout, httpcore.ConnectTimeout)
            try:
                stream = super().connect_tcp(str(ip), port, bounded, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return DeadlineStream(stream)
        raise failure


def guarded_transport(policy: AddressPolicy) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through :class:`GuardedBackend`.

    httpx (0.27, 0.28) has no public hook for httpcore's network backend, so the transport's
    pool is replaced by one built with it; tests/hostile checks that the guard is in the path.
    """
    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        max_connections=100,
        max_keepalive_connections=20,
        keepalive_expiry=5.0,
        network_backend=GuardedBackend(policy),
    )
    return transport
