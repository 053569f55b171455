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

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from glimpse.sections import DeskOptions

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


def run_workers(
    db: Path | str,
    *,
    host: str,
    port: int,
    workers: int,
    desk: DeskOptions | None,
    cache_bytes: int,
) -> None:
    """Serve with ``workers`` processes until SIGINT/SIGTERM (uvicorn's supervisor)."""
    import uvicorn

    os.environ[SETTINGS_ENV] = worker_settings(db, desk, cache_bytes)
    uvicorn.run(FACTORY, factory=True, workers=workers, host=host, port=port, log_level="info")
