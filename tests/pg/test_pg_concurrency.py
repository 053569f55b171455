"""Two `glimpse watch` workers and a `glimpse serve` on one PostgreSQL desk, same feeds."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from glimpse.demo.server import WireServer
from glimpse.store import Store
from tests.e2e.e2e_support import small_corpus
from tests.pg.server import PgServer

pytestmark = pytest.mark.e2e
ENV = os.environ | {"GLIMPSE_FETCH_MIN_INTERVAL": "0"}
PAGES = ("/", "/stories.json", "/tags", "/search?q=the", "/outlets.json")


@pytest.fixture(scope="module")
def wire() -> Iterator[WireServer]:
    with WireServer(small_corpus(events=4, per_event=4)) as server:
        yield server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _glimpse(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "glimpse", *args],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _partition(store: Store) -> set[frozenset[str]]:
    """The stories as sets of article ids (story ids aside)."""
    ids = [r.story for r in store.list_stories(limit=1000)]
    return {frozenset(store.story_article_ids(s)) for s in ids}


def _poll(port: int, statuses: list[int]) -> None:
    for page in PAGES:
        try:
            statuses.append(httpx.get(f"http://127.0.0.1:{port}{page}", timeout=10).status_code)
        except httpx.TransportError:
            time.sleep(0.2)


def test_two_watch_workers_and_serve_share_one_desk_without_duplicates_or_splits(
    wire: WireServer, pg_server: PgServer, tmp_path: Path
) -> None:
    pg_url = pg_server.new_database()
    port = _free_port()
    serve = _glimpse("serve", "--db", pg_url, "--port", str(port))
    watchers = [
        _glimpse("watch", *wire.feed_urls(), "--every", "1s", "--rounds", "2", "--db", pg_url)
        for _ in range(2)
    ]
    statuses: list[int] = []
    try:
        while any(w.poll() is None for w in watchers):
            _poll(port, statuses)
        errors = [w.communicate(timeout=60)[1] for w in watchers]
        assert [w.returncode for w in watchers] == [0, 0], errors
        assert not any("Traceback" in e for e in errors), errors
        _poll(port, statuses)
    finally:
        for proc in (*watchers, serve):
            if proc.poll() is None:
                proc.kill()
            proc.communicate(timeout=30)
    assert statuses and all(s < 500 for s in statuses), statuses

    reference, single = tmp_path / "one.db", pg_server.new_database()
    for target in (str(reference), single):  # one worker each: SQLite and PostgreSQL
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "glimpse",
                "watch",
                *wire.feed_urls(),
                "--every",
                "1s",
                "--rounds",
                "1",
                "--db",
                target,
            ],
            env=ENV,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
    with Store(pg_url) as shared, Store(reference) as alone, Store(single) as pg_alone:
        assert shared.article_count() == alone.article_count() == len(wire.wire.articles)
        assert shared.unclustered() == []
        assert _partition(shared) == _partition(alone)  # no story split by two assigners
        # one worker on each backend: the same stories under the same ids, same briefs
        assert _listing(pg_alone) == _listing(alone)


def _listing(store: Store) -> list[tuple[str, str, int]]:
    return sorted((r.story, r.headline, r.articles) for r in store.list_stories(limit=1000))
