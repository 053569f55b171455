"""Records and errors are printed as they happen: the first line comes out while a later
source is still being fetched (the server holds it until the test has read that line)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import IO

import pytest
from server import HostileServer, Route

pytestmark = pytest.mark.e2e

PAGE = (
    "<html><head><title>Bridge reopens after repairs</title></head><body><article>"
    "<h1>Bridge reopens after repairs</h1>"
    + "".join(
        f"<p>Part {n}: the old bridge over the river reopened on Monday after two years of "
        "repairs, the city council said, and traffic returned to the town centre.</p>"
        for n in range(4)
    )
    + "</article></body></html>"
).encode()
HOLD = 20.0  # seconds the gated page waits for the test; a batch printer would wait this long


@pytest.fixture
def gated() -> Iterator[tuple[str, threading.Event]]:
    release = threading.Event()

    def answer(handler: BaseHTTPRequestHandler) -> None:
        release.wait(HOLD)
        head = f"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(PAGE)}\r\n\r\n"
        handler.wfile.write(head.encode() + PAGE)

    with HostileServer() as server:
        server.route("/slow", Route(handler=answer))
        yield server.url("/slow"), release
        release.set()


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = os.environ | {"GLIMPSE_FETCH_MIN_INTERVAL": "0", "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "glimpse", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=env,
    )


def finish(proc: subprocess.Popen[str], release: threading.Event) -> None:
    release.set()
    proc.wait(timeout=120)
    time.sleep(0.2)  # the reader thread reaches the end of its pipe
    for stream in (proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def first_line(stream: IO[str], prefix: str, timeout: float) -> tuple[str, float]:
    """The first line starting with ``prefix`` and the seconds it took, read in a thread
    that goes on to the end of the stream (so the process never blocks on a full pipe)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in stream], daemon=True).start()
    began = time.monotonic()
    while True:
        line = lines.get(timeout=timeout)
        if line.startswith(prefix):
            return line, time.monotonic() - began


def test_extract_prints_the_first_article_before_the_last_source_is_read(
    tmp_path: Path, gated: tuple[str, threading.Event]
) -> None:
    url, release = gated
    (tmp_path / "page.html").write_bytes(PAGE)
    proc = start("extract", "page.html", url, "--json", cwd=tmp_path)
    try:
        assert proc.stdout is not None
        line, waited = first_line(proc.stdout, "{", timeout=HOLD + 30)
        assert not release.is_set()
        assert waited < HOLD - 2, "the first article waited for the last source"
        assert json.loads(line)["title"] == "Bridge reopens after repairs"
    finally:
        finish(proc, release)
    assert proc.returncode == 0


def test_ingest_prints_an_error_line_when_it_happens(
    tmp_path: Path, gated: tuple[str, threading.Event]
) -> None:
    url, release = gated
    (tmp_path / "bad.jsonl").write_text('{"title": "x", "text": "y"}\nnot json\n')
    proc = start("-q", "ingest", "bad.jsonl", url, "--db", "d.db", cwd=tmp_path)
    try:
        assert proc.stderr is not None
        line, waited = first_line(proc.stderr, "error:", timeout=HOLD + 30)
        assert not release.is_set()
        assert waited < HOLD - 2, "the error line waited for the end of the run"
        assert "bad.jsonl:2" in line and line.rstrip().endswith("[G007]")
    finally:
        finish(proc, release)
