"""Faults in one record stay in that record; a disk that refuses writes stops the run once.

Disk full and read-only failures are injected at the write call (tests run as root, where
file modes block nothing). Enrichment is replaced by a fake: these tests are about the runner.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from glimpse import pipeline
from glimpse.cli import app
from glimpse.errors import WriteFailed
from glimpse.models import Article, Features, RunReport
from glimpse.store import Store
from glimpse.store import articles as store_articles
from glimpse.store import connection as store_connection

DISK_FULL = sqlite3.OperationalError("database or disk is full")


@pytest.fixture(autouse=True)
def fake_enrich(monkeypatch: pytest.MonkeyPatch) -> None:
    def features(articles: list[Article]) -> list[Features]:
        return [Features(article=a.id, tags=("Town",)) for a in articles]

    monkeypatch.setattr(pipeline, "featurize", features)


def jsonl(path: Path, count: int, start: int = 0) -> Path:
    rows = [
        {"id": f"a{n}", "title": f"Event {n}", "text": f"Event {n} happened in town today."}
        for n in range(start, start + count)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    return path


def stored(db: Path) -> int:
    with Store(db) as store:
        return store.article_count()


@pytest.mark.parametrize("error", [KeyError("k"), AttributeError("x"), MemoryError(), OSError()])
def test_a_reader_that_raises_anything_costs_one_file_of_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    from glimpse.ingest import files

    real = files.text_record

    def reader(text: str, origin: str) -> dict[str, Any]:
        if origin.endswith("b.txt"):
            raise error
        return real(text, origin)

    monkeypatch.setattr(files, "text_record", reader)
    for name in ("a", "b", "c"):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{name}.txt").write_text(f"Headline {name}\nBody {name} text here.")
    report = RunReport()
    with Store(tmp_path / "d.db") as store:
        pipeline.ingest(store, [str(tmp_path / "in")], report)
    assert report.counts["stored"] == 2
    [skip] = report.skips
    assert skip.code == "G016" and skip.record.endswith("b.txt")


@pytest.mark.parametrize("error", [TypeError("t"), RecursionError(), UnicodeError("u")])
def test_an_extraction_error_of_any_type_skips_one_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    real = pipeline.to_article

    def extract(doc: Any, report: RunReport | None = None) -> Article:
        if doc.origin.endswith(":2"):
            raise error
        return real(doc, report)

    monkeypatch.setattr(pipeline, "to_article", extract)
    report = RunReport()
    with Store(tmp_path / "d.db") as store:
        pipeline.ingest(store, [str(jsonl(tmp_path / "a.jsonl", 3))], report)
    assert report.counts["stored"] == 2
    assert [(s.stage, s.code) for s in report.skips] == [("extract", "G016")]


def test_a_store_error_of_any_type_skips_one_article_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_articles.insert_article

    def insert(conn: sqlite3.Connection, article: Article) -> None:
        if article.id == "a1":
            raise ValueError("cannot bind")
        real(conn, article)

    monkeypatch.setattr(store_articles, "insert_article", insert)
    report = RunReport()
    with Store(tmp_path / "d.db") as store:
        pipeline.ingest(store, [str(jsonl(tmp_path / "a.jsonl", 3))], report)
    assert report.counts["stored"] == 2
    [skip] = report.skips
    assert (skip.stage, skip.code, skip.record) == ("store", "G016", "a1")


def test_articles_read_before_an_interrupt_are_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.load_articles

    def articles(*args: Any, **kwargs: Any) -> Iterator[Article]:
        for n, article in enumerate(real(*args, **kwargs)):
            if n == 5:
                raise KeyboardInterrupt
            yield article

    monkeypatch.setattr(pipeline, "load_articles", articles)
    with Store(tmp_path / "d.db") as store, pytest.raises(KeyboardInterrupt):
        pipeline.ingest(store, [str(jsonl(tmp_path / "a.jsonl", 9))], RunReport())
    assert stored(tmp_path / "d.db") == 5


def test_disk_full_stops_ingest_at_the_first_failed_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def full(conn: sqlite3.Connection, article: Article) -> None:
        calls.append(article.id)
        raise DISK_FULL

    monkeypatch.setattr(store_articles, "insert_article", full)
    report = RunReport()
    with Store(tmp_path / "d.db") as store, pytest.raises(WriteFailed) as caught:
        pipeline.ingest(store, [str(jsonl(tmp_path / "a.jsonl", 40))], report)
    assert calls == ["a0"] and report.skips == []
    assert caught.value.code == "G019" and "disk full" in caught.value.reason


def test_disk_full_through_the_cli_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = jsonl(tmp_path / "a.jsonl", 30)
    db = tmp_path / "d.db"
    Store(db).close()
    monkeypatch.setattr(store_articles, "insert_article", _raise(DISK_FULL))
    result = CliRunner().invoke(app, ["-q", "ingest", str(source), "--db", str(db)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [f"error: {db}: cannot write: disk full [G019]"]


def test_disk_full_during_build_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "d.db"
    with Store(db) as store:
        pipeline.ingest(store, [str(jsonl(tmp_path / "a.jsonl", 2))], RunReport())
    from glimpse.store import stories as store_stories

    monkeypatch.setattr(store_stories, "save_assignments", _raise(DISK_FULL))
    result = CliRunner().invoke(app, ["-q", "build", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {db}: cannot write: disk full [G019]"]


def test_the_run_report_is_recorded_when_a_run_stops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from glimpse.cli.desk import run_ingest

    db = tmp_path / "d.db"
    (tmp_path / "bad.jsonl").write_bytes(b"{oops\n")

    def stop(*args: Any, **kwargs: Any) -> RunReport:
        args[2].skip("ingest", "x", "G007", "bad")
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "ingest", stop)
    with pytest.raises(KeyboardInterrupt):
        run_ingest(db, [str(tmp_path / "bad.jsonl")], RunReport())
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT command FROM runs").fetchall() == [("ingest",)]
        assert conn.execute("SELECT code FROM skips").fetchall() == [("G007",)]


@pytest.mark.parametrize(
    ("code", "reason"),
    [(errno.EROFS, "read-only file system"), (errno.EACCES, "permission denied")],
)
def test_a_database_that_cannot_be_opened_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    import sqlite_utils

    monkeypatch.setattr(
        sqlite_utils.Database,
        "enable_wal",
        _raise(sqlite3.OperationalError("unable to open database file")),
    )
    monkeypatch.setattr(store_connection, "_probe", _raise(OSError(code, reason.capitalize())))
    with pytest.raises(WriteFailed) as caught:
        Store(tmp_path / "d.db")
    assert (
        caught.value.line() == f"error: {tmp_path / 'd.db'}: cannot open database ({reason}) [G019]"
    )


def test_serve_on_a_database_it_cannot_open_fails_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite_utils

    import glimpse.serve

    db = tmp_path / "d.db"
    Store(db).close()
    monkeypatch.setattr(
        sqlite_utils.Database,
        "enable_wal",
        _raise(sqlite3.OperationalError("attempt to write a readonly database")),
    )
    monkeypatch.setattr(store_connection, "_probe", _raise(OSError(errno.EROFS, "Read-only")))
    monkeypatch.setattr(glimpse.serve, "serve", _raise(AssertionError("server started")))
    result = CliRunner().invoke(app, ["serve", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"error: {db}: cannot write (read-only) [G019]"]


@pytest.mark.parametrize("command", [["stories"], ["show", "s1"], ["serve"]])
def test_a_read_only_command_on_a_missing_database_is_g001_and_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    db = tmp_path / "typo.db"
    result = CliRunner().invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {db}: no such database") and line.endswith("[G001]")
    assert not db.exists()


def _raise(error: BaseException) -> Any:
    def raiser(*args: Any, **kwargs: Any) -> Any:
        raise error

    return raiser
