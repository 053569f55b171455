"""Speed of the web UI and of `publish`: latency under 20 concurrent clients, site build time.

Run from the repository root:
    .venv/bin/python -m bench.serve [--stories 1000] [--requests 2000] [--db glimpse-demo.db]

It builds a synthetic database of hand-made stories through the real Store (2–5 articles from
different outlets per story, briefs with supported sentences), starts a real uvicorn server in
a child process on 127.0.0.1 (access log off), and drives it with 20 keep-alive HTTP/1.1
clients written on raw asyncio sockets (so the load generator costs little CPU). Story pages are
requested in random order over all stories. Each page kind is measured with the page cache on
(the default; warmed by one request per page, the steady state between two builds) and off
(every request renders from SQLite: the worst case, a page's first request after a build).
Then it times `publish_site`.
With ``--db`` the latencies are also measured on (a copy of) that database, e.g. the demo's.
Writes the "serve" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._report import machine, table, write_section
from glimpse.publish import publish_site
from glimpse.publish.sample import fill_store
from glimpse.serve.testing import free_port
from glimpse.store import Store
from glimpse.store.dialect import is_url

CLIENTS = 20
SERVER = """
import sys, uvicorn
from glimpse.serve import create_app
from glimpse.serve.workers import run_workers
from glimpse.serve.cache import DEFAULT_CACHE_BYTES
from glimpse.store.dialect import database
db, port = database(sys.argv[1]), int(sys.argv[2])
cache, workers = sys.argv[3] == "1", int(sys.argv[4])
quiet = dict(host="127.0.0.1", port=port, log_level="warning", access_log=False)
if workers == 1:
    uvicorn.run(create_app(db, cache=cache), **quiet)
else:  # as `glimpse serve --workers N` runs them
    cache_bytes = DEFAULT_CACHE_BYTES if cache else 0
    run_workers(db, workers=workers, desk=None, cache_bytes=cache_bytes, **quiet)
"""


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    await reader.readexactly(length)
    return status


async def _client(port: int, paths: list[str], times: list[float]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for path in paths:
        start = time.perf_counter()
        status = await _get(reader, writer, path)
        times.append(time.perf_counter() - start)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
    writer.close()


async def _load(port: int, paths: list[str], clients: int = CLIENTS) -> tuple[list[float], float]:
    times: list[float] = []
    shares = [paths[i::clients] for i in range(clients)]
    start = time.perf_counter()
    await asyncio.gather(*(_client(port, share, times) for share in shares))
    return times, time.perf_counter() - start


def _workers_up(proc: subprocess.Popen[bytes]) -> int:
    """How many worker processes ``proc`` (a ``--workers`` supervisor) has started (1 for a
    single server process: it is its own worker)."""
    count = 0
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
            spawned = b"spawn_main" in (entry / "cmdline").read_bytes() if stat else False
        except OSError:
            continue
        if stat and int(stat.rsplit(")", 1)[1].split()[1]) == proc.pid and spawned:
            count += 1
    return count or 1


def _wait_for(port: int, proc: subprocess.Popen[bytes], workers: int = 1) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited")
        if _workers_up(proc) < workers:
            time.sleep(0.2)
            continue
        try:
            asyncio.run(_load(port, ["/static/style.css"]))
            return
        except (OSError, RuntimeError):
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def measure(
    db: Path | str,
    paths: dict[str, list[str]],
    cache: bool,
    clients: int = CLIENTS,
    workers: int = 1,
) -> list[list[object]]:
    port = free_port()
    cmd = [sys.executable, "-c", SERVER, str(db), str(port), "1" if cache else "0", str(workers)]
    proc = subprocess.Popen(cmd)
    rows: list[list[object]] = []
    try:
        _wait_for(port, proc, workers)
        for kind, urls in paths.items():
            # warm-up: every distinct page once per worker, from 20 clients so that every
            # worker takes some (with the cache on, that is the steady state between two
            # builds: each page is rendered once, then served from memory; each worker has
            # its own cache, so a page may still be rendered once more by another worker)
            asyncio.run(_load(port, sorted(set(urls)) * workers))
            times, wall = asyncio.run(_load(port, urls, clients))
            ms = sorted(t * 1000 for t in times)
            p95 = ms[int(0.95 * (len(ms) - 1))]
            rows.append(
                [
                    kind,
                    workers,
                    "on" if cache else "off",
                    clients,
                    len(ms),
                    statistics.median(ms),
                    p95,
                    len(ms) / wall,
                ]
            )
    finally:
        proc.terminate()
        proc.wait(10)
    return rows


def _analyze(url: str) -> None:
    """Planner statistics for the freshly filled database, as autovacuum gathers them within
    a minute of a bulk load: without them PostgreSQL plans for an empty table."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def _copy(src: Path, dst: Path) -> None:
    """A consistent copy of a live database (SQLite's backup API), so the bench never writes it."""
    source, copy = sqlite3.connect(f"file:{src}?mode=ro", uri=True), sqlite3.connect(dst)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()


def _paths(ids: list[str], requests: int, rng: random.Random) -> dict[str, list[str]]:
    return {
        "front page `/`": ["/"] * requests,
        "story page `/stories/<id>`": [f"/stories/{rng.choice(ids)}" for _ in range(requests)],
    }


def _latency(
    db: Path | str, label: str, requests: int, rng: random.Random, workers: list[int]
) -> list[list[object]]:
    with Store(db) as store:
        ids = [r.story for r in store.list_stories(limit=100_000)]
    paths = _paths(ids, requests, rng)
    # one client: the work of one uncached page, without 19 others queued ahead of it
    one = {kind: urls[: max(1, requests // 10)] for kind, urls in paths.items()}
    rows = []
    for n in workers:
        rows += measure(db, paths, cache=True, workers=n)
        rows += measure(db, paths, cache=False, workers=n)
        rows += measure(db, one, cache=False, clients=1, workers=n)
    return [[f"{label} ({len(ids)} stories)", *row] for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description="serve latency and publish time")
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=2000, help="per page kind and mode")
    parser.add_argument(
        "--db",
        help="also measure latency on this database: a SQLite file (copied first) or a"
        " postgresql:// URL (read in place; fill it with --fill-pg)",
    )
    parser.add_argument(
        "--fill-pg", action="store_true", help="first fill the --db PostgreSQL database"
    )
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1],
        help="server processes to measure, e.g. 1 2 (as `glimpse serve --workers N`)",
    )
    parser.add_argument(
        "--no-synthetic",
        action="store_true",
        help="with --db: measure only that database, not the synthetic SQLite one",
    )
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        start = time.perf_counter()
        with Store(db) as store:
            fill_store(store, args.stories)
            built = time.perf_counter() - start
            start = time.perf_counter()
            store.refresh_desk()  # what `build` stores for the pages: sections, threads, ranking
            refreshed = time.perf_counter() - start
        rows = []
        if args.db and is_url(args.db):
            if args.fill_pg:
                with Store(args.db) as store:
                    fill_store(store, args.stories)
                    store.refresh_desk()
                _analyze(args.db)
            rows += _latency(args.db, "PostgreSQL", args.requests, rng, args.workers)
        elif args.db:
            _copy(Path(args.db), Path(tmp) / "given.db")
            with Store(Path(tmp) / "given.db") as store:
                store.refresh_desk()  # as its next `build` would
            label = f"`{Path(args.db).name}`"
            rows += _latency(Path(tmp) / "given.db", label, args.requests, rng, args.workers)
        if not (args.db and args.no_synthetic):
            rows += _latency(db, "synthetic", args.requests, rng, args.workers)
        with Store(db) as store:
            start = time.perf_counter()
            result = publish_site(store, Path(tmp) / "site")
            publish_s = time.perf_counter() - start
    headers = [
        "database",
        "page",
        "workers",
        "cache",
        "clients",
        "requests",
        "median ms",
        "p95 ms",
        "requests/s",
    ]
    latency = table(headers, rows)
    print(latency)
    publish = table(
        ["stories", "files written", "seconds", "target"],
        [[result.stories, result.pages, publish_s, "< 30 s"]],
    )
    print(publish)
    write_section(
        "serve",
        "## serve and publish\n\n"
        f"Command: `.venv/bin/python -m bench.serve --stories {args.stories} "
        f"--requests {args.requests}{_db_flag(args.db, args.fill_pg)}"
        f"{_workers_flag(args.workers, args.no_synthetic)}` ({machine()}).\n\n"
        f"A synthetic database of {args.stories} stories built through the Store in "
        f"{built:.1f} s, then its sections, threads and front-page ranking stored as `build` "
        "does last "
        f"(`Store.refresh_desk`) in {refreshed:.1f} s; a real uvicorn server in a child "
        "process (access log off) on 127.0.0.1 — with `workers` N > 1, uvicorn's supervisor "
        "and N worker processes on the port, as `glimpse serve --workers N` runs them; "
        f"{CLIENTS} concurrent keep-alive clients; story pages picked at random over all "
        "stories, each page requested once per worker before measuring. `cache on` is the "
        "default server (pages kept in memory until the database file changes: the steady "
        "state between two builds); `cache off` renders every request from SQLite (the "
        "worst case: every page's first request after a build; sections, threads and the "
        "front page's ranking are read as `build` stored them; PostgreSQL after `ANALYZE`, "
        "as autovacuum leaves a bulk load). `clients` 1 is the same uncached page with no other "
        "request queued ahead: the work of one page. Target: median < 50 ms.\n\n"
        f"{latency}\n\n`publish_site` of the same database:\n\n{publish}\n",
    )


def _workers_flag(workers: list[int], no_synthetic: bool) -> str:
    flag = "" if workers == [1] else " --workers " + " ".join(map(str, workers))
    return flag + (" --no-synthetic" if no_synthetic else "")


def _db_flag(db: str | None, fill: bool) -> str:
    if not db:
        return ""
    shown = "postgresql://…" if is_url(db) else db
    return f" --db {shown}{' --fill-pg' if fill else ''}"


if __name__ == "__main__":
    main()
