"""The web app's response cache: a byte budget, least recently used out first, emptied whenever
the database changes (``glimpse serve --cache-mb``, default 32 MiB).

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


Item = tuple[int, dict[str, str], bytes]
DEFAULT_CACHE_BYTES = 32 * 1024 * 1024
ITEM_OVERHEAD = 512  # bytes counted per entry for the tuple, dict and key objects themselves


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


def item_bytes(key: str, item: Item) -> int:
    """What one entry costs against the budget: body, key, headers and a fixed overhead."""
    headers = sum(len(k) + len(v) for k, v in item[1].items())
    return len(item[2]) + len(key) + headers + ITEM_OVERHEAD


class ResponseCache:
    """Answers (status, headers, body) within ``max_bytes``, all dropped when the version changes.

    When a new answer does not fit, the least recently used answers are dropped until it does;
    an answer bigger than an eighth of the budget is not kept at all, so one huge page cannot
    empty the cache. (An OrderedDict and a byte counter: the stdlib and cachetools have no LRU
    sized by bytes that also clears on an external version.)
    """

    def __init__(
        self, version: Callable[[], Version], max_bytes: int = DEFAULT_CACHE_BYTES
    ) -> None:
        self._version_of = version
        self._version: Version | None = None
        self.max_bytes = max_bytes
        self.bytes = 0
        self._items: OrderedDict[str, tuple[Item, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: str) -> Item | None:
        version = self._version_of()
        with self._lock:
            if version != self._version:
                self._items.clear()
                self.bytes = 0
                self._version = version
                return None
            entry = self._items.get(key)
            if entry is None:
                return None
            self._items.move_to_end(key)
            return entry[0]

    def put(self, key: str, item: Item) -> None:
        cost = item_bytes(key, item)
        if cost > self.max_bytes // 8:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.bytes -= old[1]
            while self._items and self.bytes + cost > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self.bytes -= dropped
            self._items[key] = (item, cost)
            self.bytes += cost
