"""The PostgreSQL connection: the same ``read()``/``write()`` scopes as the SQLite one.

Several processes (``watch`` workers, ``serve``, an editor's tools) share one database, so
writes are serialized the way SQLite serializes them: every write transaction first takes a
transaction-scoped advisory lock (:data:`WRITE_KEY`), then checks and inserts (an article
seen by two workers is stored once, a brief version number is taken once). Story assignment
holds a second lock (:data:`ASSIGN_KEY`) from reading the unclustered articles and the
clusterer's state to saving the assignments, so two workers never cluster the same articles
against different states (which would split a story). Read scopes are read-only
``REPEATABLE READ`` snapshots. Every committed write bumps ``desk_version`` — the signal that
tells ``serve``'s page cache the desk changed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import pq

from glimpse.errors import StoreError, WriteFailed
from glimpse.store.dialect import pg_sql

WRITE_KEY = 0x676C_0001  # "gl" 1: any write transaction
ASSIGN_KEY = 0x676C_0002  # "gl" 2: story assignment, from reading state to saving it
CONNECT_TIMEOUT_S = 10


def redact(url: str) -> str:
    """The URL without its password, for error messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}"))


def store_error(exc: psycopg.Error, url: str, *, opening: bool = False) -> StoreError | WriteFailed:
    """A psycopg error as G015, or G019 (WriteFailed) when the server's disk is full."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, psycopg.errors.DiskFull):
        return WriteFailed("cannot write: disk full", redact(url))
    verb = "cannot open database" if opening else "database error"
    return StoreError(f"{verb}: {message}", redact(url))


class Rows:
    """A statement's rows, read in full: what the query modules use of a cursor."""

    __slots__ = ("_next", "_rows", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows, self._next, self.rowcount = rows, 0, rowcount

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rest, self._next = self._rows[self._next :], len(self._rows)
        return rest

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConn:
    """A psycopg connection that takes the SQLite parameter style (see :func:`pg_sql`).

    Statements run on one cursor, kept: a new cursor per statement (psycopg's
    ``Connection.execute``) cost a quarter of the client CPU of a primary-key lookup. Its
    rows are read in full before the next statement (:class:`Rows`), so a caller may hold
    one statement's rows while it runs another.
    """

    dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw
        self._cursor = raw.cursor()

    def execute(self, sql: str, parameters: Any = None, /) -> Rows:
        cursor = self._cursor
        cursor.execute(pg_sql(sql), parameters if parameters is not None else ())
        result = cursor.pgresult  # not ``description``: it builds a Column per column
        rows = cursor.fetchall() if result and result.status == pq.ExecStatus.TUPLES_OK else []
        return Rows(rows, cursor.rowcount)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        cursor = self.raw.cursor()
        cursor.executemany(pg_sql(sql), list(parameters))
        return cursor


class PgConnection:
    """A locked, autocommit psycopg connection with ``read()``/``write()`` like SQLite's."""

    def __init__(self, url: str) -> None:
        self.path = url
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise store_error(exc, url, opening=True) from exc
        self.raw = raw
        self.conn = PgConn(raw)
        self.lock = threading.RLock()
        self.versioned = False  # set once the desk_version table exists (after migrating)
        self._depth = 0
        self._write_locked = False

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise store_error(exc, self.path) from exc

    def _control(self, statement: bytes) -> None:
        """BEGIN, COMMIT or ROLLBACK straight through libpq (it releases the GIL as psycopg
        does): psycopg's cursor path costs ~0.05 ms of Python per statement, as much as the
        round trip, and each page reads in one transaction, so it paid that twice."""
        result = self.raw.pgconn.exec_(statement)
        if result.status != pq.ExecStatus.COMMAND_OK:
            raise psycopg.errors.error_from_result(result, encoding=self.raw.info.encoding)

    @contextmanager
    def _transaction(self, begin: bytes, key: int | None) -> Iterator[PgConn]:
        with self.lock, self._errors():
            self._control(begin)
            self._depth, self._write_locked = 1, False
            try:
                if key is not None:
                    self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
                    self._write_locked = key == WRITE_KEY
                yield self.conn
                if self._write_locked and self.versioned:
                    self.raw.execute("UPDATE desk_version SET n = n + 1 WHERE id = 1")
            except BaseException:
                self._control(b"ROLLBACK")
                raise
            else:
                self._control(b"COMMIT")
            finally:
                self._depth, self._write_locked = 0, False

    @contextmanager
    def write(self) -> Iterator[PgConn]:
        """One write transaction under the write lock; nested scopes join the outer one."""
        with self.lock, self._errors():
            if self._depth:
                if not self._write_locked:  # inside assign(): take the write lock now
                    self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_KEY,))
                    self._write_locked = True
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
        with self._transaction(b"BEGIN", WRITE_KEY) as conn:
            yield conn

    @contextmanager
    def assigning(self) -> Iterator[PgConn]:
        """A transaction holding the assignment lock; reads inside see every committed
        assignment (READ COMMITTED after the lock), writes inside take the write lock."""
        if self._depth:
            raise StoreError("story assignment cannot start inside another transaction", "")
        with self._transaction(b"BEGIN", ASSIGN_KEY) as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[PgConn]:
        """A consistent read-only snapshot (or the open transaction)."""
        with self.lock, self._errors():
            if self._depth:
                yield self.conn
                return
        with self._transaction(b"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", None) as conn:
            yield conn

    def version(self) -> int:
        """The desk's write counter (0 before the first write). Outside a transaction it is
        one autocommit statement (its own snapshot): ``serve``'s page cache reads it on every
        request, and a BEGIN/COMMIT around it would triple the round trips."""
        with self.lock, self._errors():
            row = self.conn.execute("SELECT n FROM desk_version WHERE id = 1").fetchone()
            return int(row[0]) if row else 0

    def close(self) -> None:
        with self.lock:
            self.raw.close()
