"""Records to and from the JSON shapes of the command-line contract (DESIGN.md).

Keys are part of the public contract: add, never rename.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from glimpse.models import (
    ARTICLE,
    Article,
    Brief,
    BriefSentence,
    Conflict,
    ConflictValue,
    Corroboration,
    Edit,
    Enclosure,
    Entity,
    Features,
    Quote,
    Sentence,
    SourceRef,
    SupportRef,
    Writer,
)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z`` suffix, or None."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_iso(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def article_to_dict(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "url": a.url,
        "title": a.title,
        "lede": a.lede,
        "text": a.text,
        "paragraphs": list(a.paragraphs),
        "sentences": [s.text for s in a.sentences],
        "sentence_offsets": [[s.start, s.end] for s in a.sentences],
        "published": iso(a.published),
        "updated": iso(a.updated),
        "authors": list(a.authors),
        "source": a.source,
        "language": a.language,
        "canonical_url": a.canonical_url,
        "paywalled": a.paywalled,
        "story": a.story,
        "kind": a.kind,
        "text_source": a.text_source,
        "categories": list(a.categories),
        "enclosures": [enclosure_to_dict(e) for e in a.enclosures],
    }


def enclosure_to_dict(e: Enclosure) -> dict[str, Any]:
    return {"url": e.url, "type": e.type, "length": e.length}


def enclosure_from_dict(d: dict[str, Any]) -> Enclosure:
    length = d.get("length")
    return Enclosure(str(d["url"]), d.get("type"), int(length) if length is not None else None)


def article_from_dict(d: dict[str, Any], fetched: datetime | None = None) -> Article:
    """An Article from :func:`article_to_dict`'s dict; ``fetched`` is kept beside the JSON
    (the store's column), not in it."""
    offsets = d.get("sentence_offsets") or []
    sentences = tuple(
        Sentence(i, text, *(offsets[i] if i < len(offsets) else (0, 0)))
        for i, text in enumerate(d.get("sentences") or [])
    )
    return Article(
        id=d["id"],
        title=d.get("title") or "",
        text=d.get("text") or "",
        url=d.get("url"),
        lede=d.get("lede") or "",
        paragraphs=tuple(d.get("paragraphs") or ()),
        sentences=sentences,
        published=parse_iso(d.get("published")),
        updated=parse_iso(d.get("updated")),
        authors=tuple(d.get("authors") or ()),
        source=d.get("source"),
        language=d.get("language"),
        canonical_url=d.get("canonical_url"),
        paywalled=d.get("paywalled"),
        story=d.get("story"),
        kind=d.get("kind") or ARTICLE,
        text_source=d.get("text_source"),
        categories=tuple(d.get("categories") or ()),
        enclosures=tuple(
            enclosure_from_dict(e) for e in d.get("enclosures") or () if isinstance(e, dict)
        ),
        fetched=fetched,
    )


def entity_to_dict(e: Entity) -> dict[str, Any]:
    return {
        "name": e.name,
        "type": e.type,
        "count": e.count,
        "articles": list(e.articles),
        "aliases": list(e.aliases),
    }


def entity_from_dict(d: dict[str, Any]) -> Entity:
    return Entity(
        name=d["name"],
        type=d["type"],
        count=int(d.get("count", 1)),
        articles=tuple(d.get("articles") or ()),
        aliases=tuple(d.get("aliases") or ()),
    )


def features_to_dict(f: Features) -> dict[str, Any]:
    """The enrichment keys added to an Article by ``glimpse tag``."""
    return {
        "entities": [entity_to_dict(e) for e in f.entities],
        "keyphrases": list(f.keyphrases),
        "tags": list(f.tags),
    }


def story_row_to_dict(row: Any) -> dict[str, Any]:
    """A story list row (a ``glimpse.store.StoryRow``) as ``glimpse stories --json`` prints it."""
    return {
        "story": row.story,
        "headline": row.headline,
        "summary": row.summary_text,
        "tags": list(row.tags),
        "updated_at": iso(row.updated_at),
        "outlets": row.outlets,
        "articles": row.articles,
    }


def _support(refs: tuple[SupportRef, ...]) -> list[dict[str, Any]]:
    return [{"article": r.article, "sentence": r.sentence} for r in refs]


def _edit_to_dict(e: Edit) -> dict[str, Any]:
    return {"from": e.source, "to": e.to, "article": e.article, "sentence": e.sentence}


def _sentence_to_dict(s: BriefSentence) -> dict[str, Any]:
    out: dict[str, Any] = {"text": s.text, "support": _support(s.support)}
    if s.edits:
        out["edits"] = [_edit_to_dict(e) for e in s.edits]
    if s.checks:
        out["checks"] = dict(s.checks)
    out["corroboration"] = [
        {"article": c.article, "sentence": c.sentence, "outlet": c.outlet} for c in s.corroboration
    ]
    return out


def _sentence_from_dict(d: dict[str, Any]) -> BriefSentence:
    refs = tuple(SupportRef(r["article"], int(r["sentence"])) for r in d.get("support") or ())
    edits = tuple(
        Edit(e["from"], e["to"], e["article"], int(e["sentence"])) for e in d.get("edits") or ()
    )
    checks = tuple((str(k), bool(v)) for k, v in (d.get("checks") or {}).items())
    seen = tuple(
        Corroboration(c["article"], int(c["sentence"]), c.get("outlet"))
        for c in d.get("corroboration") or ()
    )
    return BriefSentence(d["text"], refs, edits, checks, seen)


def conflict_to_dict(c: Conflict) -> dict[str, Any]:
    return {
        "quantity": c.quantity,
        "sentence": list(c.sentence) if c.sentence is not None else None,
        "part": c.part,
        "values": [
            {
                "value": v.value,
                "articles": list(v.articles),
                "outlets": list(v.outlets),
                "published": iso(v.published),
            }
            for v in c.values
        ],
    }


def conflict_from_dict(d: dict[str, Any]) -> Conflict:
    where = d.get("sentence")
    return Conflict(
        quantity=d["quantity"],
        values=tuple(
            ConflictValue(
                value=str(v["value"]),
                articles=tuple(v.get("articles") or ()),
                published=parse_iso(v.get("published")),
                outlets=tuple(v.get("outlets") or ()),
            )
            for v in d.get("values") or ()
        ),
        sentence=(int(where[0]), int(where[1])) if where else None,
        part=d.get("part"),
    )


def quote_to_dict(q: Quote | None) -> dict[str, Any] | None:
    if q is None:
        return None
    return {
        "text": q.text,
        "speaker": q.speaker,
        "article": q.article,
        "sentence": q.sentence,
        "url": q.url,
        "outlet": q.outlet,
    }


def source_to_dict(s: SourceRef) -> dict[str, Any]:
    return {
        "article": s.article,
        "outlet": s.outlet,
        "url": s.url,
        "headline": s.headline,
        "lede": s.lede,
        "published": iso(s.published),
        "kind": s.kind,
    }


def brief_to_dict(b: Brief) -> dict[str, Any]:
    return {
        "story": b.story,
        "headline": b.headline,
        "summary": [_sentence_to_dict(s) for s in b.summary],
        "body": [[_sentence_to_dict(s) for s in para] for para in b.body],
        "key_quote": quote_to_dict(b.key_quote),
        "tags": list(b.tags),
        "updated_at": iso(b.updated_at),
        "sources": [source_to_dict(s) for s in b.sources],
        "entities": [entity_to_dict(e) for e in b.entities],
        "headline_support": _support(b.headline_support),
        "conflicts": [conflict_to_dict(c) for c in b.conflicts],
        "writer": writer_to_dict(b.writer),
        "written": not b.unwritten,
        "unwritten_reason": b.unwritten or None,
    }


def brief_from_dict(d: dict[str, Any]) -> Brief:
    q = d.get("key_quote")
    return Brief(
        story=d["story"],
        headline=d["headline"],
        summary=tuple(_sentence_from_dict(s) for s in d.get("summary") or ()),
        body=tuple(tuple(_sentence_from_dict(s) for s in p) for p in d.get("body") or ()),
        key_quote=Quote(**q) if q else None,
        tags=tuple(d.get("tags") or ()),
        updated_at=parse_iso(d.get("updated_at")),
        sources=tuple(
            SourceRef(
                article=s["article"],
                outlet=s.get("outlet"),
                url=s.get("url"),
                headline=s.get("headline") or "",
                lede=s.get("lede") or "",
                published=parse_iso(s.get("published")),
                kind=s.get("kind") or ARTICLE,
            )
            for s in d.get("sources") or ()
        ),
        entities=tuple(entity_from_dict(e) for e in d.get("entities") or ()),
        headline_support=tuple(
            SupportRef(r["article"], int(r["sentence"])) for r in d.get("headline_support") or ()
        ),
        conflicts=tuple(conflict_from_dict(c) for c in d.get("conflicts") or ()),
        writer=writer_from_value(d.get("writer")),
        unwritten=d.get("unwritten_reason") or "",
    )


def writer_to_dict(w: Writer) -> dict[str, Any]:
    return {"name": w.name, "model": w.model, "version": w.version}


def writer_from_value(value: Any) -> Writer:
    """The writer object; briefs stored before it was one carry the versioned name alone."""
    if isinstance(value, dict):
        return Writer(
            name=str(value.get("name") or "extractive"),
            model=value.get("model") or None,
            version=str(value.get("version") or ""),
        )
    text = str(value or "")
    if text.startswith("glimpse.compose.llm"):
        version, _, model = text.partition(":")
        return Writer("llm", model or None, version)
    return Writer("extractive", None, text)
