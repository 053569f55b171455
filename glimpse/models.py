"""Record dataclasses: the values that flow between pipeline stages.

Every record is a frozen, slotted dataclass; change one with ``dataclasses.replace``.
Ids are content hashes (see :func:`content_id`) so re-ingesting the same article is a no-op.
JSON shapes follow ``DESIGN.md`` (see :mod:`glimpse.serialize`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

#: ``Article.kind`` of an article with a body, the only kind a brief is written from
ARTICLE = "article"
#: ``Article.kind`` of a headline without a body (a feed item with only a title and a short
#: snippet, a JSON Lines row with a title and no text): it counts as its outlet's coverage of
#: the story and is listed among its sources, but no brief sentence, quote, headline support
#: or tag is ever taken from it
HEADLINE = "headline"


def content_id(*parts: str, prefix: str = "") -> str:
    """A short, stable id: the first 16 hex digits of sha256 over ``parts``."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}{digest}"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article body; ``start``/``end`` are offsets into ``Article.text``."""

    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file a feed item carries (a podcast's audio, a photo).

    JSON: ``{"url", "type", "length"}`` (``length`` in bytes, None when the feed gives none)."""

    url: str
    type: str | None = None
    length: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One extracted article; ``sentences`` index the body ``text``, ``source`` is the outlet."""

    id: str
    title: str
    text: str
    url: str | None = None
    lede: str = ""
    paragraphs: tuple[str, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    paywalled: bool | None = None
    story: str | None = None  # a story label given with the input (JSON Lines `story`)
    fetched: datetime | None = None
    kind: str = ARTICLE  # ARTICLE, or HEADLINE: a title without a body (no text, no sentences)
    # where ``text`` came from: "page" (extracted from HTML), "feed" (a feed item's own text),
    # None (a plain-text record, or a headline: it has no text)
    text_source: str | None = None
    categories: tuple[str, ...] = ()  # a feed item's categories (RSS category, Atom term)
    enclosures: tuple[Enclosure, ...] = ()  # a feed item's enclosures (JSON Feed attachments)

    @property
    def is_headline(self) -> bool:
        """A headline article: counted as coverage, never written from."""
        return self.kind == HEADLINE

    @property
    def link(self) -> str | None:
        """Where readers are sent: the page's own canonical http(s) address when it names one
        (e.g. the original of a copy fetched through the demo wire), else the fetched URL."""
        canonical = self.canonical_url or ""
        return canonical if canonical.startswith(("https://", "http://")) else self.url


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with its canonical name inside one article or story.

    ``type`` is one of PERSON, PLACE, ORG, EVENT, PRODUCT, OTHER. ``aliases`` are the surface
    forms seen ("Kim", "North Korean leader Kim Jong Un") that resolve to ``name``.
    """

    name: str
    type: str
    count: int = 1
    articles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Features:
    """Everything enrich computes once per article and stores, for clustering and briefs to reuse.

    ``vector`` is the L2-normalised MiniLM embedding of title + lede (float32 values), ``minhash``
    the datasketch MinHash hash values of the body shingles.
    """

    article: str
    entities: tuple[Entity, ...] = ()
    keyphrases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    vector: tuple[float, ...] = ()
    minhash: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class SupportRef:
    """A pointer to one source sentence: article id and index into that article's ``sentences``."""

    article: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Edit:
    """A grounded substitution inside a brief sentence: the source's words ``source`` ("He")
    became ``to`` ("Stephen Paddock"), whose words come from ``article``'s sentence
    ``sentence`` (JSON: ``{"from", "to", "article", "sentence"}``)."""

    source: str
    to: str
    article: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Corroboration:
    """A source sentence that states the same fact as a brief sentence, and its outlet
    (JSON: ``{"article", "sentence", "outlet"}``). Evidence, not a claim: the grounding check
    reads ``support`` only."""

    article: str
    sentence: int
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """A sentence of a brief together with the source sentences that back it.

    A sentence without support cannot be built: grounding is part of the type. ``edits`` are
    the grounded substitutions (a pronoun replaced by the name it refers to, an attribution
    frame added) that make it differ from its support; the grounding check accepts exactly these.
    ``checks`` are the verification gate's checks a written sentence passed (name, passed),
    empty for an extracted sentence (it supports itself).
    ``corroboration`` lists every source sentence (support first) that states the same fact, one
    per article, so its distinct outlets say who reports it (empty: not computed).
    """

    text: str
    support: tuple[SupportRef, ...]
    edits: tuple[Edit, ...] = ()
    checks: tuple[tuple[str, bool], ...] = ()
    corroboration: tuple[Corroboration, ...] = ()

    def __post_init__(self) -> None:
        if not self.support:
            raise ValueError(f"brief sentence has no support: {self.text[:60]!r}")
        if not self.text.strip():
            raise ValueError("brief sentence is empty")


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim quotation copied character for character from ``article``'s sentence."""

    text: str
    speaker: str | None
    article: str
    sentence: int
    url: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class ConflictValue:
    """One figure the sources give for a disputed quantity, with who gives it and when."""

    value: str
    articles: tuple[str, ...]
    published: datetime | None = None
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that give different figures for one quantity ("dead": 59 vs 50).

    ``part`` and ``sentence`` locate the brief sentence that states the figure: ``part`` is
    "summary" or "body", ``sentence`` is ``(paragraph, index)`` (paragraph 0 for the summary),
    both None when the brief states none. ``values`` are newest first.
    """

    quantity: str
    values: tuple[ConflictValue, ...]
    sentence: tuple[int, int] | None = None
    part: str | None = None


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One source article of a story as a reader sees it in the sources list."""

    article: str
    outlet: str | None
    url: str | None
    headline: str
    lede: str
    published: datetime | None
    kind: str = ARTICLE  # the source article's kind (a headline has no lede)


@dataclass(frozen=True, slots=True)
class Writer:
    """Who wrote a brief: ``name`` is ``"extractive"`` or ``"llm"``, ``model`` the language
    model behind an LLM brief (None for extractive), ``version`` the writer's versioned
    component name (``glimpse.compose.extractive.v9``): a build rewrites every brief whose
    writer ``key`` differs from the configured one (an upgrade, another writer or model)."""

    name: str = "extractive"
    model: str | None = None
    version: str = ""

    @property
    def key(self) -> str:
        """What the store compares to decide that a brief needs rewriting."""
        return f"{self.version}:{self.model}" if self.version and self.model else self.version


@dataclass(frozen=True, slots=True)
class Brief:
    """The story brief: what a reader sees for one story."""

    story: str
    headline: str
    summary: tuple[BriefSentence, ...]
    body: tuple[tuple[BriefSentence, ...], ...]
    key_quote: Quote | None
    tags: tuple[str, ...]
    updated_at: datetime | None
    sources: tuple[SourceRef, ...]
    entities: tuple[Entity, ...] = ()
    headline_support: tuple[SupportRef, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    writer: Writer = Writer()
    unwritten: str = ""  # why there is no written brief (only headlines so far); "" if written


@dataclass(frozen=True, slots=True)
class Story:
    """A story: a group of articles that report the same event."""

    id: str
    articles: tuple[str, ...]
    created_at: datetime | None = None
    updated_at: datetime | None = None
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """A record a stage could not handle: kept in the run report and the database."""

    stage: str
    record: str
    code: str
    reason: str


@dataclass(slots=True)
class RunReport:
    """What a run did: counts per stage and every skipped record with its reason."""

    counts: dict[str, int] = field(default_factory=dict)
    skips: list[Skip] = field(default_factory=list)
    warnings: list[Skip] = field(default_factory=list)  # kept records that were changed

    def count(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def skip(self, stage: str, record: str, code: str, reason: str) -> None:
        self.skips.append(Skip(stage, record, code, reason))
        self.count(f"{stage}.skipped")

    def warn(self, stage: str, record: str, code: str, reason: str) -> None:
        """A record that went on but not unchanged (a body cut at the length limit)."""
        self.warnings.append(Skip(stage, record, code, reason))
