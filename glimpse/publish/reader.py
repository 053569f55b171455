"""The part of the store the pages read, as a structural type.

:class:`glimpse.store.Store` satisfies it; tests may pass any object with these methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from glimpse.models import Article, Brief


class StoryRowLike(Protocol):
    @property
    def story(self) -> str: ...
    @property
    def headline(self) -> str: ...
    @property
    def summary_text(self) -> str: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @property
    def updated_at(self) -> datetime | None: ...
    @property
    def outlets(self) -> int: ...
    @property
    def articles(self) -> int: ...
    @property
    def score(self) -> float: ...


class BriefVersionLike(Protocol):
    @property
    def version(self) -> int: ...
    @property
    def built_at(self) -> datetime | None: ...
    @property
    def brief(self) -> Brief: ...
    @property
    def article_ids(self) -> Sequence[str]: ...


class StoreReader(Protocol):
    def list_stories(
        self,
        *,
        tag: str | None = None,
        query: str | None = None,
        since: datetime | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Sequence[StoryRowLike]: ...

    def count_stories(
        self,
        *,
        tag: str | None = None,
        query: str | None = None,
        since: datetime | None = None,
        outlet: str | None = None,
    ) -> int: ...

    def brief(self, story_id: str) -> Brief | None: ...
    def resolve_story(self, story_id: str) -> str | None: ...
    def brief_history(self, story_id: str) -> Sequence[BriefVersionLike]: ...
    def article_arrivals(self, story_id: str) -> Sequence[tuple[str, datetime]]: ...
    def articles(self, ids: Sequence[str]) -> Sequence[Article]: ...
    def tags(self) -> Sequence[tuple[str, int]]: ...
    def outlets(self) -> Sequence[tuple[str, int]]: ...
