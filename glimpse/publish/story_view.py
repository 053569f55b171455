"""What a story page shows, computed from the store: brief, evidence for each marker, timeline.

The same values feed the HTML template and the JSON API, so the two cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from glimpse.models import Article, Brief, BriefSentence, Conflict, SupportRef
from glimpse.publish.coverage import Coverage, coverage_json, story_coverage
from glimpse.serialize import iso
from glimpse.store import BriefVersion, Store


@dataclass(frozen=True, slots=True)
class Evidence:
    """One source sentence behind a brief sentence, with where it came from."""

    article: str
    sentence: int
    text: str
    outlet: str | None
    url: str | None
    headline: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a disagreement as the page says it: "59 dead", who gives it, since when."""

    text: str
    outlets: tuple[str, ...]
    published: datetime | None


@dataclass(frozen=True, slots=True)
class Differ:
    """Sources that give different figures for one quantity, newest figure first."""

    quantity: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class Marked:
    """A brief sentence with its marker number, the source sentences that support it and the
    disagreements between sources about a figure it states."""

    number: int
    text: str
    evidence: tuple[Evidence, ...]
    differs: tuple[Differ, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One line of the story timeline: an article arriving or a brief version being built."""

    at: datetime | None
    kind: str  # "article" or "version"
    title: str
    changes: tuple[str, ...] = ()
    version: int | None = None
    outlet: str | None = None
    url: str | None = None
    published: datetime | None = None  # an article's own publication time (``at``: its arrival)

    @property
    def published_apart(self) -> datetime | None:
        """``published`` when it is over an hour from the arrival (an archive, a late fetch):
        the timeline then says when the outlet published, not only when glimpse read it."""
        if self.published is None:
            return None
        if self.at is None:
            return self.published
        gap = abs((_aware(self.at) - _aware(self.published)).total_seconds())
        return self.published if gap > 3600 else None


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StoryView:
    brief: Brief
    summary: tuple[Marked, ...]
    body: tuple[tuple[Marked, ...], ...]
    outlets: int
    timeline: tuple[Event, ...]
    versions: tuple[BriefVersion, ...]
    differs: tuple[Differ, ...] = ()  # disagreements no brief sentence states
    coverage: Coverage | None = None  # who reports what (glimpse.publish.coverage)
    articles: tuple[Article, ...] = ()  # the stored source articles (feed metadata for JSON)

    @property
    def outlet_names(self) -> tuple[str, ...]:
        """The named outlets of the brief's sources, in order, each once (case aside: "NPR"
        and "npr" are one outlet, the first spelling kept)."""
        seen: dict[str, str] = {}
        for source in self.brief.sources:
            if source.outlet is not None:
                seen.setdefault(source.outlet.lower(), source.outlet)
        return tuple(seen.values())


def load_story(store: Store, story_id: str) -> StoryView | None:
    """The story page for ``story_id`` (already resolved), or None if it has no brief."""
    brief, versions, arrivals, own = store.story_page(story_id)
    if brief is None:
        return None
    history = tuple(versions)
    wanted = {r.article for s in _sentences(brief) for r in s.support}
    wanted |= {a for a, _ in arrivals} | {s.article for s in brief.sources}
    found = {a.id: a for a in own}
    if missing := wanted - found.keys():  # cited, but no longer the story's (a re-assignment)
        found.update((a.id, a) for a in store.articles(sorted(missing)))
    articles = {i: found[i] for i in sorted(wanted) if i in found}
    numbered, unplaced = place_differs(brief, _number(brief, articles))
    summary, body = numbered[: len(brief.summary)], numbered[len(brief.summary) :]
    paragraphs: list[tuple[Marked, ...]] = []
    for para in brief.body:
        paragraphs.append(tuple(body[: len(para)]))
        body = body[len(para) :]
    outlets = len({s.outlet or s.url or s.article for s in brief.sources})
    events = timeline(history, arrivals, articles)
    return StoryView(
        brief, tuple(summary), tuple(paragraphs), outlets, events, history, tuple(unplaced),
        story_coverage(brief), tuple(articles.values()),
    )  # fmt: skip


def _sentences(brief: Brief) -> list[BriefSentence]:
    return [*brief.summary, *(s for para in brief.body for s in para)]


def _number(brief: Brief, articles: dict[str, Article]) -> list[Marked]:
    return [
        Marked(i, s.text, tuple(evidence(r, articles) for r in s.support))
        for i, s in enumerate(_sentences(brief), start=1)
    ]


def differ(conflict: Conflict) -> Differ:
    """A conflict as the page words it: "59 dead" (the quantity after the figure; money and
    "people" read as the figure alone or with their noun)."""
    label = "" if conflict.quantity == "money" else f" {conflict.quantity}"
    return Differ(
        conflict.quantity,
        tuple(Figure(v.value + label, v.outlets, v.published) for v in conflict.values),
    )


def _position(brief: Brief, conflict: Conflict) -> int | None:
    """The 0-based number of the brief sentence a conflict is placed at, or None."""
    if conflict.sentence is None:
        return None
    para, index = conflict.sentence
    if conflict.part == "summary":
        return index if para == 0 and 0 <= index < len(brief.summary) else None
    inside = conflict.part == "body" and 0 <= para < len(brief.body)
    if inside and 0 <= index < len(brief.body[para]):
        return len(brief.summary) + sum(len(p) for p in brief.body[:para]) + index
    return None


def place_differs(brief: Brief, numbered: list[Marked]) -> tuple[list[Marked], list[Differ]]:
    """Each conflict beside the sentence it is placed at; the rest (no sentence, or a place
    the brief does not have) listed apart."""
    beside: dict[int, list[Differ]] = {}
    unplaced: list[Differ] = []
    for conflict in brief.conflicts:
        where = _position(brief, conflict)
        if where is None or where >= len(numbered):
            unplaced.append(differ(conflict))
        else:
            beside.setdefault(where, []).append(differ(conflict))
    # replace() only where a conflict sits: it costs ~7 µs a call, on every sentence of every
    # page before, and most sentences state no disputed figure
    marked = [
        replace(m, differs=tuple(beside[i])) if i in beside else m for i, m in enumerate(numbered)
    ]
    return marked, unplaced


def evidence(ref: SupportRef, articles: dict[str, Article]) -> Evidence:
    """The source sentence ``ref`` points at; an unknown pointer says so instead of failing."""
    article = articles.get(ref.article)
    if article is None:
        return Evidence(ref.article, ref.sentence, "(source article not stored)", None, None, "")
    sentences = article.sentences
    text = sentences[ref.sentence].text if 0 <= ref.sentence < len(sentences) else ""
    return Evidence(
        ref.article,
        ref.sentence,
        text or "(sentence not found)",
        article.source,
        article.link,
        article.title,
    )


def timeline(
    history: Sequence[BriefVersion],
    arrivals: Sequence[tuple[str, datetime]],
    articles: dict[str, Article],
) -> tuple[Event, ...]:
    """Arrivals and brief versions in time order; each version says what changed from the last."""
    events = [_arrival(aid, at, articles.get(aid)) for aid, at in arrivals]
    previous: BriefVersion | None = None
    for version in history:
        events.append(
            Event(
                version.built_at,
                "version",
                f"Brief version {version.version}",
                tuple(changes(previous, version)),
                version.version,
            )
        )
        previous = version
    order = {"article": 0, "version": 1}
    events.sort(key=lambda e: (iso(e.at) or "", order[e.kind], e.version or 0))
    return tuple(events)


def _arrival(article_id: str, at: datetime, article: Article | None) -> Event:
    if article is None:
        return Event(at, "article", f"Article {article_id} arrived")
    title = article.title or article_id
    return Event(at, "article", title, (), None, article.source, article.link, article.published)


def changes(old: BriefVersion | None, new: BriefVersion) -> list[str]:
    """What changed between two brief versions, in words; ``old`` None means the first brief."""
    if old is None:
        return [f"First brief, from {_count(len(new.article_ids), 'article')}."]
    out: list[str] = []
    added = [a for a in new.article_ids if a not in set(old.article_ids)]
    if added:
        out.append(f"{_count(len(added), 'new article')}.")
    a, b = old.brief, new.brief
    if a.headline != b.headline:
        out.append(f"Headline changed from “{a.headline}”.")
    if [s.text for s in a.summary] != [s.text for s in b.summary]:
        out.append("Summary rewritten.")
    if [s.text for p in a.body for s in p] != [s.text for p in b.body for s in p]:
        out.append("Body updated.")
    new_tags = [t for t in b.tags if t not in a.tags]
    if new_tags:
        out.append("New tags: " + ", ".join(new_tags) + ".")
    if (a.key_quote and a.key_quote.text) != (b.key_quote and b.key_quote.text):
        out.append("Key quote changed.")
    return out or ["Rebuilt; no visible change."]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def story_json(view: StoryView, url: str) -> dict[str, Any]:
    """The JSON API form of a story page: the brief's keys plus what the page adds."""
    from glimpse.serialize import brief_to_dict

    marked = [*view.summary, *(m for para in view.body for m in para)]
    data = brief_to_dict(view.brief)
    data["sources"] = source_rows(data["sources"], view.articles)
    return {
        "ok": True,
        **data,
        "url": url,
        "outlets": view.outlets,
        "evidence": [
            {"number": m.number, "text": m.text, "support": [_evidence_dict(e) for e in m.evidence]}
            for m in marked
        ],
        "timeline": [_event_dict(e) for e in view.timeline],
        "coverage": coverage_json(view.coverage) if view.coverage else [],
        "versions": [
            {
                "version": v.version,
                "built_at": iso(v.built_at),
                "headline": v.brief.headline,
                "summary": [s.text for s in v.brief.summary],
                "articles": list(v.article_ids),
            }
            for v in view.versions
        ],
    }


def source_rows(rows: list[dict[str, Any]], articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The brief's source rows with what the stored article adds: ``text_source``
    ("feed" or "page"), ``authors``, ``categories`` and ``enclosures`` from its feed item."""
    from glimpse.serialize import enclosure_to_dict

    by_id = {a.id: a for a in articles}
    out = []
    for row in rows:
        article = by_id.get(row["article"])
        extra: dict[str, Any] = {
            "text_source": article.text_source if article else None,
            "authors": list(article.authors) if article else [],
            "categories": list(article.categories) if article else [],
            "enclosures": [enclosure_to_dict(e) for e in article.enclosures] if article else [],
        }
        out.append(row | extra)
    return out


def _evidence_dict(e: Evidence) -> dict[str, Any]:
    return {
        "article": e.article,
        "sentence": e.sentence,
        "text": e.text,
        "outlet": e.outlet,
        "url": e.url,
        "headline": e.headline,
    }


def _event_dict(e: Event) -> dict[str, Any]:
    return {
        "at": iso(e.at),
        "kind": e.kind,
        "title": e.title,
        "changes": list(e.changes),
        "version": e.version,
        "outlet": e.outlet,
        "url": e.url,
        "published": iso(e.published),
    }
