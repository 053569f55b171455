"""A throwaway PostgreSQL server for the tests: ``initdb`` + ``pg_ctl`` on a Unix socket.

PostgreSQL refuses to run as root (CI runs as root), so as root the server runs as the
``postgres`` user, created when missing. The data and socket folder is a short path under
/tmp (a Unix socket path must stay under ~100 bytes; pytest's tmp_path is too long). A
missing ``initdb`` is an error, never a skip: ``make test`` installs Debian's ``postgresql``.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from glimpse.store import Store

USER = "postgres"
PORT = 5432
_BIN_DIRS = ("/usr/local/bin", *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True))
_counter = itertools.count(1)


def _tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for d in _BIN_DIRS if (p := Path(d) / name).is_file()), None
    )
    if found is None:
        pytest.fail(f"{name} not found: install PostgreSQL (make test installs it)")
    return found


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    if subprocess.run(["id", "-u", USER], capture_output=True).returncode != 0:
        subprocess.run(["useradd", "--system", "--no-create-home", USER], check=True)
    return ["runuser", "-u", USER, "--", *argv]


@dataclass(frozen=True)
class PgServer:
    folder: Path

    @property
    def admin_url(self) -> str:
        return f"postgresql://{USER}@/postgres?host={self.folder}&port={PORT}"

    def url(self, name: str) -> str:
        return f"postgresql://{USER}@/{name}?host={self.folder}&port={PORT}"

    def new_database(self, *, migrated: bool = True) -> str:
        """A fresh database's URL: a copy of one the store has migrated (fast), or empty."""
        name = f"t{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            template = "TEMPLATE migrated" if migrated else ""
            conn.execute(f'CREATE DATABASE "{name}" {template}')
        return self.url(name)


def start_server() -> Iterator[PgServer]:
    folder = Path(tempfile.mkdtemp(prefix="gpg-", dir="/tmp"))
    data = folder / "data"
    if os.geteuid() == 0:
        _as_server_user(["true"])  # creates the user when missing
        shutil.chown(folder, USER)
    init = [_tool("initdb"), "-D", str(data), "-U", USER, "--auth=trust", "--no-sync"]
    subprocess.run(
        _as_server_user([*init, "--encoding=UTF8", "--locale=C.UTF-8"]),
        check=True,
        capture_output=True,
    )
    options = (
        f"-k {folder} -p {PORT} -c listen_addresses='' -c fsync=off"
        " -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
    )
    ctl = _tool("pg_ctl")
    log = folder / "server.log"
    started = subprocess.run(
        _as_server_user([ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
        capture_output=True,
        text=True,
    )
    if started.returncode != 0:
        detail = log.read_text() if log.exists() else started.stderr
        pytest.fail(f"PostgreSQL did not start: {detail[-2000:]}")
    try:
        server = PgServer(folder)
        with psycopg.connect(server.admin_url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE migrated")
        Store(server.url("migrated")).close()
        yield server
    finally:
        subprocess.run(
            _as_server_user([ctl, "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    yield from start_server()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    return pg_server.new_database()
