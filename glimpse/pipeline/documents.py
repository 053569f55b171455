"""Ingest, first half: one raw document (a page, a feed item, a JSON record) → one Article.

The feed item's own text and the page compete (the longer wins, README, Inputs); a title
alone is a headline article; every text field is cleaned and the body capped
(:mod:`glimpse.clean_text`). Extraction is imported lazily: its models load on first use.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from glimpse.clean_text import (
    MAX_SENTENCE_CHARS,
    MAX_TEXT_CHARS,
    clean_fields,
    clean_text,
    long_sentence,
    tidy_article,
)
from glimpse.errors import EmptyInput, SkipRecord, TooLarge
from glimpse.ingest import RawDoc
from glimpse.ingest.items import FEED_ITEM, FEED_TEXT, with_item_meta
from glimpse.models import Article, RunReport


def parse_time(value: Any) -> datetime | None:
    """A published time from JSON (ISO 8601 or RFC 2822), in UTC; None when absent or unreadable."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def to_article(doc: RawDoc, report: RunReport | None = None) -> Article:
    """Extract one raw document, every text field cleaned and the body capped at
    MAX_TEXT_CHARS (:mod:`glimpse.clean_text`; the cut is a warning in ``report``);
    raises SkipRecord naming the document."""
    try:
        raw = _extract(doc)
        article = tidy_article(raw)
        if article.is_headline and not article.title:
            raise EmptyInput("article has neither text nor html, and no title")
    except SkipRecord as exc:
        exc.subject = doc.origin
        raise
    _note_cut(doc, raw, article, report)
    return article


def _extract(doc: RawDoc) -> Article:
    from glimpse.extract import article_from_text, extract_article

    if doc.kind == "html":
        hints = clean_fields(
            {k: v for k, v in doc.hints.items() if k not in (FEED_TEXT, FEED_ITEM)}
        )
        feed_text = clean_text(str(doc.hints.get(FEED_TEXT) or ""))
        try:
            article = extract_article(doc.content, doc.url, fetched=doc.fetched)
        except SkipRecord:
            if not (feed_text or hints.get("title")):
                raise
            article = None
        if article is None and not feed_text:  # a feed item's page refused: its headline
            return with_item_meta(
                _headline(hints.get("title") or "", doc.url, None, hints), doc.hints, None
            )
        source = "page"
        if article is None or len(article.text) < len(feed_text):
            # the feed item's own text wins over a refused or shorter page (README, Inputs)
            article = article_from_text(
                hints.get("title") or "", feed_text, url=doc.url, source=hints.get("source")
            )
            source = "feed"
        return with_item_meta(_apply_hints(article, hints), doc.hints, source)
    if FEED_ITEM in doc.hints:  # a feed item made from its own text
        return with_item_meta(_record(doc), doc.hints, "feed")
    return _record(doc)


def _record(doc: RawDoc) -> Article:
    """A JSON record (or a feed item's fields): its text, or its HTML extracted as a page."""
    from glimpse.extract import article_from_text, extract_article

    fields = clean_fields(doc.fields)
    published = parse_time(fields.get("published"))
    if not (fields.get("text") or fields.get("html")):  # a title alone: a headline article
        hints = {"published": published, "source": fields.get("source")}
        return _headline(fields.get("title") or "", fields.get("url"), fields.get("id"), hints,
                         story=fields.get("story"))  # fmt: skip
    if fields.get("html") and not fields.get("text"):
        article = extract_article(fields["html"], fields.get("url"), id=fields.get("id"))
        hints = {
            "title": fields.get("title"),
            "published": published,
            "source": fields.get("source"),
        }
        article = _apply_hints(article, hints, override=True)
        return replace(article, story=fields.get("story"), text_source="page")
    return article_from_text(
        fields.get("title") or "",
        fields["text"],
        url=fields.get("url"),
        id=fields.get("id"),
        published=published,
        source=fields.get("source"),
        story=fields.get("story"),
    )


def _headline(
    title: str, url: str | None, id: str | None, hints: dict[str, Any], story: str | None = None
) -> Article:
    from glimpse.extract import headline_article

    return headline_article(
        title, url=url, id=id, published=hints.get("published"), source=hints.get("source"),
        story=story,
    )  # fmt: skip


def _note_cut(doc: RawDoc, raw: Article, article: Article, report: RunReport | None) -> None:
    """A body cut (over MAX_TEXT_CHARS, or a sentence over MAX_SENTENCE_CHARS) is a warning
    in the run report, not a failure."""
    text = doc.fields.get("text")
    before = len(text) if isinstance(text, str) else len(raw.text)
    cut = before > MAX_TEXT_CHARS or long_sentence(raw) is not None
    if report is not None and cut:
        report.count("ingest.truncated")
        report.warn(
            "ingest",
            doc.origin,
            TooLarge.code,
            f"text cut to {len(article.text):,} characters "
            f"(was {before:,}; limits: {MAX_TEXT_CHARS:,} per text, "
            f"{MAX_SENTENCE_CHARS:,} per sentence)",
        )


def _apply_hints(article: Article, hints: dict[str, Any], override: bool = False) -> Article:
    """Fill what the page did not say from what the feed or record said."""
    changes = {}
    for key in ("title", "published", "source"):
        value = hints.get(key)
        if value and (override or not getattr(article, key)):
            changes[key] = value
    return replace(article, **changes) if changes else article
