"""Driving ``glimpse serve --workers N`` through the real CLI (SQLite and PostgreSQL tests).

Which worker answered is read from the kernel, not from the app: each test connection's
server-side socket is found in /proc among the file descriptors of one worker process.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from glimpse.serve.testing import free_port
from glimpse.store import Store

START_TIMEOUT = 90.0  # two fresh interpreters import glimpse: slow on a loaded 2-core machine
STOP_TIMEOUT = 30.0


@dataclasses.dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int

    def workers(self) -> list[int]:
        """The worker processes: children of the supervisor running multiprocessing's spawn
        (its resource tracker is a child too, and is not a worker)."""
        return [pid for pid in _children(self.proc.pid) if b"spawn_main" in _cmdline(pid)]


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    """Running (a zombie, or a reaped pid, is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _socket_inodes(pid: int) -> set[int]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def _server_side_inode(server_port: int, client_port: int) -> int | None:
    """The inode of the server's end of the connection from ``client_port`` (/proc/net/tcp)."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if int(local.split(":")[1], 16) == server_port and int(remote.split(":")[1], 16) == (
            client_port
        ):
            return int(fields[9])
    return None


class Client:
    """One keep-alive HTTP/1.1 connection (so every request on it reaches the same worker)."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.file = self.sock.makefile("rb")

    def get(self, path: str) -> tuple[int, str]:
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        status = int(self.file.readline().split()[1])
        length = 0
        while (line := self.file.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, self.file.read(length).decode("utf-8")

    def worker(self, server: Server) -> int | None:
        """The worker process holding the other end of this connection."""
        inode = _server_side_inode(server.port, self.sock.getsockname()[1])
        return next((w for w in server.workers() if inode in _socket_inodes(w)), None)

    def close(self) -> None:
        self.file.close()
        self.sock.close()


@contextmanager
def serving(db: Path | str, workers: int) -> Iterator[Server]:
    port = free_port()
    argv = [sys.executable, "-m", "glimpse", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen(
        [*argv, "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own: the safety net below kills it
    )
    server = Server(proc, port)
    try:
        _wait_until_answering(server, workers)
        yield server
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # only when a test failed before stopping it
            proc.wait(STOP_TIMEOUT)
        if proc.stderr is not None:
            proc.stderr.close()


def _wait_until_answering(server: Server, workers: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            err = server.proc.stderr.read().decode() if server.proc.stderr else ""
            raise AssertionError(f"glimpse serve exited: {err}")
        if len(server.workers()) == workers:
            try:
                client = Client(server.port)
                try:
                    if client.get("/")[0] == 200:
                        return
                finally:
                    client.close()
            except OSError:
                pass
        time.sleep(0.2)
    raise AssertionError("glimpse serve --workers did not answer in time")


def one_client_per_worker(server: Server, workers: int, tries: int = 200) -> dict[int, Client]:
    """Open connections until every worker holds one (the kernel hands each new connection
    to whichever worker accepts it first)."""
    pinned: dict[int, Client] = {}
    for _ in range(tries):
        client = Client(server.port)
        assert client.get("/")[0] == 200
        worker = client.worker(server)
        if worker is not None and worker not in pinned:
            pinned[worker] = client
            if len(pinned) == workers:
                return pinned
        else:
            client.close()
    raise AssertionError(f"only {len(pinned)} of {workers} workers took a connection")


def stop(server: Server, signum: signal.Signals) -> list[int]:
    workers = server.workers()
    server.proc.send_signal(signum)
    server.proc.wait(STOP_TIMEOUT)
    deadline = time.monotonic() + STOP_TIMEOUT
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [w for w in workers if _alive(w)]


def every_worker_follows_a_new_brief(db: Path | str, workers: int) -> None:
    """Serve ``db`` with ``workers`` processes, have each render (and cache) a story page, save
    a new brief version as ``glimpse build`` does, and check that every worker serves it; then
    SIGTERM must stop them all."""
    with Store(db) as store:
        story = store.list_stories(limit=1)[0].story
        brief = store.brief(story)
    assert brief is not None
    with serving(db, workers=workers) as server:
        assert len(server.workers()) == workers
        pinned = one_client_per_worker(server, workers)
        for client in pinned.values():  # each worker renders and caches the page
            status, page = client.get(f"/stories/{story}")
            assert status == 200 and brief.headline in page
        with Store(db) as store:
            store.save_brief(dataclasses.replace(brief, headline="Harbour bridge reopens"))
        for worker, client in pinned.items():
            status, page = client.get(f"/stories/{story}")
            assert status == 200, worker
            assert "Harbour bridge reopens" in page, f"worker {worker} served its stale page"
            assert "Harbour bridge reopens" in client.get("/")[1]
            client.close()
        assert stop(server, signal.SIGTERM) == []
        assert b"Traceback" not in (server.proc.stderr.read() if server.proc.stderr else b"")
