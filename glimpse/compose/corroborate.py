"""Who reports what: for each brief sentence, the source sentences of other outlets that state the
same fact.

:func:`corroborate` is pure: it compares the content terms (:mod:`glimpse.compose.terms`) of a
brief sentence with every story sentence that shares one of them, weighting each term by how few
of the story's sentences use it (so "North Korea" in a North Korea story counts for little and
"Hokkaido" for much). A sentence that states a high enough weighted share of the brief sentence's
terms states the same fact; one in the band below is compared by MiniLM cosine when an ``embed``
function is given, for the best few such pairs only (the model embeds ~150 texts/s here). A
sentence never corroborates when its figures conflict with the brief sentence's
(:func:`glimpse.compose.figures.same_figure`), or when one of the two is negated and the other
is not.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from glimpse.compose.figures import figures, same_figure
from glimpse.compose.terms import content_words
from glimpse.models import Article, BriefSentence, Corroboration

#: A weighted share of the brief sentence's terms at or above this is the same fact...
SAME_SHARE = 0.6
#: ...if at least this many terms are shared; a share in [BORDER_SHARE, SAME_SHARE) is
#: compared by meaning (MiniLM cosine of at least SAME_COSINE).
MIN_SHARED = 3
BORDER_SHARE = 0.4
SAME_COSINE = 0.8
#: At most this many borderline pairs (the best-sharing first) are embedded per brief: each text
#: costs ~7-20 ms on these CPUs.
MAX_EMBEDDED = 6

Embed = Callable[[list[str]], Any]  # texts -> unit vectors (rows), e.g. Embedder.embed


@dataclass(frozen=True, slots=True)
class _Candidate:
    article: str
    index: int
    text: str
    outlet: str | None
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Match:
    brief: int  # index of the brief sentence
    candidate: _Candidate
    share: float


def _weights(candidates: Sequence[_Candidate]) -> dict[str, float]:
    """Inverse sentence frequency of each term across the story (log(1 + S / df))."""
    df: Counter[str] = Counter()
    for c in candidates:
        df.update(c.terms)
    total = max(len(candidates), 1)
    return {t: math.log1p(total / n) for t, n in df.items()}


def _whole(terms: frozenset[str], weights: dict[str, float]) -> float:
    """The weight of ``terms`` (a term no story sentence uses, e.g. a name an edit added,
    weighs as much as the rarest)."""
    rarest = max(weights.values(), default=1.0)
    return sum(weights.get(t, rarest) for t in terms)


def _share(
    terms: frozenset[str], other: frozenset[str], weights: dict[str, float], whole: float
) -> float:
    """The weighted share of ``terms`` (weighing ``whole``: :func:`_whole`) that ``other``
    states."""
    shared = sum(weights[t] for t in terms & other)
    return shared / whole if whole else 0.0


def conflicting(text: str, other: str) -> bool:
    """Whether ``other`` contradicts ``text`` on its face: a figure that counts the same thing
    with a different value, numbers each lacks of the other's ("1 million" / "two million" when
    the counted noun is not one :mod:`~glimpse.compose.figures` knows), or a negation only one
    of them has."""
    mine_words, other_words = set(content_words(text)), set(content_words(other))
    if ("not" in mine_words) != ("not" in other_words):
        return True
    mine_numbers = {w for w in mine_words if w[:1].isdigit()}
    other_numbers = {w for w in other_words if w[:1].isdigit()}
    if mine_numbers - other_numbers and other_numbers - mine_numbers:
        return True
    mine = figures(text)
    return any(
        a.key == b.key and a.prior == b.prior and not same_figure(a, b)
        for a in mine
        for b in figures(other)
    )


def _candidates(articles: Sequence[Article]) -> list[_Candidate]:
    return [
        _Candidate(a.id, s.index, s.text, a.source, frozenset(content_words(s.text)))
        for a in articles
        for s in a.sentences
    ]


def _best_per_article(
    index: int, sentence: BriefSentence, pool: Sequence[_Candidate], weights: dict[str, float]
) -> list[_Match]:
    """The best-sharing sentence of each article other than the support's, above the border."""
    terms = frozenset(content_words(sentence.text))
    own = {r.article for r in sentence.support}
    whole = _whole(terms, weights)
    best: dict[str, _Match] = {}
    for c in pool:
        if c.article in own or len(terms & c.terms) < min(MIN_SHARED, len(terms)):
            continue
        share = _share(terms, c.terms, weights, whole)
        if share < BORDER_SHARE or (c.article in best and best[c.article].share >= share):
            continue
        if not conflicting(sentence.text, c.text):
            best[c.article] = _Match(index, c, share)
    return list(best.values())


def _by_meaning(
    sentences: Sequence[BriefSentence], border: list[_Match], embed: Embed | None
) -> list[_Match]:
    """The borderline matches whose MiniLM cosine says they state the same fact."""
    if embed is None or not border:
        return []
    border = sorted(border, key=lambda m: -m.share)[:MAX_EMBEDDED]
    texts = list(dict.fromkeys([*(sentences[m.brief].text for m in border),
                                *(m.candidate.text for m in border)]))  # fmt: skip
    vectors = dict(zip(texts, np.asarray(embed(texts)), strict=True))
    return [
        m
        for m in border
        if float(vectors[sentences[m.brief].text] @ vectors[m.candidate.text]) >= SAME_COSINE
    ]


def corroborate(
    sentences: Sequence[BriefSentence],
    articles: Sequence[Article],
    embed: Embed | None = None,
) -> list[tuple[Corroboration, ...]]:
    """For each brief sentence, the source sentences that state its fact: its support first,
    then at most one sentence per other article (best first). ``embed`` (texts -> unit vectors)
    settles borderline pairs; without it only the lexical test decides."""
    by_id = {a.id: a for a in articles}
    pool = _candidates(articles)
    weights = _weights(pool)
    matches: list[_Match] = []
    for i, sentence in enumerate(sentences):
        matches += _best_per_article(i, sentence, pool, weights)
    sure = [m for m in matches if m.share >= SAME_SHARE]
    sure += _by_meaning(sentences, [m for m in matches if m.share < SAME_SHARE], embed)
    out: list[tuple[Corroboration, ...]] = []
    for i, sentence in enumerate(sentences):
        own = [
            Corroboration(r.article, r.sentence, by_id[r.article].source if r.article in by_id
                          else None)
            for r in sentence.support
        ]  # fmt: skip
        mine = sorted((m for m in sure if m.brief == i), key=lambda m: -m.share)
        own += [Corroboration(m.candidate.article, m.candidate.index, m.candidate.outlet)
                for m in mine]  # fmt: skip
        out.append(tuple(own))
    return out


def corroborate_brief(
    summary: tuple[BriefSentence, ...],
    body: tuple[tuple[BriefSentence, ...], ...],
    articles: Sequence[Article],
    embed: Embed | None = None,
) -> tuple[tuple[BriefSentence, ...], tuple[tuple[BriefSentence, ...], ...]]:
    """``summary`` and ``body`` with ``corroboration`` set on every sentence."""
    flat = [*summary, *(s for para in body for s in para)]
    found = iter(corroborate(flat, articles, embed))
    new_summary = tuple(replace(s, corroboration=next(found)) for s in summary)
    new_body = tuple(tuple(replace(s, corroboration=next(found)) for s in p) for p in body)
    return new_summary, new_body


def outlets_reporting(sentence: BriefSentence) -> tuple[str, ...]:
    """The distinct outlets (in order) whose sentences state ``sentence``'s fact."""
    return tuple(dict.fromkeys(c.outlet for c in sentence.corroboration if c.outlet))
