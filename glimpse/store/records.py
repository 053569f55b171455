"""Rows the store returns that are not pipeline records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from glimpse.models import Brief


@dataclass(frozen=True, slots=True)
class BriefVersion:
    """One saved version of a story's brief and the story's article ids when it was saved."""

    version: int
    built_at: datetime
    brief: Brief
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One line of a story listing (front page, tag and outlet pages, ``glimpse stories``)."""

    story: str
    headline: str
    summary_text: str
    tags: tuple[str, ...]
    updated_at: datetime | None
    outlets: int
    articles: int
    score: float
