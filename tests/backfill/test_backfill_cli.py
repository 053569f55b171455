"""``glimpse backfill`` through the real CLI: on a local Ray, on a ``ray start`` cluster,
interrupted and resumed, with records that fail."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from backfill_support import demo_rows, page, run_cli, stored, write_jsonl, write_warc

pytestmark = pytest.mark.e2e


def test_backfill_on_two_local_workers_stores_what_ingest_and_build_store(
    tmp_path: Path,
) -> None:
    rows = demo_rows(events=6, per_event=4)
    # a syndicated copy (same body, its own id, URL and a later date): stored by neither path,
    # and not enriched by the worker that extracted the original
    copy = rows[5] | {"id": "copy-of-5", "url": "https://wire.example/copy-of-5"}
    copy["published"] = "2031-01-01T00:00:00+00:00"
    texts = write_jsonl(tmp_path / "wire.jsonl", [*rows[4:], copy])
    pages = write_warc(tmp_path / "crawl.warc.gz", rows[:4])
    plain, scaled = tmp_path / "plain.db", tmp_path / "scaled.db"

    assert run_cli("ingest", str(pages), str(texts), "--db", str(plain)).code == 0
    assert run_cli("build", "--db", str(plain)).code == 0
    result = run_cli(
        "backfill", str(pages), str(texts), "--workers", "2", "--batch", "5",
        "--db", str(scaled), "--json",
    )  # fmt: skip

    assert result.code == 0, result.stderr
    counts = result.json()["counts"]
    assert counts["stored"] == len(rows) and counts["batches"] == 5
    assert stored(scaled) == stored(plain)
    assert len(stored(scaled)[1]) < len(rows)  # some articles did join into stories
    shards = sorted(p.name for p in (tmp_path / "scaled.db.backfill").glob("*.parquet"))
    assert len(shards) == 5


def test_backfill_without_ray_says_which_extra_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['ray'] = None; from glimpse.cli import main;"
        f" sys.argv = ['glimpse', 'backfill', {str(tmp_path)!r}, '--db', {str(tmp_path / 'd.db')!r}];"
        " main()"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "pip install 'glimpse[scale]'" in lines[0] and lines[0].startswith("error: ")


def test_failing_records_are_reported_by_id_and_the_run_goes_on(
    tmp_path: Path, ray_cluster: str
) -> None:
    good = demo_rows(events=1, per_event=3)
    lines = [json.dumps(good[0]), "{not json", json.dumps({"id": "blank", "html": "<p></p>"})]
    lines += [json.dumps(r) for r in good[1:]]
    source = tmp_path / "wire.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = ("backfill", str(source), "--ray", ray_cluster, "--batch", "2")
    db = ("--db", str(tmp_path / "d.db"))

    first = run_cli(*args, *db, "--json")
    again = run_cli(*args, *db, "--json")  # every batch is done: resumed, not recomputed

    assert first.code == 0, first.stderr
    assert first.json()["counts"]["stored"] == 3
    for result in (first, again):
        assert f"error: {source}:2: ingest: not JSON" in result.stderr
        assert f"error: {source}:3: extract: " in result.stderr
        assert "[G007]" in result.stderr and "[G003]" in result.stderr
    assert again.json()["counts"]["batches.resumed"] == 2
    assert again.json()["counts"]["duplicates"] == 3


class _HangOnce(BaseHTTPRequestHandler):
    """The first request hangs (a stalled feed); later ones get an article page."""

    asked = threading.Event()
    release = threading.Event()
    body = b""

    def do_GET(self) -> None:
        if not _HangOnce.asked.is_set():
            _HangOnce.asked.set()
            _HangOnce.release.wait(120)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def stalled_page() -> Iterator[str]:
    _HangOnce.body = page(demo_rows(events=13, per_event=1)[-1])
    server = ThreadingHTTPServer(("127.0.0.1", 0), _HangOnce)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/late-story"
    finally:
        _HangOnce.release.set()
        server.shutdown()
        server.server_close()


def manifest_batches(folder: Path) -> list[int]:
    path = folder / "manifest.jsonl"
    lines = path.read_text().splitlines()[1:] if path.exists() else []
    return [json.loads(line)["batch"] for line in lines if line.endswith("}")]


def test_a_killed_backfill_resumes_from_its_shards_without_duplicates_or_losses(
    tmp_path: Path, ray_cluster: str, stalled_page: str
) -> None:
    rows = demo_rows(events=8, per_event=5)[:40]
    source = write_jsonl(tmp_path / "wire.jsonl", rows)
    db, shards = tmp_path / "d.db", tmp_path / "d.db.backfill"
    args = [sys.executable, "-m", "glimpse", "backfill", str(source), stalled_page]
    args += ["--ray", ray_cluster, "--batch", "4", "--workers", "2", "--db", str(db), "--json"]

    # 10 batches, at most 4 in flight: 6 are written before the stalled page blocks the reader
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    while not (_HangOnce.asked.is_set() and len(manifest_batches(shards)) >= 6):
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()  # type: ignore[union-attr]
        time.sleep(0.1)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()  # reaps it and closes both pipes (an open pipe is a ResourceWarning)
    before = manifest_batches(shards)

    result = run_cli(*args[3:])

    assert result.code == 0, result.stderr
    counts = result.json()["counts"]
    assert counts["batches.resumed"] == len(before) == 6
    assert counts["batches"] == 11 and counts["stored"] == 41
    after = manifest_batches(shards)
    assert sorted(after) == list(range(11)) and after[: len(before)] == before
    ids = stored(db)[0]
    assert len(ids) == len(set(ids)) == 41
    assert {r["id"] for r in rows} <= set(ids)
