"""compose_brief: a story's articles in, one grounded Brief out."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from glimpse.compose.grounding import check_grounding
from glimpse.compose.headline import headline_support, make_headline
from glimpse.compose.options import ComposeOptions
from glimpse.compose.quote import pick_quote
from glimpse.compose.rank import Candidate, rank_sentences
from glimpse.compose.select import select_body, select_summary
from glimpse.enrich import tag_story
from glimpse.errors import EmptyInput, GroundingError
from glimpse.models import Article, Brief, BriefSentence, Entity, Features, SourceRef, SupportRef

log = logging.getLogger(__name__)
_EPOCH = datetime.min.replace(tzinfo=UTC)


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _when(article: Article) -> datetime:
    return _utc(article.published or article.updated) or _EPOCH


def _newest(articles: Sequence[Article]) -> datetime | None:
    times = [t for a in articles for t in (_utc(a.published), _utc(a.updated)) if t]
    return max(times, default=None)


def _sentence(c: Candidate) -> BriefSentence:
    return BriefSentence(c.text, (SupportRef(c.article, c.index),))


def _source(article: Article) -> SourceRef:
    lede = article.lede or (article.sentences[0].text if article.sentences else "")
    return SourceRef(article.id, article.source, article.url, article.title, lede,
                     _utc(article.published))  # fmt: skip


def story_tags(
    articles: Sequence[Article], features: Sequence[Features], max_tags: int
) -> tuple[tuple[str, ...], tuple[Entity, ...]]:
    """Tags and canonical entities of the story (``glimpse.enrich.tag_story``); none when the
    articles come without enrich features."""
    if not features:
        return (), ()
    tags, entities = tag_story(list(articles), list(features), max_tags=max_tags)
    return tuple(tags), tuple(entities)


def draft_brief(
    story_id: str,
    articles: list[Article],
    features: list[Features] | None = None,
    *,
    options: ComposeOptions | None = None,
) -> Brief:
    """The brief of one story *before* the grounding check (benchmarks measure the check).

    Raises :class:`EmptyInput` when no article has a sentence.
    """
    options = options or ComposeOptions()
    if not any(s.text.strip() for a in articles for s in a.sentences):
        raise EmptyInput("story has no sentences to brief", subject=story_id)
    articles = sorted(articles, key=_when)
    tags, entities = story_tags(articles, features or [], options.max_tags)
    candidates, sims = rank_sentences(articles, entities, options)
    summary = select_summary(candidates, sims, options)
    body = select_body(candidates, sims, summary, options)
    if not body and summary:
        body = [summary]
    lead = summary[0].text if summary else ""
    headline = make_headline(articles, lead, options.headline_words)
    return Brief(
        story=story_id,
        headline=headline,
        summary=tuple(_sentence(c) for c in summary),
        body=tuple(tuple(_sentence(c) for c in p) for p in body),
        key_quote=pick_quote(articles, entities, options.quote_min_words),
        tags=tags,
        updated_at=_newest(articles),
        sources=tuple(_source(a) for a in articles),
        entities=entities,
        headline_support=tuple(headline_support(headline, articles)),
    )


def compose_brief(
    story_id: str,
    articles: list[Article],
    features: list[Features] | None = None,
    *,
    options: ComposeOptions | None = None,
) -> Brief:
    """The grounded brief of one story.

    ``articles`` may come in any order (they are put in time order); ``features`` (from
    enrich) add entities, tags and speaker names. Raises :class:`GroundingError` when the
    brief fails :func:`check_grounding`; a brief that fails is never returned.
    Raises :class:`EmptyInput` when no article has a sentence.
    """
    brief = draft_brief(story_id, articles, features, options=options)
    problems = check_grounding(brief, articles)
    if problems:
        log.warning("brief %s failed grounding: %s", story_id, "; ".join(problems))
        raise GroundingError("; ".join(problems), subject=story_id)
    return brief
