"""The clustering view of one article: terms, entities, time, vector and MinHash."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from glimpse.cluster.minhash import article_signature
from glimpse.cluster.options import ClusterOptions
from glimpse.headline import feature_title
from glimpse.models import Article, Features

_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
# Headline words that say nothing about which event is meant.
_NEWS_WORDS = frozenset(
    {"says", "said", "new", "news", "report", "reports", "update", "live", "video"}
)
_STOP = ENGLISH_STOP_WORDS | _NEWS_WORDS
# Entity types that name where something happened; sharing only these does not make a story.
PLACE_TYPES = frozenset({"PLACE", "GPE", "LOC", "NORP"})


def _normalise(word: str) -> str:
    """Fold possessives and a plural ``s`` so "talks"/"talk" and "Kim's"/"Kim" meet.

    Written by hand: a full stemmer (nltk's Porter) is slower and needs no data only for
    Porter, and this light fold is all headline matching needs.
    """
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def terms_of(text: str) -> list[str]:
    """Content words of ``text``: lower-cased, stop words dropped, lightly normalised."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return [_normalise(w) for w in words if w not in _STOP and len(w) > 1]


def entity_groups(names: set[str]) -> tuple[tuple[str, ...], ...]:
    """The terms of each multi-word entity name ("north korea" -> ("north", "korea"))."""
    groups = {tuple(sorted(set(terms_of(name)))) for name in names}
    return tuple(sorted(g for g in groups if len(g) > 1))


def body_tokens(article: Article) -> list[str]:
    """The words of the article's lede and text: their count decides whether it is a full
    article (``body_min_words``, ``reopen_min_words``)."""
    return " ".join(p for p in (article.lede, article.text) if p).split()


def timestamp(when: datetime | None) -> float | None:
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


@dataclass(frozen=True, slots=True)
class ClusterItem:
    """What the clusterer needs of one article, computed once from its stored features.

    ``terms`` are (term, weight) pairs with title terms counted ``title_weight`` times;
    ``entities`` lower-cased entity names; ``time`` seconds since the epoch (UTC) or None;
    ``groups`` the terms of each multi-word entity, which count as one shared term;
    ``places`` the terms of place names, which alone never make two articles one story.
    """

    id: str
    time: float | None
    terms: tuple[tuple[str, float], ...]
    entities: tuple[str, ...] = ()
    vector: tuple[float, ...] = ()
    minhash: tuple[int, ...] = ()
    groups: tuple[tuple[str, ...], ...] = ()
    places: frozenset[str] = frozenset()
    body_words: int = 0

    @classmethod
    def from_records(
        cls, article: Article, features: Features | None, options: ClusterOptions | None = None
    ) -> ClusterItem:
        """Build from an article and its enrich features (vector/MinHash may be empty)."""
        opts = options or ClusterOptions()
        feats = features or Features(article=article.id)
        names = {e.name.lower() for e in feats.entities if e.name.strip()}
        body = body_tokens(article)
        body_text = " ".join(body[: opts.body_words])
        counts: dict[str, float] = {}
        for t in terms_of(feature_title(article)):
            counts[t] = counts.get(t, 0.0) + opts.title_weight
        for t in terms_of(body_text):
            counts[t] = counts.get(t, 0.0) + 1.0
        # sublinear TF: "Korea" twice in "North Korea and South Korea" is not twice the topic
        counts = {t: 1.0 + math.log(c) if c > 1 else c for t, c in counts.items()}
        minhash = feats.minhash
        if not minhash:
            minhash = article_signature(article, num_perm=opts.num_perm)
        return cls(
            id=article.id,
            time=timestamp(article.published),
            terms=tuple(sorted(counts.items())),
            entities=tuple(sorted(names)),
            vector=feats.vector,
            minhash=minhash,
            groups=entity_groups(names),
            body_words=len(body),
            places=frozenset(
                t for e in feats.entities if e.type in PLACE_TYPES for t in terms_of(e.name)
            ),
        )
