"""Test-wide fixtures: unit tests never reach the network beyond 127.0.0.1."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tests._http import LocalServer

_real_connect = socket.socket.connect
_LOCAL = ("127.0.0.1", "localhost", "::1")


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    host = address[0] if isinstance(address, tuple) else address
    if (
        isinstance(host, str)
        and host not in _LOCAL
        and not host.startswith("127.")
        and "/" not in host
    ):
        raise RuntimeError(f"test tried to reach the network: {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _block_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    yield


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A running :class:`~tests._http.LocalServer` on 127.0.0.1; the test sets its routes."""
    with LocalServer() as server:
        yield server
