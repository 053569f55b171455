"""Paragraph-level voting between extractors (a pure function over strings).

Published comparisons of boilerplate removers (e.g. Barbaresi & Lejeune 2020; the Zyte benchmark
whitepaper) find that combining extractors beats any single one: their mistakes differ, while
real article text is found by most of them. A recall-oriented extractor proposes paragraphs and
the others vote; a paragraph is "found" by a voter when most of its word trigrams occur in that
voter's output, which makes the vote independent of how each tool splits paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"\w+")


def trigrams(text: str) -> frozenset[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def coverage(paragraph: str, found: frozenset[tuple[str, ...]]) -> float:
    """Share of the paragraph's word trigrams present in ``found``."""
    own = trigrams(paragraph)
    return sum(1 for gram in own if gram in found) / len(own) if own else 0.0


def vote(
    candidates: Sequence[str],
    voters: Sequence[str],
    *,
    min_votes: int = 1,
    threshold: float = 0.8,
) -> tuple[str, ...]:
    """Keep the candidate paragraphs that enough voters also extracted.

    (1) Voters that found nothing abstain, so ``min_votes`` is capped by the number of voters
    left (with no voter left every candidate is kept). (2) A candidate is kept when at least
    ``min_votes`` voters cover ``threshold`` of its trigrams. (3) An article body is one
    contiguous run of text, so every candidate between the first and the last kept one is kept
    too (a short line inside the body, such as a quote or a subheading, is rarely found by all).
    """
    grams = [g for g in (trigrams(v) for v in voters) if g]
    need = min(min_votes, len(grams))
    kept = [sum(coverage(p, g) >= threshold for g in grams) >= need for p in candidates]
    if not any(kept):
        return ()
    first = kept.index(True)
    last = len(kept) - 1 - kept[::-1].index(True)
    return tuple(candidates[first : last + 1])
