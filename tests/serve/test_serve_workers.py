"""``glimpse serve --workers N``: several server processes on one port, through the real CLI."""

from __future__ import annotations

import signal
import socket
from pathlib import Path

import pytest
import uvicorn

from glimpse.publish.sample import fill_store
from glimpse.sections import DeskOptions, options_key
from glimpse.serve.testing import free_port
from glimpse.serve.workers import app_from_settings, shared_socket, worker_settings
from glimpse.store import Store
from tests.serve.workers_support import every_worker_follows_a_new_brief, serving, stop


@pytest.fixture
def desk_db(tmp_path: Path) -> Path:
    db = tmp_path / "desk.db"
    with Store(db) as store:
        fill_store(store, 6)
        store.refresh_desk()
    return db


def test_two_workers_answer_and_each_sees_a_write_made_after_it_cached_the_page(
    desk_db: Path,
) -> None:
    every_worker_follows_a_new_brief(desk_db, workers=2)


def test_ctrl_c_stops_every_worker(desk_db: Path) -> None:
    with serving(desk_db, workers=2) as server:
        assert stop(server, signal.SIGINT) == []
        assert server.proc.returncode is not None


def test_a_worker_builds_the_app_the_supervisor_was_given(desk_db: Path) -> None:
    desk = DeskOptions(sections={"Ports": ["harbour", "bridge"]}, home_places=["Lisbon"])
    app = app_from_settings(worker_settings(desk_db, desk, cache_bytes=0))
    assert app.state.cache is None  # --cache-mb 0 holds in every worker
    cached = app_from_settings(worker_settings(desk_db, desk, cache_bytes=4096))
    assert cached.state.cache is not None and cached.state.cache.max_bytes == 4096
    rebuilt = app_from_settings(worker_settings(desk_db, desk, cache_bytes=0))
    assert options_key(rebuilt.state.desk) == options_key(desk)


def test_the_workers_socket_is_marked_tcp_so_connections_get_no_delay() -> None:
    # uvicorn binds it with proto 0; asyncio then leaves Nagle on and each keep-alive answer
    # waits ~40 ms for a delayed ACK (uvicorn #3149)
    config = uvicorn.Config(
        "glimpse.serve.workers:app_from_env", host="127.0.0.1", port=free_port()
    )
    sock = shared_socket(config)
    try:
        assert sock.proto == socket.IPPROTO_TCP and sock.get_inheritable()
    finally:
        sock.close()
