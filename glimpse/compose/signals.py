"""Per-sentence signals that read a sentence against its own article.

Each signal is a number in [0, 1] computed from the TF-IDF similarities that ranking already
has, so they add no model and little time:

- *lead coverage*: how much of the article's lead and title a sentence restates. News puts the
  story in the lead and the headline; the reference highlights of an article follow them.
- *importance*: mean similarity to the article's opening sentences (its centrality among the
  first ``window`` usable sentences), so a later sentence that develops the top of the story
  beats an anecdote.
- *density*: content terms per word; a sentence dense in names, numbers and content words packs
  more facts into the summary's word budget than one padded with function words.
- *dangling opener*: a sentence that starts with a discourse connective or a pronoun, or leans
  back otherwise ("Since then", "Doing so", "think so": :mod:`glimpse.compose.anaphora`), leans
  on a sentence the summary may not contain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from glimpse.compose.anaphora import leans_back
from glimpse.compose.memo import text_memo
from glimpse.compose.terms import content_words
from glimpse.models import Article

Matrix = NDArray[np.float64]

OPENER = re.compile(
    r"^[\"“‘']?(?:he|she|it|they|his|her|its|their|this|that|these|those|there|but|and|or|so|"
    r"however|meanwhile|instead|still|yet|also|then|though|although|while|indeed|"
    r"in addition|in fact|as a result|at the same time|the (?:man|woman|boy|girl|pair|couple)"
    r")\b",
    re.I,
)


@text_memo()
def dangling_opener(text: str) -> bool:
    """Whether ``text`` opens with a connective or pronoun that needs an earlier sentence
    (memoised: selection re-ranks every candidate after each choice)."""
    return bool(OPENER.match(text.strip())) or leans_back(text) is not None


def _leads(owners: Sequence[int], indexes: Sequence[int]) -> dict[int, int]:
    """Article order -> row of its first picked sentence."""
    first: dict[int, int] = {}
    for row, (order, _index) in enumerate(zip(owners, indexes, strict=True)):
        first.setdefault(order, row)
    return first


def lead_coverage(sims: Matrix, owners: Sequence[int], indexes: Sequence[int]) -> Matrix:
    """Per sentence: its cosine to its article's lead (1 for the lead itself)."""
    leads = _leads(owners, indexes)
    rows = np.arange(len(owners))
    lead_rows = np.array([leads[o] for o in owners], dtype=int)
    out = np.asarray(sims[rows, lead_rows], dtype=np.float64)
    out[rows == lead_rows] = 1.0
    return out


def title_coverage(
    texts: Sequence[str], articles: Sequence[Article], owners: Sequence[int]
) -> Matrix:
    """Per sentence: the share of its article's title content words it contains."""
    titles = [set(content_words(a.title)) for a in articles]
    out = np.zeros(len(texts))
    for row, (text, order) in enumerate(zip(texts, owners, strict=True)):
        title = titles[order]
        if title:
            out[row] = len(title & set(content_words(text))) / len(title)
    return out


def importance(sims: Matrix, owners: Sequence[int], window: int) -> Matrix:
    """Per sentence: mean similarity to the first ``window`` sentences of its article.

    A sentence's similarity to itself is left out.
    """
    owners_arr = np.asarray(owners)
    out = np.zeros(len(owners_arr))
    for order in np.unique(owners_arr):
        rows = np.flatnonzero(owners_arr == order)
        top = rows[:window]
        block = sims[np.ix_(rows, top)].copy()
        for j, r in enumerate(top):
            block[r - rows[0], j] = 0.0
        count = np.full(len(rows), float(len(top)))
        count[: len(top)] -= 1.0
        out[rows] = block.sum(axis=1) / np.maximum(count, 1.0)
    return out


def density(texts: Sequence[str]) -> Matrix:
    """Per sentence: its content terms per word (0-1)."""
    return np.array([len(content_words(t)) / max(1, len(t.split())) for t in texts])
