"""`glimpse watch` beside `glimpse serve` on one database, and a clean stop on Ctrl-C."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from e2e_support import run_cli

from glimpse.demo.server import WireServer

pytestmark = pytest.mark.e2e
ENV = os.environ | {"GLIMPSE_FETCH_MIN_INTERVAL": "0"}


def article_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_watch_runs_the_given_rounds_and_builds_briefs(wire: WireServer, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    result = run_cli("watch", *wire.feed_urls(), "--every", "1s", "--rounds", "2", "--db", str(db))
    assert result.code == 0, result.stderr
    assert "round 2" in result.stderr
    rows = run_cli("stories", "--db", str(db), "--json").json_lines()
    assert rows and article_count(db) == len(wire.wire.articles)


def test_ctrl_c_stops_watch_cleanly_while_serve_reads_the_same_db(
    wire: WireServer, tmp_path: Path
) -> None:
    db = tmp_path / "live.db"
    watch = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "glimpse",
            "watch",
            *wire.feed_urls(),
            "--every",
            "1h",
            "--db",
            str(db),
        ],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    serve: subprocess.Popen[bytes] | None = None
    try:
        deadline = time.monotonic() + 120
        while article_count(db) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert article_count(db) > 0, "watch stored nothing"
        # serve starts once the database exists, as a desk starts it: serve refuses a missing
        # database (G001), and on a loaded machine watch may not have created it yet when a
        # serve started beside it opens the path
        port = free_port()
        serve = subprocess.Popen(
            [sys.executable, "-m", "glimpse", "serve", "--db", str(db), "--port", str(port)],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        answer = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/stories.json", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert answer is not None and answer.status_code == 200
        watch.send_signal(signal.SIGINT)
        _, err = watch.communicate(timeout=120)
        assert watch.returncode == 0, err
        assert "Traceback" not in err
    finally:
        if serve is not None and serve.poll() is None:
            serve.kill()
            serve.wait()
        if watch.poll() is None:
            watch.kill()
        watch.communicate()  # reaps it and closes its pipes, whatever failed above
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        missing = conn.execute(
            "select count(*) from articles where id not in (select article from features)"
        ).fetchone()[0]
    assert missing == 0
