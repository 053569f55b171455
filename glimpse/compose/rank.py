"""Score every source sentence of a story: position, centrality, entity coverage, agreement.

Scores are computed over TF-IDF vectors of content-word stems (scikit-learn); no spaCy and no
embedding model runs here, so a one-article story takes a few milliseconds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer

from glimpse.compose.memo import text_memo
from glimpse.compose.options import ComposeOptions
from glimpse.compose.signals import (
    dangling_opener,
    density,
    importance,
    lead_coverage,
    title_coverage,
)
from glimpse.compose.terms import (
    TOKEN,
    content_words,
    guarded_search,
    normalise,
    term_pairs,
    tokens,
)
from glimpse.compose.voice import voice_problem
from glimpse.furniture import is_furniture, strip_furniture
from glimpse.models import Article, Entity, Sentence

# Lines that are page furniture rather than reporting.
BOILERPLATE = re.compile(
    # whole words only: "Follow us" is furniture, "Following the vote, ..." is news
    r"^(?:(?:follow|click|read more|sign up|subscribe|related|advertisement|share this|"
    r"photos?|images?|watch|listen|copyright|by|updated|published|this story|chat with us|"
    r"contact|email|download|get the)\b|©)|"
    # author bios: "Frida Ghitis is a world affairs columnist for ..."
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} (?:is|was) an? [\w ,-]{0,60}"
    r"(?:writer|columnist|journalist|editor|correspondent|contributor|author)\b",
    re.I,
)


# A sentence that opens or closes inside a quotation, and a photo caption ("Pictured: ...").
QUOTED = re.compile(r"^[\"“‘']|[\"”’']$")
CAPTION = re.compile(r"^[\w’']+(?: [\w’']+)?:\s|\b(?:pictured|can be seen|above|below)\b", re.I)


# a caption's label ("Pictured: ...") has a colon; its other forms have one of these words
_captioned = guarded_search(CAPTION, (":", "pictured", "can be seen", "above", "below"), fold=True)


def in_quotation(text: str) -> bool:
    """Whether ``text`` opens, closes or is cut from a quotation (its quote marks don't pair)."""
    text = text.strip()
    return (
        bool(QUOTED.search(text))
        or text.count('"') % 2 == 1
        or (text.count("“") != text.count("”"))
    )


# A "sentence" with this many semicolons is a list (team line-ups, player ratings).
LIST_SEMICOLONS = 3

TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")


Matrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One source sentence with its score; ``order`` is its article's rank in time."""

    article: str
    index: int
    text: str
    order: int
    score: float
    row: int


# each sentence is cleaned twice (is it usable, then the candidate's text): once is enough
_strip_furniture = text_memo()(strip_furniture)

# ASCII bytes that are not letters, and not capitals: deleting them counts the rest in C
_NOT_LETTER = bytes(b for b in range(128) if not chr(b).isalpha())
_NOT_CAPITAL = bytes(b for b in range(128) if not chr(b).isupper())


def _shouting(text: str) -> bool:
    """No letter at all, or 60% of the letters capitals (a label or a heading, not prose)."""
    if text.isascii():  # most sentences: count by deleting bytes (a tenth of the time)
        raw = text.encode("ascii")
        letters = len(raw.translate(None, _NOT_LETTER))
        capitals = len(raw.translate(None, _NOT_CAPITAL))
    else:
        alpha = "".join(filter(str.isalpha, text))
        letters, capitals = len(alpha), sum(map(str.isupper, alpha))
    return not letters or capitals >= 0.6 * letters


def usable(text: str, options: ComposeOptions) -> bool:
    """Whether a sentence can stand in a brief: long enough, prose, not page furniture
    (:mod:`glimpse.furniture`), and sayable in the brief's own voice
    (:func:`glimpse.compose.voice.voice_problem`)."""
    words, text = text.split(), text.strip()
    if len(words) < options.min_sentence_words or BOILERPLATE.match(text):
        return False
    if not TERMINAL.search(text) or text.endswith("?"):  # a heading, caption or question
        return False
    if text.count(";") >= LIST_SEMICOLONS:  # a list: line-up, player ratings, schedule
        return False
    if _shouting(text):
        return False
    # the regex-heavy checks last: most rejected sentences never reach them
    clean = _strip_furniture(text)  # furniture inside the sentence is cut away first
    return clean is not None and not (is_furniture(clean) or voice_problem(clean))


def similarities(
    texts: Sequence[str], extra: Sequence[str], heads: Sequence[str] = ()
) -> tuple[Matrix, Matrix, Matrix]:
    """Cosine similarities between ``texts`` (n x n), of each to the story centroid (n), and
    of each to the centroid of the story's ``heads`` (titles and ledes: what it is about).

    TF-IDF over content-word stems; the centroid gives ``extra`` texts (titles) double weight.
    The sparse matrix is never made dense: only the n x n similarities are.
    """
    n = len(texts)
    vectoriser = TfidfVectorizer(analyzer=content_words, sublinear_tf=True)
    try:
        matrix = vectoriser.fit_transform([*texts, *extra, *heads])
    except ValueError:  # no content words at all
        return np.zeros((n, n)), np.zeros(n), np.zeros(n)
    rows, title_rows = matrix[:n], matrix[n : n + len(extra)]
    head_rows = matrix[n + len(extra) :]
    centroid = np.asarray(rows.sum(axis=0) + 2.0 * title_rows.sum(axis=0)).ravel()
    centroid /= np.linalg.norm(centroid) or 1.0
    head = np.asarray(head_rows.sum(axis=0)).ravel()
    head /= np.linalg.norm(head) or 1.0
    sims = np.asarray((rows @ rows.T).toarray(), dtype=np.float64)
    return sims, np.asarray(rows @ centroid, dtype=np.float64), np.asarray(rows @ head)


def key_terms(articles: Sequence[Article], entities: Sequence[Entity], top: int = 8) -> set[str]:
    """Stems of the story's most mentioned names (entities, else capitalised words)."""
    if entities:
        ranked = sorted(entities, key=lambda e: -e.count)[:top]
        return {k for e in ranked for t in tokens(e.name) if (k := normalise(t))}
    counts: Counter[str] = Counter()
    for article in articles:
        for sentence in article.sentences:
            for token, key in _after_first(sentence.text):
                if token[:1].isupper():
                    counts[key] += 1
    return {k for k, _ in counts.most_common(top)}


def _after_first(text: str) -> list[tuple[str, str]]:
    """The content terms of ``text`` (:func:`term_pairs`, read once a text) after its first
    token: a capitalised first word says nothing of a name."""
    pairs = term_pairs(text)
    first = TOKEN.search(text)
    return pairs[1:] if first is not None and normalise(first.group()) is not None else pairs


def _agreement(sims: Matrix, owners: Matrix, n_articles: int) -> Matrix:
    """Per sentence: mean over the other articles of its best similarity to their sentences."""
    if n_articles < 2:
        return np.zeros(len(owners))
    best = np.zeros((len(owners), n_articles))
    for a in range(n_articles):
        cols = owners == a
        if cols.any():
            best[:, a] = sims[:, cols].max(axis=1)
    best[np.arange(len(owners)), owners] = 0.0
    return np.asarray(best.sum(axis=1) / (n_articles - 1))


def _pick(
    articles: Sequence[Article], options: ComposeOptions
) -> list[tuple[int, Article, Sentence]]:
    """The sentences worth scoring: usable ones, at most an equal share of
    ``max_candidates`` from each article (its first ones: the lead carries the news)."""
    quota = max(options.min_per_article, options.max_candidates // max(1, len(articles)))
    picked = [
        (order, article, s)
        for order, article in enumerate(articles)
        # lazily: the checks stop at the article's quota (a long article's tail is not read)
        for s in islice((s for s in article.sentences if usable(s.text, options)), quota)
    ]
    if not picked:  # only short lines: use them rather than nothing
        picked = [(o, a, s) for o, a in enumerate(articles) for s in a.sentences if s.text.strip()]
    return picked


def _context(
    articles: Sequence[Article],
    picked: Sequence[tuple[int, Article, Sentence]],
    sims: Matrix,
    options: ComposeOptions,
) -> Matrix:
    """Per sentence: the weighted signals that read it against its own article."""
    owners = [order for order, _, _ in picked]
    texts = [s.text for _, _, s in picked]
    out = np.zeros(len(picked))
    if options.lead_weight:
        out += options.lead_weight * lead_coverage(sims, owners, [s.index for _, _, s in picked])
    if options.title_weight:
        out += options.title_weight * title_coverage(texts, articles, owners)
    if options.importance_weight:
        out += options.importance_weight * importance(sims, owners, options.importance_window)
    if options.density_weight:
        out += options.density_weight * density(texts)
    first = {order: row for row, order in reversed(list(enumerate(owners)))}
    for row, text in enumerate(texts):
        if options.opener_penalty and first[owners[row]] != row and dangling_opener(text):
            out[row] -= options.opener_penalty
        out[row] -= options.length_penalty * len(text.split()) / options.summary_words
    return out


def rank_sentences(
    articles: Sequence[Article],
    entities: Sequence[Entity] = (),
    options: ComposeOptions | None = None,
) -> tuple[list[Candidate], Matrix]:
    """Every usable sentence of ``articles`` (given in time order) with its score, best first.

    Returns the candidates and their pairwise cosine similarities (indexed by ``row``).
    """
    options = options or ComposeOptions()
    picked = _pick(articles, options)
    if not picked:
        return [], np.zeros((0, 0))
    titles = [a.title for a in articles if a.title]
    # what the story is about: its titles (a page about something else brings its own lede,
    # so ledes stand in only when fewer than two articles have a title)
    heads = (
        titles
        if len(titles) >= 2
        else titles + [a.sentences[0].text for a in articles if a.sentences]
    )
    sims, central, about = similarities([s.text for _, _, s in picked], titles, heads)
    owners = np.array([order for order, _, _ in picked])
    agreement = _agreement(sims, owners, len(articles))
    names = key_terms(articles, entities)
    context = _context(articles, picked, sims, options)
    candidates = []
    for row, (order, article, s) in enumerate(picked):
        keys = set(content_words(s.text))
        coverage = len(keys & names) / len(names) if names else 0.0
        position = 1.0 / (1.0 + s.index / options.position_decay)
        penalty = options.quote_penalty * in_quotation(s.text)
        penalty += options.caption_penalty * _captioned(s.text)
        score = -penalty + (
            options.position_weight * position
            + options.centrality_weight * float(central[row])
            + options.coverage_weight * coverage
            + options.agreement_weight * float(agreement[row])
            + float(context[row])
        )
        text = _strip_furniture(s.text) or s.text  # furniture inside a sentence is cut away
        candidates.append(Candidate(article.id, s.index, text, order, score, row))
    on_topic = [
        c
        for c in candidates
        if central[c.row] >= options.min_centrality
        and (len(articles) < 2 or about[c.row] >= options.min_centrality / 2)
    ]  # one article is its own topic; in a multi-source story a sentence no title or lede
    # shares a word with comes from a page (or a part of one) about something else
    candidates = on_topic or candidates  # nothing on topic (no content words): keep them all
    candidates.sort(key=lambda c: -c.score)
    return candidates, sims
