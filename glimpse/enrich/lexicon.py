"""Is a lowercase token an English word? From spaCy's English lemma tables (WordNet's
nouns, verbs, adjectives and adverbs, with the inflection rules) and ``wordfreq``.

Used to reject misspellings and chat spellings as topics ("askin", "Mnday") and to tell
dictionary words from names in headline-case titles.
"""

from __future__ import annotations

import functools
import re
from typing import Any

POS = ("noun", "verb", "adj", "adv")
FREQUENT_ZIPF = 3.5  # this common in wordfreq (Zipf scale) counts as a word without a lemma


@functools.cache
def lemma_tables() -> tuple[dict[str, frozenset[str]], dict[str, Any], dict[str, Any]]:
    from glimpse.nlp import load_spacy  # spaCy is heavy: loaded on first use

    lookups = load_spacy().get_pipe("lemmatizer").lookups
    index = {p: frozenset(lookups.get_table("lemma_index", {}).get(p, ())) for p in POS}
    exc = {p: lookups.get_table("lemma_exc", {}).get(p, {}) for p in POS}
    rules = {p: lookups.get_table("lemma_rules", {}).get(p, []) for p in POS}
    return index, exc, rules


@functools.lru_cache(maxsize=100_000)
def lemma_classes(word: str) -> frozenset[str]:
    """The word classes ("noun", "verb", "adj", "adv") ``word`` (lowercase) is a
    dictionary form or a regular inflection of."""
    index, exc, rules = lemma_tables()
    found = set()
    for pos in POS:
        forms = [word] + [word[: len(word) - len(o)] + n for o, n in rules[pos] if word.endswith(o)]
        if word in exc[pos] or any(f in index[pos] for f in forms):
            found.add(pos)
    return frozenset(found)


def has_lemma(word: str) -> bool:
    """Is ``word`` (lowercase) a dictionary word or a regular inflection of one?"""
    return bool(lemma_classes(word))


def can_be_noun(word: str) -> bool:
    """False only for a dictionary word with no noun reading ("derails", "says"): a
    headline verb the tagger took for a noun. Unknown words may be names: True."""
    classes = lemma_classes(word.lower())
    return not classes or "noun" in classes


def zipf(word: str) -> float:
    from glimpse.enrich.keyphrases import zipf as _zipf

    return _zipf(word)


def is_word(word: str) -> bool:
    """A word a dictionary knows, or one common in general English; hyphen parts each."""
    parts = [p for p in re.split(r"[-'’]", word.lower()) if p]
    return bool(parts) and all(
        not p.isalpha() or has_lemma(p) or zipf(p) >= FREQUENT_ZIPF for p in parts
    )
