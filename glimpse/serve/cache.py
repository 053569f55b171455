"""A small response cache for the web app, emptied whenever the database changes.

Pages are pure functions of the database, so a cached page stays right until the next write.
For SQLite the version is the size and modification time of the database and its WAL file: a
write by ``glimpse build`` or ``glimpse watch`` in another process changes it. A PostgreSQL
desk has no file to watch: its version is the ``desk_version`` counter every committed write
bumps (one indexed one-row read per request).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glimpse.store.pg import PgConnection

Version = tuple[int, ...]


def file_version(db_path: Path) -> Callable[[], Version]:
    """A cheap function whose value changes whenever ``db_path`` (or its WAL) is written."""
    paths = [str(db_path), f"{db_path}-wal"]

    def version() -> Version:
        out: list[int] = []
        for path in paths:
            try:
                st = os.stat(path)
            except OSError:
                out += [0, 0]
                continue
            out += [st.st_mtime_ns, st.st_size]
        return tuple(out)

    return version


class CounterVersion:
    """The PostgreSQL desk's write counter, read on a connection of its own (opened on the
    first call; it lives as long as the server)."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._conn: PgConnection | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Version:
        from glimpse.store.pg import PgConnection

        with self._lock:
            if self._conn is None:
                self._conn = PgConnection(self._url)
            return (self._conn.version(),)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def db_version(db: Path) -> Callable[[], Version]:
    """The cache signal of a database: its file's (SQLite) or its write counter (PostgreSQL)."""
    from glimpse.store.dialect import is_url

    return CounterVersion(str(db)) if is_url(db) else file_version(db)


class ResponseCache:
    """At most ``size`` answers (status, headers, body), all dropped when the version changes."""

    def __init__(self, version: Callable[[], Version], size: int = 2048) -> None:
        self._version_of = version
        self._version: Version | None = None
        self._size = size
        self._items: OrderedDict[str, tuple[int, dict[str, str], bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[int, dict[str, str], bytes] | None:
        version = self._version_of()
        with self._lock:
            if version != self._version:
                self._items.clear()
                self._version = version
                return None
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: str, item: tuple[int, dict[str, str], bytes]) -> None:
        with self._lock:
            self._items[key] = item
            while len(self._items) > self._size:
                self._items.popitem(last=False)
