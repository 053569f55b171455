"""The pages a PostgreSQL desk serves are the SQLite desk's pages, byte for byte: the front
page, story pages (HTML and JSON) and a thread, from the stored links and computed per request.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from glimpse.publish.sample import add_story, fill_store, sample_article, story_id
from glimpse.serve import create_app
from glimpse.store import Store
from glimpse.store.dialect import database
from tests.pg.server import PgServer

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

MERGED = story_id(91)  # merged into story 8: its page answers a redirect
PAGES = [
    "/",
    "/stories.json",
    "/?page=2",
    *(f"/stories/{story_id(n)}" for n in (0, 8, 13, 90)),
    f"/stories/{story_id(8)}.json",
    f"/stories/{story_id(8)}/thread.json",
    f"/stories/{MERGED}",
    "/stories/nothing-here",
]


# A listing's score is its rank at the moment of the request (two requests: two moments).
SCORE = re.compile(rb'"score":-?[0-9.e+-]+')


def _fill(target: str | Path) -> None:
    with Store(target) as store:
        fill_store(store, 30)
        add_story(store, story_id(90), [sample_article(90, 0)], ("Lisbon", "Tram fares"))
        add_story(store, MERGED, [sample_article(91, 0)], ("Lisbon",))
        store.save_assignments([], [(MERGED, story_id(8))], None)
        assert store.refresh_desk()


# The times each write stamps (shown on story pages), keyed: copied from one desk to the other.
STAMPS = (
    ("articles", "stored_at", "id"),
    ("assignments", "assigned_at", "article"),
    ("brief_versions", "built_at", "story || '/' || version"),
)


def _same_stamps(source: Path, target: str) -> None:
    """Give ``target`` the write times of ``source`` (the two were filled seconds apart)."""
    with Store(source) as one, Store(target) as other:
        for table, column, key in STAMPS:
            with one._db.read() as conn:
                rows = conn.execute(f"SELECT {column}, {key} FROM {table}").fetchall()
            with other._db.write() as conn:
                conn.executemany(f"UPDATE {table} SET {column} = ? WHERE {key} = ?", rows)


def _stale(target: str | Path) -> None:
    """What a write by ``watch`` between two builds does: pages compute the links again."""
    with Store(target) as store, store._db.write() as conn:
        conn.execute("UPDATE desk_links SET story_changes = story_changes + 1 WHERE id = 1")


def _pages(target: str | Path) -> Iterator[tuple[str, int, bytes]]:
    app = create_app(database(str(target)), cache=False)
    with TestClient(app, follow_redirects=False) as client:
        for page in PAGES:
            answer = client.get(page)
            yield page, answer.status_code, SCORE.sub(b'"score":0', answer.content)


@pytest.fixture(scope="module")
def desks(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    sqlite = tmp_path_factory.mktemp("pages") / "desk.db"
    url = pg_server.new_database()
    _fill(sqlite)
    _fill(url)
    _same_stamps(sqlite, url)
    return sqlite, url


def _same_pages(sqlite: Path, url: str) -> None:
    pages = list(zip(_pages(sqlite), _pages(url), strict=True))
    statuses = {page: status for (page, status, _), _ in pages}
    assert statuses[f"/stories/{MERGED}"] == 301 and statuses["/stories/nothing-here"] == 404
    assert sum(status == 200 for status in statuses.values()) == len(PAGES) - 2
    for (page, status, body), (_, pg_status, pg_body) in pages:
        assert (page, pg_status) == (page, status)
        assert pg_body == body, page


def test_postgresql_serves_the_sqlite_pages_from_the_stored_links(desks: tuple[Path, str]) -> None:
    sqlite, url = desks
    for target in desks:
        with Store(target) as store:
            assert store.stored_front() is not None and store.stored_thread(story_id(8))
    _same_pages(sqlite, url)


def test_postgresql_serves_the_sqlite_pages_computed_per_request(desks: tuple[Path, str]) -> None:
    sqlite, url = desks
    for target in desks:
        _stale(target)
        with Store(target) as store:
            assert store.stored_front() is None and store.stored_thread(story_id(8)) is None
    _same_pages(sqlite, url)
