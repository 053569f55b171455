"""The headline's part of the grounding check: every content word of the headline is in the
sources (their titles or sentences).

A headline is written in the present tense, so its verb may differ from the source's past
form: "raises" and "raised" share a Snowball stem, but "makes" and "made" do not. A headline
word the stems do not find is therefore also accepted when one of its verb lemmas is a verb
lemma of a source word ("makes" and "made" are both forms of "make"), read from spaCy's English
lemma tables (:func:`glimpse.enrich.lexicon.lemma_tables`). Only inflections of the same verb
count: never a synonym.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from glimpse.compose.terms import tokens, unsupported_keys
from glimpse.models import Article


@functools.lru_cache(maxsize=65536)
def verb_lemmas(word: str) -> frozenset[str]:
    """The verbs ``word`` is a form of: irregular forms from the exception table, regular ones
    by the inflection rules when the result is a dictionary verb ("made" -> {"make"})."""
    from glimpse.enrich.lexicon import lemma_tables  # loads spaCy's tables on first use

    index, exc, rules = lemma_tables()
    low = word.lower()
    found = set(exc["verb"].get(low, ()))
    if low in index["verb"]:
        found.add(low)
    for old, new in rules["verb"]:
        if low.endswith(old) and (form := low[: len(low) - len(old)] + new) in index["verb"]:
            found.add(form)
    return frozenset(found)


def source_lemmas(texts: Iterable[str]) -> frozenset[str]:
    """Every verb lemma of the words of ``texts`` (function words too: "made" is one)."""
    return frozenset(
        lemma for text in texts for word in tokens(text) for lemma in verb_lemmas(word)
    )


def lemma_supported(word: str, lemmas: frozenset[str]) -> bool:
    """Whether ``word`` is a form of a verb some source word is a form of."""
    return bool(verb_lemmas(word) & lemmas)


def source_texts(articles: Sequence[Article]) -> list[str]:
    """The texts a headline may take its words from: titles and sentences."""
    return [a.title for a in articles] + [s.text for a in articles for s in a.sentences]


def unsupported_headline_words(headline: str, texts: Sequence[str]) -> list[str]:
    """Content words of ``headline`` that no text backs, by stem or by verb lemma."""
    missing = unsupported_keys(headline, texts)
    if not missing:
        return []
    lemmas = source_lemmas(texts)
    return [word for word in missing if not lemma_supported(word, lemmas)]


def headline_problems(headline: str, articles: Sequence[Article]) -> list[str]:
    """Why ``headline`` is unfit for a brief of ``articles``; an empty list means it passes."""
    if not tokens(headline):
        return ["headline: empty"]
    missing = unsupported_headline_words(headline, source_texts(articles))
    return [f"headline: not in the sources: {', '.join(missing)}"] if missing else []
