"""Compose fixtures: small stories from tests/resources/compose, split by the real extractor."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from glimpse.extract import article_from_text
from glimpse.models import Article

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "compose"


def read_story(name: str) -> list[Article]:
    articles = []
    for line in (RESOURCES / f"{name}.jsonl").read_text().splitlines():
        row = json.loads(line)
        articles.append(
            article_from_text(
                row["title"],
                row["text"],
                id=row["id"],
                url=row.get("url"),
                source=row.get("source"),
                published=datetime.fromisoformat(row["published"].replace("Z", "+00:00")),
            )
        )
    return articles


@pytest.fixture
def story() -> Callable[[str], list[Article]]:
    """Load a story (a list of articles) by resource name."""
    return read_story
