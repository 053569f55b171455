"""The web UI and JSON API: ``create_app(db_path)`` for ASGI servers, ``serve()`` to run one."""

from __future__ import annotations

from pathlib import Path

from glimpse.sections import DeskOptions
from glimpse.serve.app import create_app, make_app

__all__ = ["create_app", "make_app", "serve"]


def serve(
    db_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    desk: DeskOptions | None = None,
    cache_mb: float = 32.0,
    workers: int = 1,
) -> None:
    """Serve the web UI and JSON API for ``db_path`` with uvicorn until stopped (Ctrl-C).

    ``cache_mb`` is the page cache's budget in MiB (0 turns the cache off), per process;
    ``workers`` > 1 runs that many server processes on the port (:mod:`glimpse.serve.workers`).
    """
    import uvicorn

    from glimpse.store.dialect import database

    cache_bytes = int(cache_mb * 1024 * 1024)
    if workers > 1:
        from glimpse.serve.workers import run_workers

        run_workers(
            database(db_path),
            host=host,
            port=port,
            workers=workers,
            desk=desk,
            cache_bytes=cache_bytes,
        )
        return
    app = create_app(database(db_path), desk=desk, cache_bytes=cache_bytes)
    uvicorn.run(app, host=host, port=port, log_level="info")
