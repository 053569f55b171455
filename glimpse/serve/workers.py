"""``glimpse serve --workers N``: N server processes answering on one port.

One process renders one page at a time (a page is CPU work under the GIL), so a desk on a
machine with several cores serves more readers with several processes. uvicorn's supervisor
binds the socket once, starts the workers (``spawn``: fresh interpreters that import the app by
name and call :func:`app_from_env`), restarts a worker that dies, and stops them all on SIGINT
or SIGTERM. Nothing is shared between workers but the database: each opens its own store and
keeps its own page cache, which it empties on the same signal as a single server (the SQLite
file's size and time, PostgreSQL's ``desk_version`` counter), so a write shows up in every
worker on its next request.
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import json
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette

from glimpse.sections import DeskOptions

if TYPE_CHECKING:
    import uvicorn

#: The environment variable the supervisor hands each worker its settings in (JSON): workers
#: are new interpreters, and uvicorn passes them an import string, not an app object.
SETTINGS_ENV = "GLIMPSE_SERVE_WORKER_SETTINGS"
#: What uvicorn imports in each worker (with ``factory=True``).
FACTORY = "glimpse.serve.workers:app_from_env"


def worker_settings(db: Path | str, desk: DeskOptions | None, cache_bytes: int) -> str:
    """The JSON a worker builds its app from (see :func:`app_from_env`)."""
    doc = {
        "db": str(db),
        "desk": dataclasses.asdict(desk or DeskOptions()),
        "cache_bytes": cache_bytes,
    }
    return json.dumps(doc, ensure_ascii=False)


def app_from_settings(text: str) -> Starlette:
    """The app a worker serves, from :func:`worker_settings`' JSON."""
    from glimpse.serve.app import create_app
    from glimpse.store.dialect import database

    doc: dict[str, Any] = json.loads(text)
    desk = DeskOptions(
        sections={k: tuple(v) for k, v in doc["desk"]["sections"].items()},
        home_places=tuple(doc["desk"]["home_places"]),
    )
    cache_bytes = int(doc["cache_bytes"])
    return create_app(
        database(doc["db"]), cache=cache_bytes > 0, cache_bytes=cache_bytes, desk=desk
    )


def app_from_env() -> Starlette:
    """uvicorn's app factory in each worker process: the settings the supervisor exported."""
    return app_from_settings(os.environ[SETTINGS_ENV])


def shared_socket(config: uvicorn.Config) -> socket.socket:
    """The listening socket uvicorn binds for its workers, marked as TCP (see
    :func:`run_workers`): asyncio turns ``TCP_NODELAY`` on only for sockets that say so."""
    bound = config.bind_socket()
    if bound.family not in (socket.AF_INET, socket.AF_INET6):
        return bound
    sock = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    sock.set_inheritable(True)
    return sock


def run_workers(
    db: Path | str,
    *,
    host: str,
    port: int,
    workers: int,
    desk: DeskOptions | None,
    cache_bytes: int,
    log_level: str = "info",
    access_log: bool = True,
) -> None:
    """Serve with ``workers`` processes until SIGINT/SIGTERM (uvicorn's supervisor).

    This is what ``uvicorn.run(FACTORY, factory=True, workers=N)`` does, with one change:
    uvicorn binds the shared socket without ``IPPROTO_TCP``, asyncio then leaves Nagle's
    algorithm on for every connection, and each keep-alive response after the first waits
    ~40 ms for the client's delayed ACK (uvicorn issue #3149, measured here: one uncached
    page 5 ms with one process, 52 ms with two). The socket is re-made with the protocol
    set, so the workers' connections get ``TCP_NODELAY`` as a single server's do.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ[SETTINGS_ENV] = worker_settings(db, desk, cache_bytes)
    config = uvicorn.Config(
        FACTORY,
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        access_log=access_log,
    )
    sock = shared_socket(config)
    extra: dict[str, Any] = {}
    if "target" in inspect.signature(Multiprocess).parameters:  # older uvicorn releases
        extra["target"] = uvicorn.Server(config).run
    with contextlib.suppress(KeyboardInterrupt):  # as uvicorn.run: Ctrl-C is the way to stop
        Multiprocess(config, sockets=[sock], **extra).run()
