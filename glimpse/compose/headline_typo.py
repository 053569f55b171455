"""A source's typo is not carried into the headline when the other sources spell the phrase right.

"A least seven people were killed" in one article, "at least seven" in the others: a headline
written from the first would print the typo, though every word of it is a source word. A word
pair of a candidate is taken for a typo when the sources write it in one sentence only, while a
pair one letter away (one word the same, the other at Levenshtein distance 1, rapidfuzz) is
written in at least :data:`MIN_RIGHT` sentences and :data:`RATIO` times as many. Two forms of
one word ("fires" / "fired", "has" / "had", "girl" / "girls") are never a typo of each other:
the headline changes tense and number on purpose.

Hand-written: no installed spelling library knows a story's names, and this one only compares
the story's sources with each other.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from glimpse.compose.headline_check import verb_lemmas
from glimpse.compose.memo import text_memo
from glimpse.compose.terms import normalise

__all__ = ["Pairs", "misspelt_pair", "word_pairs"]

MIN_RIGHT = 3
RATIO = 3
_WORD = re.compile(r"[^\W_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Pairs:
    """How many source texts contain each pair of adjacent words, indexed by either word."""

    counts: Counter[tuple[str, str]]
    after: dict[str, dict[str, int]]  # first word -> second word -> texts
    before: dict[str, dict[str, int]]  # second word -> first word -> texts


def _words(text: str) -> list[str]:
    if text.isascii():  # lower-casing ASCII keeps every word's bounds: one call, not one a word
        return _WORD.findall(text.lower())
    return [w.lower() for w in _WORD.findall(text)]


def word_pairs(texts: Iterable[str]) -> Pairs:
    """The word pairs of ``texts`` (lowercase), each counted once per text (remembered: the
    headline writer and the fusion of its forms both read a story's pairs; read-only)."""
    return _word_pairs(tuple(texts))


@text_memo(maxsize=8)
def _word_pairs(texts: tuple[str, ...]) -> Pairs:
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        counts.update(set(pairwise(_words(text))))
    after: defaultdict[str, dict[str, int]] = defaultdict(dict)
    before: defaultdict[str, dict[str, int]] = defaultdict(dict)
    for (a, b), n in counts.items():  # every pair of a big story: the defaults made in C
        after[a][b] = n
        before[b][a] = n
    return Pairs(counts, dict(after), dict(before))


def _forms_of_one_word(a: str, b: str) -> bool:
    stem = normalise(a)
    return (stem is not None and stem == normalise(b)) or bool(verb_lemmas(a) & verb_lemmas(b))


def _better(word: str, seen: int, others: dict[str, int]) -> str | None:
    """A word one letter from ``word`` written in many more texts in the same place."""
    wanted = max(MIN_RIGHT, RATIO * seen)
    for other, count in others.items():
        near = Levenshtein.distance(word, other, score_cutoff=1) == 1
        if count >= wanted and near and not _forms_of_one_word(word, other):
            return other
    return None


def misspelt_pair(text: str, pairs: Pairs) -> str | None:
    """The first word pair of ``text`` that looks like one source's typo (see the module
    docstring), as "wrong -> right", or None."""
    for first, second in pairwise(_words(text)):
        seen = pairs.counts[(first, second)]
        if seen > 1:
            continue
        if right := _better(second, seen, pairs.after.get(first, {})):
            return f"{first} {second} -> {first} {right}"
        if right := _better(first, seen, pairs.before.get(second, {})):
            return f"{first} {second} -> {right} {second}"
    return None
