"""A PostgreSQL desk: URL handling, the assignment lock, the cache signal, error codes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from glimpse.cli.common import existing_db
from glimpse.errors import StoreError
from glimpse.models import Article
from glimpse.serve.cache import CounterVersion, db_version
from glimpse.store import Store, default_db_path
from glimpse.store.dialect import DatabaseUrl
from glimpse.store.schema import MIGRATIONS
from tests.pg.server import PgServer


def _article(n: int) -> Article:
    return Article(
        id=f"a{n}", title=f"Title {n}", text=f"Body {n} text.", url=f"https://o.example/{n}"
    )


def test_a_url_survives_flag_and_env_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "postgresql:///desk?host=/tmp/gpg-x&port=5432"
    assert str(default_db_path(url)) == url
    monkeypatch.setenv("GLIMPSE_DB", url)
    found = default_db_path()
    assert isinstance(found, DatabaseUrl) and str(found) == url
    assert str(existing_db(None)) == url  # no file check for a server database
    monkeypatch.setenv("GLIMPSE_DB", "plain.db")
    assert default_db_path() == Path("plain.db")


def test_a_new_database_is_migrated_once_when_two_stores_open_it(pg_server: PgServer) -> None:
    url = pg_server.new_database(migrated=False)
    opened: list[Store] = []
    threads = [threading.Thread(target=lambda: opened.append(Store(url))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    with opened[0] as first, opened[1] as second:
        with first._db.read() as conn:
            ran = [r[0] for r in conn.execute("SELECT number FROM migrations").fetchall()]
        assert sorted(ran) == [m.number for m in MIGRATIONS]
        first.add_article(_article(1))
        assert second.article_count() == 1
        assert not second.add_article(_article(1))


def test_every_committed_write_bumps_the_desk_version_and_reads_do_not(pg_url: str) -> None:
    with Store(pg_url) as store:
        version = db_version(DatabaseUrl(pg_url))
        assert isinstance(version, CounterVersion)
        before = version()
        store.article_count()
        store.articles(["a1"])
        assert version() == before
        store.add_article(_article(1))
        after = version()
        assert after != before and store.desk_version() == after[0]
        version.close()


def test_a_second_assigner_waits_and_then_sees_the_first_ones_assignments(pg_url: str) -> None:
    with Store(pg_url) as one, Store(pg_url) as two:
        one.add_article(_article(1))
        seen: list[list[str]] = []
        entered = threading.Event()

        def second() -> None:
            with two.assigning():
                seen.append([a.id for a in two.unclustered()])

        with one.assigning():
            assert [a.id for a in one.unclustered()] == ["a1"]
            waiter = threading.Thread(target=second)
            waiter.start()
            time.sleep(0.5)
            entered.set()
            assert seen == []  # still waiting for the lock
            one.save_assignments([("a1", "s1")], [], b"state")
        waiter.join(10)
        assert seen == [[]]  # re-read under the lock: nothing left to assign
        assert two.cluster_state() == b"state"


def test_an_unreachable_server_is_a_store_error() -> None:
    with pytest.raises(StoreError) as caught:
        Store("postgresql://nobody:secret@/none?host=/tmp/gpg-missing&connect_timeout=1")
    assert caught.value.code == "G015"
    assert "secret" not in str(caught.value)
