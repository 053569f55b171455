"""The story headline: short, names who and what, every content word taken from the sources.

A numbered cascade:
1. the source headline the other sources agree with most (content-word overlap with the other
   titles and ledes), cleaned of outlet suffixes and cut to a clause within the word limit;
2. without titles, the lead sentence of the summary in headline style (no trailing clause,
   no attribution, no final full stop).
Its support is the source sentences that cover most of its content words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glimpse.compose.terms import content_words, normalise, term_set
from glimpse.compose.trim import ATTRIBUTION, CONNECTIVE, DATELINE, PARENS
from glimpse.models import Article, SupportRef

# " - CNN", " | Daily Mail Online", " – The Washington Post"
OUTLET_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
TAG_SUFFIX = re.compile(r"\s*[(\[](?:video|photos?|pictures|watch|live|update[sd]?)[)\]]\s*$", re.I)
CLAUSE_BREAKS = re.compile(r"[:;,](?=\s)|\s[–—-]\s")


def clean_title(title: str) -> str:
    """``title`` without outlet suffixes, media tags and surrounding spaces."""
    text = " ".join(title.split())
    for _ in range(2):
        text = TAG_SUFFIX.sub("", text)
        shorter = OUTLET_SUFFIX.sub("", text)
        text = shorter if len(shorter.split()) >= 4 else text
    return text.strip()


def fit(text: str, limit: int) -> tuple[str, bool]:
    """``text`` within ``limit`` words, cut at the last clause break that allows it, and
    whether that was a clean cut (False: cut mid-clause, trailing function words dropped)."""
    if len(text.split()) <= limit:
        return text, True
    best = ""
    for match in CLAUSE_BREAKS.finditer(text):
        head = text[: match.start()]
        if len(head.split()) <= limit:
            best = head
    if len(best.split()) >= 4:
        return best, True
    words = text.split()[:limit]
    while len(words) > 4 and normalise(words[-1].strip(",;:")) is None:
        words.pop()
    return " ".join(words).rstrip(",;:"), False


def _agreement(title: str, others: Sequence[str]) -> float:
    keys = set(content_words(title))
    if not keys or not others:
        return 0.0
    return sum(len(keys & set(content_words(o))) / len(keys) for o in others) / len(others)


def from_sentence(sentence: str, limit: int) -> str:
    """A headline made from a lead sentence: no dateline, connective, aside or attribution."""
    text = DATELINE.sub("", sentence)
    for pattern, repl in ((PARENS, ""), (CONNECTIVE, ""), (ATTRIBUTION, "")):
        text = pattern.sub(repl, text).strip()
    text, _ = fit(text.rstrip(" .!"), limit)
    return text[:1].upper() + text[1:]


def make_headline(articles: Sequence[Article], lead_sentence: str, limit: int = 14) -> str:
    """The story headline (see the module docstring for the cascade)."""
    with_text = [a for a in articles if a.sentences] or list(articles)
    titles = [clean_title(a.title) for a in with_text if a.title.strip()]
    if not titles:
        return from_sentence(lead_sentence, limit) if lead_sentence else ""
    ledes = [a.sentences[0].text for a in with_text if a.sentences]
    fitted = [fit(t, limit) for t in titles]

    def score(i: int) -> float:
        others = [t for j, t in enumerate(titles) if j != i] + ledes
        return _agreement(fitted[i][0], others) - (0.0 if fitted[i][1] else 1.0)

    return fitted[max(range(len(titles)), key=score)][0]


def headline_support(headline: str, articles: Sequence[Article], most: int = 2) -> list[SupportRef]:
    """Up to ``most`` source sentences that together cover the headline's content words."""
    wanted = set(content_words(headline))
    refs: list[SupportRef] = []
    for _ in range(most):
        best, gain = None, 0
        for a in articles:
            for s in a.sentences:
                covered = len(wanted & term_set([s.text]))
                if covered > gain:
                    best, gain = SupportRef(a.id, s.index), covered
        if best is None:
            break
        refs.append(best)
        article = next(a for a in articles if a.id == best.article)
        wanted -= term_set([article.sentences[best.sentence].text])
    return refs
