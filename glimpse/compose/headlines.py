"""Headline articles in a story's brief: counted and listed, never written from.

A headline article (``kind: "headline"``, :mod:`glimpse.extract.headlines`) is its outlet's
coverage of the story, so it is listed among the brief's sources (headline, outlet, time,
link; no lede). It has no body, and nothing of a brief comes from it: the writer sees only
the story's full articles, so no brief sentence, quote, headline support or tag can point at
a headline. A story made only of headlines gets a brief with no written part (no summary,
body, quote or tags): its headline is one of its sources' headlines, and ``unwritten`` says
why, until a full article joins the story.

This module only splits and joins; the writers (extractive, LLM) are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from glimpse.models import HEADLINE, Article, Brief, Features, SourceRef, Writer

if TYPE_CHECKING:
    from glimpse.compose.llm import LLMWriter
    from glimpse.compose.options import ComposeOptions

#: what the story page and the JSON say when a story has only headlines
HEADLINES_ONLY = "Only headlines so far: no full article to write a brief from."
_WORD = re.compile(r"[^\W_]+")
_EPOCH = datetime.min.replace(tzinfo=UTC)


def split_headlines(
    articles: Sequence[Article], features: Sequence[Features]
) -> tuple[list[Article], list[Features], list[Article]]:
    """The full articles with their features (a writer's input), and the headline articles."""
    by_id = {f.article: f for f in features}
    full = [a for a in articles if not a.is_headline]
    feats = [by_id[a.id] for a in full if a.id in by_id]
    return full, feats if len(feats) == len(full) else [], [a for a in articles if a.is_headline]


def headline_source(article: Article) -> SourceRef:
    """A headline's line in the sources list: headline, outlet, time, link; no lede."""
    return SourceRef(article.id, article.source, article.link, article.title, "",
                     _utc(article.published), kind=HEADLINE)  # fmt: skip


def with_headlines(brief: Brief, headlines: Sequence[Article]) -> Brief:
    """``brief`` with ``headlines`` listed after its full articles' sources (in time order)
    and its update time moved to the newest of them."""
    if not headlines:
        return brief
    ordered = sorted(headlines, key=lambda a: (_utc(a.published) or _EPOCH, a.id))
    sources = (*brief.sources, *(headline_source(h) for h in ordered))
    return replace(brief, sources=sources, updated_at=_newest(brief.updated_at, ordered))


def headlines_brief(story_id: str, headlines: Sequence[Article], writer: Writer) -> Brief:
    """The brief of a story with only headlines: listed with its headlines and outlets, no
    written part. ``writer`` is the configured one, so the story is not rewritten at every
    build, only when its articles change."""
    ordered = sorted(headlines, key=lambda a: (_utc(a.published) or _EPOCH, a.id))
    return Brief(
        story=story_id,
        headline=representative(ordered).title,
        summary=(),
        body=(),
        key_quote=None,
        tags=(),
        updated_at=_newest(None, ordered),
        sources=tuple(headline_source(a) for a in ordered),
        writer=writer,
        unwritten=HEADLINES_ONLY,
    )


def configured_writer(options: ComposeOptions | None, llm: LLMWriter | None) -> Writer:
    """The writer a story's brief is stored under (``compose.writer``): what the store
    compares to decide whether a stored brief needs rewriting."""
    from glimpse.compose.brief import WRITER

    if llm is not None or (options is not None and options.writer == "llm"):
        from glimpse.compose.llm import WRITER as LLM_WRITER
        from glimpse.compose.llm import LLMOptions

        model = (llm.options if llm is not None else LLMOptions()).model
        return Writer("llm", model, LLM_WRITER)
    return Writer("extractive", None, WRITER)


def representative(headlines: Sequence[Article]) -> Article:
    """The headline sharing the most words with the others (ties: the first given), so the
    story is listed under its common wording rather than one outlet's odd angle."""
    words = [set(_WORD.findall(a.title.casefold())) for a in headlines]

    def shared(i: int) -> int:
        return sum(len(words[i] & w) for j, w in enumerate(words) if j != i)

    return headlines[max(range(len(headlines)), key=lambda i: (shared(i), -i))]


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _newest(start: datetime | None, articles: Sequence[Article]) -> datetime | None:
    times = [t for t in (_utc(start), *(_utc(a.published) for a in articles)) if t]
    return max(times, default=None)
