"""MinHash signatures over word shingles, for near-duplicate (syndicated copy) detection."""

from __future__ import annotations

import re

from datasketch import LeanMinHash, MinHash

from glimpse.headline import feature_title
from glimpse.models import Article

SEED = 1
SHINGLE = 3
# datasketch >= 2 asks for the hash scheme explicitly; stored signatures use this one.
SCHEME = "affine32"
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> list[str]:
    """Lower-cased word k-grams; texts shorter than ``k`` words give their words."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return words
    return [" ".join(words[i : i + k]) for i in range(len(words) - k + 1)]


def minhash_signature(text: str, *, num_perm: int = 64) -> tuple[int, ...]:
    """The datasketch MinHash hash values of ``text``'s word shingles; ``()`` for empty text."""
    grams = shingles(text)
    if not grams:
        return ()
    mh = MinHash(num_perm=num_perm, seed=SEED, scheme=SCHEME)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return tuple(int(v) for v in mh.hashvalues)


def article_signature(article: Article, *, num_perm: int = 64) -> tuple[int, ...]:
    """The MinHash of an article: of its body, or of its headline when it has none (a title
    that only names the site does not count: two such articles are not copies)."""
    return minhash_signature(article.text or feature_title(article), num_perm=num_perm)


def lean(signature: tuple[int, ...]) -> LeanMinHash:
    """A query-ready MinHash from stored hash values (no permutations are regenerated)."""
    return LeanMinHash(seed=SEED, hashvalues=signature, scheme=SCHEME)
