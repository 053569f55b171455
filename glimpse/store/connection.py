"""Opening the SQLite database: path resolution, pragmas, the lock and transactions.

One :class:`Connection` wraps one ``sqlite3`` connection (through ``sqlite_utils.Database``)
opened with ``check_same_thread=False`` in autocommit mode; every use goes through a
re-entrant lock, so threads of one process take turns. Writers use ``BEGIN IMMEDIATE`` so
two processes (``glimpse watch`` and ``glimpse serve``) never deadlock on a lock upgrade, and
WAL mode lets readers in other processes go on while one writes.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from glimpse.errors import StoreError, WriteFailed
from glimpse.serialize import parse_iso

DEFAULT_DB = "glimpse.db"
ENV_VAR = "GLIMPSE_DB"
BUSY_TIMEOUT_MS = 10_000


def default_db_path(explicit: str | Path | None = None) -> Path:
    """The database: ``explicit`` (``--db``) > ``$GLIMPSE_DB`` > ``./glimpse.db``; a
    ``postgresql://`` URL comes back as a :class:`~glimpse.store.dialect.DatabaseUrl`."""
    from glimpse.store.dialect import database

    if explicit:
        return database(explicit)
    env = os.environ.get(ENV_VAR)
    return database(env) if env else Path(DEFAULT_DB)


def stamp(value: datetime | None) -> str | None:
    """A sortable UTC text form with fixed width (always microseconds): ``...T12:00:00.000000Z``.

    Naive datetimes are taken as UTC, like :func:`glimpse.serialize.iso` does.
    """
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    utc = value.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def unstamp(value: str | None) -> datetime | None:
    return parse_iso(value)


def now_stamp() -> str:
    return stamp(datetime.now(UTC)) or ""


MISSING_FOLDER = "the folder does not exist"
_WRITE_MESSAGES = {
    "database or disk is full": "disk full",
    "attempt to write a readonly database": "read-only database",
    "disk i/o error": "disk I/O error",
}
_WRITE_CODES = (  # sqlite3 error names (primary code first, extended ones start with it)
    ("SQLITE_FULL", "disk full"),
    ("SQLITE_READONLY", "read-only database"),
    ("SQLITE_IOERR", "disk I/O error"),
)


def store_error(
    exc: sqlite3.Error, path: str, *, opening: bool = False
) -> StoreError | WriteFailed:
    """An sqlite3 error as one clear error: WriteFailed (G019) when the disk or the file
    system refused a write — it stops the run — else StoreError (G015), saying why."""
    message = str(exc).strip()
    what = _write_problem(exc)
    if what == "disk full":
        return WriteFailed("cannot write: disk full", path)
    if what or "unable to open" in message:
        if Path(path).is_dir():
            return StoreError("cannot open database: this is a folder, not a database file", path)
        cause = folder_problem(Path(path).parent)
        if cause == MISSING_FOLDER:
            return StoreError(f"cannot open database ({cause})", path)
        if cause:
            verb = "cannot write" if what else "cannot open database"
            return WriteFailed(f"{verb} ({cause})", path)
    if what:
        return WriteFailed(f"cannot write: {what}", path)
    return StoreError(f"{'cannot open database' if opening else 'database error'}: {message}", path)


def _write_problem(exc: sqlite3.Error) -> str | None:
    known = _WRITE_MESSAGES.get(str(exc).strip().lower())
    if known:
        return known
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    return next((what for prefix, what in _WRITE_CODES if name.startswith(prefix)), None)


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be created in ``folder`` ("read-only file system", "permission
    denied", "no space left on device", "the folder does not exist"), or None if they can."""
    if not folder.is_dir():
        return MISSING_FOLDER
    try:
        _probe(folder)
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()
    return None


def _probe(folder: Path) -> None:
    """Create and remove a small file in ``folder`` (tests inject EROFS/ENOSPC here)."""
    fd, name = tempfile.mkstemp(prefix=".glimpse-probe-", dir=folder)
    try:
        os.write(fd, b"x")
    finally:
        os.close(fd)
        os.unlink(name)


class Connection:
    """A locked, autocommit connection with ``read()`` and ``write()`` transaction scopes."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            raw = sqlite3.connect(
                self.path,
                check_same_thread=False,
                isolation_level=None,
                timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, opening=True) from exc
        self.db = sqlite_utils.Database(raw, execute_plugins=False)
        self.conn: sqlite3.Connection = raw
        self.lock = threading.RLock()
        self._depth = 0
        try:
            self._setup()
        except BaseException:
            raw.close()
            raise

    def _setup(self) -> None:
        with self._errors(opening=True):
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.db.enable_wal()  # type: ignore[no-untyped-call]

    @contextmanager
    def _errors(self, opening: bool = False) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise store_error(exc, self.path, opening=opening) from exc

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it (any exception rolls back).

        Nested ``write()`` scopes join the outer transaction.
        """
        with self.lock, self._errors():
            if self._depth:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._depth = 0

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several reads (a deferred transaction, or the open one)."""
        with self.lock, self._errors():
            if self._depth or self.conn.in_transaction:
                yield self.conn
                return
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")

    def close(self) -> None:
        with self.lock:
            self.conn.close()
