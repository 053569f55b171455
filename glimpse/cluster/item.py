"""The clustering view of one article: terms, entities, time, vector and MinHash."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from glimpse.cluster.minhash import minhash_signature
from glimpse.cluster.options import ClusterOptions
from glimpse.models import Article, Features

_TOKEN = re.compile(r"[a-z0-9_]+(?:[.'][a-z0-9_]+)*")
# Headline words that say nothing about which event is meant.
_NEWS_WORDS = frozenset(
    {"says", "said", "new", "news", "report", "reports", "update", "live", "video"}
)
_STOP = ENGLISH_STOP_WORDS | _NEWS_WORDS


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


def fuse_entities(text: str, names: set[str]) -> str:
    """Lower-case ``text`` and join each multi-word entity name into one term ("north_korea"),
    so that sharing a country counts as one shared term, not two."""
    low = text.lower()
    for name in sorted(names, key=len, reverse=True):
        if " " in name and name in low:
            low = low.replace(name, name.replace(" ", "_"))
    return low


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
    ``entities`` lower-cased entity names; ``time`` seconds since the epoch (UTC) or None.
    """

    id: str
    time: float | None
    terms: tuple[tuple[str, float], ...]
    entities: tuple[str, ...] = ()
    vector: tuple[float, ...] = ()
    minhash: tuple[int, ...] = ()

    @classmethod
    def from_records(
        cls, article: Article, features: Features | None, options: ClusterOptions | None = None
    ) -> ClusterItem:
        """Build from an article and its enrich features (vector/MinHash may be empty)."""
        opts = options or ClusterOptions()
        feats = features or Features(article=article.id)
        names = {e.name.lower() for e in feats.entities if e.name.strip()}
        body = " ".join(p for p in (article.lede, article.text) if p).split()
        body_text = fuse_entities(" ".join(body[: opts.body_words]), names)
        counts: dict[str, float] = {}
        for t in terms_of(fuse_entities(article.title, names)):
            counts[t] = counts.get(t, 0.0) + opts.title_weight
        for t in terms_of(body_text):
            counts[t] = counts.get(t, 0.0) + 1.0
        minhash = feats.minhash
        if not minhash:
            minhash = minhash_signature(article.text or article.title, num_perm=opts.num_perm)
        return cls(
            id=article.id,
            time=timestamp(article.published),
            terms=tuple(sorted(counts.items())),
            entities=tuple(sorted(names)),
            vector=feats.vector,
            minhash=minhash,
        )
