"""Fixtures for store tests: a fresh database per test, on SQLite and on PostgreSQL, and
small record builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from glimpse.models import Article, Brief, BriefSentence, SupportRef
from glimpse.store import Store
from tests.pg.server import PgServer, pg_server, pg_url

__all__ = ["pg_server", "pg_url"]  # fixtures for the tests of this folder


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_target(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str | Path:
    """Where a fresh store lives: a SQLite file, or a new database on the test server."""
    if backend == "sqlite":
        return tmp_path / "glimpse.db"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.new_database()


@pytest.fixture
def store(store_target: str | Path) -> Iterator[Store]:
    with Store(store_target) as opened:
        yield opened


@pytest.fixture
def rows(store: Store) -> Callable[..., list[tuple[Any, ...]]]:
    """``rows(sql, params)``: the rows of a query (``?`` parameters) on the store's database."""

    def run(sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with store._db.read() as conn:
            return [tuple(r) for r in conn.execute(sql, params).fetchall()]

    return run


def _article(n: int, **changes: Any) -> Article:
    fields: dict[str, Any] = {
        "id": f"a{n}",
        "title": f"Headline number {n}",
        "text": f"Body text of article {n}. It says something distinct about item {n}.",
        "url": f"https://outlet.example/{n}",
        "source": "Outlet",
        "published": datetime(2026, 11, 20, n % 24, tzinfo=UTC),
    }
    fields.update(changes)
    return Article(**fields)


def _brief(story: str, article: str = "a1", **changes: Any) -> Brief:
    ref = (SupportRef(article, 0),)
    fields: dict[str, Any] = {
        "story": story,
        "headline": "Volcano erupts near town",
        "summary": (BriefSentence("A volcano erupted near the town on Monday.", ref),),
        "body": ((BriefSentence("Lava reached the harbour by evening.", ref),),),
        "key_quote": None,
        "tags": ("volcano eruption", "Iceland"),
        "updated_at": datetime(2026, 11, 20, 12, tzinfo=UTC),
        "sources": (),
    }
    fields.update(changes)
    return Brief(**fields)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """``make_article(n, **changes)``: a distinct article ``a{n}`` (URL, text and time by n)."""
    return _article


@pytest.fixture
def make_brief() -> Callable[..., Brief]:
    """``make_brief(story, article="a1", **changes)``: a small grounded brief."""
    return _brief
