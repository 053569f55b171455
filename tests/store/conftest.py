"""Fixtures for store tests: a fresh database per test and small record builders."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from glimpse.models import Article, Brief, BriefSentence, SupportRef
from glimpse.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "glimpse.db") as opened:
        yield opened


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
