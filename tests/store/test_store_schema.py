"""Opening the database: migrations, pragmas, default path, concurrent use."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from glimpse.errors import StoreError
from glimpse.models import Article
from glimpse.store import Store, default_db_path
from glimpse.store.connection import Connection
from glimpse.store.schema import MIGRATIONS, Migration, applied, migrate

MakeArticle = Callable[..., Article]


def _migrations(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT number, name FROM migrations ORDER BY number").fetchall()


def test_migrations_run_once_and_reopening_is_idempotent(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    path = tmp_path / "g.db"
    with Store(path) as store:
        store.add_article(make_article(1))
    first = _migrations(path)
    assert [n for n, _ in first] == [m.number for m in MIGRATIONS]
    with Store(path) as store:
        assert store.article_count() == 1
    assert _migrations(path) == first


def test_new_migration_runs_once_on_an_existing_database(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    Store(path).close()

    def add_note_table(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE note (x TEXT)")

    extra = Migration(99, "add a note table", add_note_table)
    db = Connection(path)
    assert migrate(db, (*MIGRATIONS, extra)) == [99]
    assert migrate(db, (*MIGRATIONS, extra)) == []
    with db.read() as conn:
        assert applied(conn)[-1] == 99
    db.close()


def test_failed_migration_leaves_no_trace(tmp_path: Path) -> None:
    def half_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (x TEXT)")
        raise RuntimeError("broken migration")

    db = Connection(tmp_path / "g.db")
    with pytest.raises(RuntimeError):
        migrate(db, (*MIGRATIONS, Migration(50, "broken", half_then_fail)))
    with db.read() as conn:
        assert 50 not in applied(conn)
        assert "half" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    db.close()


def test_database_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store(tmp_path / "g.db") as store, store._db.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_schema_has_full_text_tables(
    backend: str, rows: Callable[..., list[tuple[Any, ...]]]
) -> None:
    listing = (
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
        if backend == "sqlite"
        else "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    )
    tables = {r[0] for r in rows(listing)}
    assert {"articles_fts", "briefs_fts", "migrations", "brief_versions"} <= tables


def test_default_db_path_prefers_flag_then_env_then_cwd(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("GLIMPSE_DB", raising=False)
    assert default_db_path() == Path("glimpse.db")
    monkeypatch.setenv("GLIMPSE_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    assert default_db_path(tmp_path / "flag.db") == tmp_path / "flag.db"
    assert default_db_path("x.db") == Path("x.db")


def test_reader_in_another_connection_sees_committed_data_while_a_write_is_open(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    path = tmp_path / "g.db"
    with Store(path) as writer, Store(path) as reader:
        writer.add_article(make_article(1))
        with writer._db.write() as conn:
            conn.execute("UPDATE articles SET title = 'changing' WHERE id = 'a1'")
            assert [a.title for a in reader.articles(["a1"])] == ["Headline number 1"]
        assert reader.article_count() == 1


def test_one_store_is_safe_to_share_between_threads(
    store: Store, make_article: MakeArticle
) -> None:
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for n in range(offset, offset + 25):
                store.add_article(make_article(n))
                store.list_stories(query="body")
                store.articles([f"a{n}"])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k * 100,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.article_count() == 100


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(tmp_path / "missing-dir" / "g.db")
    assert caught.value.code == "G015"


def test_upgrading_an_older_database_backfills_story_counts(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    path = tmp_path / "g.db"
    old = Connection(path)
    migrate(old, MIGRATIONS[:2])
    with old.write() as conn:
        for n, source in ((1, "A"), (2, "B"), (3, "B")):
            article = make_article(n, source=source)
            conn.execute(
                "INSERT INTO articles (id, source, stored_at, json) VALUES (?, ?, '', '{}')",
                (article.id, article.source),
            )
        conn.execute("INSERT INTO stories (id) VALUES ('s1')")
        conn.executemany(
            "INSERT INTO assignments (article, story, assigned_at) VALUES (?, 's1', '')",
            [("a1",), ("a2",), ("a3",)],
        )
    old.close()
    with Store(path) as store, store._db.read() as conn:
        row = conn.execute("SELECT article_count, outlet_count FROM stories").fetchone()
    assert tuple(row) == (3, 2)


def test_two_processes_worth_of_connections_can_write_at_once(
    tmp_path: Path, make_article: MakeArticle
) -> None:
    path = tmp_path / "g.db"
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            with Store(path) as own:
                for n in range(offset, offset + 20):
                    own.add_article(make_article(n))
                    own.save_assignments([(f"a{n}", f"s{n % 3}")], [], None)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k * 100,)) for k in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Store(path) as store:
        assert store.article_count() == 60
        assert sum(len(store.story_article_ids(f"s{k}")) for k in range(3)) == 60


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the pages you are looking for\n" * 200)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert caught.value.code == "G015"
    assert str(path) in caught.value.line()


def test_closed_store_raises_store_error(tmp_path: Path) -> None:
    store = Store(tmp_path / "g.db")
    store.close()
    with pytest.raises(StoreError):
        store.article_count()
