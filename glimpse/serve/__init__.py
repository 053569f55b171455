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
) -> None:
    """Serve the web UI and JSON API for ``db_path`` with uvicorn until stopped (Ctrl-C).

    ``cache_mb`` is the page cache's budget in MiB (0 turns the cache off).
    """
    import uvicorn

    from glimpse.store.dialect import database

    app = create_app(database(db_path), desk=desk, cache_bytes=int(cache_mb * 1024 * 1024))
    uvicorn.run(app, host=host, port=port, log_level="info")
