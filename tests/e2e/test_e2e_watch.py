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
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "glimpse", "serve", "--db", str(db), "--port", str(port)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while article_count(db) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert article_count(db) > 0, "watch stored nothing"
        answer = None
        # serve gets its own wait: on a loaded CI machine watch's first run can take most of
        # the first deadline, and serve's start-up (imports, migrations) comes after it
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
        for proc in (watch, serve):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        missing = conn.execute(
            "select count(*) from articles where id not in (select article from features)"
        ).fetchone()[0]
    assert missing == 0
