"""Hand-made stories for tests, the serve benchmark and screenshots (no pipeline, no models).

``fill_store(store, n)`` stores ``n`` stories of 2–5 articles from different outlets, each with a
brief whose sentences are copied from (and supported by) its articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

from glimpse.models import Article, Brief, BriefSentence, Quote, Sentence, SourceRef, SupportRef

OUTLETS = (
    "Harbour Herald",
    "Daily Ledger",
    "Metro Wire",
    "Coastal Times",
    "The Observer Post",
    "Valley Gazette",
    "Northern Star",
    "Capital Report",
)
TOPICS = (
    ("harbour bridge", "Lisbon", "Ana Costa", "Port Authority", "approved a new"),
    ("wildfire", "Valencia", "Miguel Ortiz", "Civil Protection", "evacuated villages near a"),
    ("rail strike", "Lyon", "Claire Martin", "SNCF", "halted trains during a"),
    ("flood defences", "Rotterdam", "Jan de Vries", "Water Board", "raised the height of"),
    ("chip factory", "Dresden", "Lena Vogel", "Silicon Saxony", "opened a"),
    ("climate summit", "Nairobi", "Amina Odhiambo", "UNEP", "hosted a"),
    ("election recount", "Krakow", "Piotr Nowak", "Electoral Commission", "ordered an"),
    ("museum heist", "Antwerp", "Sofie Peeters", "Federal Police", "investigated a"),
)
BASE_TIME = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


class StoreWriter(Protocol):
    """The part of :class:`glimpse.store.Store` the samples write through."""

    def add_article(self, article: Article) -> bool: ...
    def save_assignments(
        self,
        assignments: Sequence[tuple[str, str]],
        merges: Sequence[tuple[str, str]],
        state: bytes | None,
    ) -> None: ...
    def save_brief(self, brief: Brief) -> int: ...


def _sentences(parts: Sequence[str]) -> tuple[str, tuple[Sentence, ...]]:
    text, out, pos = "", [], 0
    for i, part in enumerate(parts):
        if text:
            text += " "
            pos += 1
        out.append(Sentence(i, part, pos, pos + len(part)))
        text += part
        pos += len(part)
    return text, tuple(out)


def sample_article(story: int, n: int, *, title: str | None = None) -> Article:
    """Article ``n`` of story ``story``: four sentences, one of them a quote, from one outlet."""
    event, place, person, org, verb = TOPICS[story % len(TOPICS)]
    outlet = OUTLETS[(story + n) % len(OUTLETS)]
    label = f"{event} {story}" if story >= len(TOPICS) else event
    parts = [
        f"The {org} in {place} {verb} {label} on Friday, officials said.",
        f"Reporters from {outlet} counted {120 + 7 * n} people at the site of the {label}.",
        f"“We will publish every figure by Monday,” {person} said.",
        f"Update {n}: the {org} said the {label} review would take {n + 2} weeks.",
    ]
    text, sentences = _sentences(parts)
    published = BASE_TIME - timedelta(hours=story % 48) + timedelta(minutes=25 * n)
    return Article(
        id=f"a{story:04d}n{n}",
        title=title or f"{place}: {org} {verb} {label} ({outlet})",
        text=text,
        url=f"https://example.org/{outlet.lower().replace(' ', '-')}/{story}/{n}",
        lede=parts[0],
        paragraphs=(text,),
        sentences=sentences,
        published=published,
        source=outlet,
        language="en",
    )


def story_id(story: int) -> str:
    return f"s{story:05d}"


def sample_tags(story: int) -> tuple[str, ...]:
    event, place, person, org, _ = TOPICS[story % len(TOPICS)]
    return (f"{place} {event}".title(), place, person, org)


def sample_brief(sid: str, articles: Sequence[Article], tags: Sequence[str] = ()) -> Brief:
    """A brief copied sentence by sentence from ``articles``, each sentence supported."""
    first = articles[0]

    def copy(a: Article, i: int) -> BriefSentence:
        return BriefSentence(a.sentences[i].text, (SupportRef(a.id, i),))

    summary = (copy(first, 0), copy(first, 1))
    body = tuple((copy(a, 3), copy(a, 1)) for a in articles[1:]) or ((copy(first, 3),),)
    quote = Quote(first.sentences[2].text, "unnamed", first.id, 2, first.url, first.source)
    speaker = tags[2] if len(tags) > 2 else None  # sample_tags puts the person third
    return Brief(
        story=sid,
        headline=first.title.split(" (")[0],
        summary=summary,
        body=body,
        key_quote=Quote(quote.text, speaker, quote.article, 2, quote.url, quote.outlet),
        tags=tuple(tags),
        updated_at=max(a.published for a in articles if a.published),
        sources=tuple(
            SourceRef(a.id, a.source, a.url, a.title, a.lede, a.published) for a in articles
        ),
    )


def add_story(
    store: StoreWriter, sid: str, articles: Sequence[Article], tags: Sequence[str]
) -> int:
    """Store ``articles`` in story ``sid`` and save a brief over them; returns its version."""
    for article in articles:
        store.add_article(article)
    store.save_assignments([(a.id, sid) for a in articles], [], None)
    return store.save_brief(sample_brief(sid, articles, tags))


def fill_store(store: StoreWriter, stories: int = 12, *, first: int = 0) -> list[str]:
    """Store ``stories`` sample stories (2–5 articles each); returns their ids."""
    ids = []
    for s in range(first, first + stories):
        articles = [sample_article(s, n) for n in range(2 + s % 4)]
        add_story(store, story_id(s), articles, sample_tags(s))
        ids.append(story_id(s))
    return ids
