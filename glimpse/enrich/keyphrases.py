"""Keyphrases: noun-phrase candidates from spaCy, ranked by TF x background IDF, position,
title and entity boosts, with redundancy removal.

The background frequencies come from ``wordfreq`` (general English text: news, Wikipedia,
books, subtitles…), never from the documents being ranked or evaluated.
The chunker is written here because spaCy's ``noun_chunks`` needs the dependency parser,
which alone would halve tagging speed; the POS pattern ``ADJ* (NOUN|PROPN)+`` is the usual
candidate grammar of unsupervised keyphrase extraction (as in pke).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from glimpse.enrich.lexicon import lemma_tables
from glimpse.enrich.options import TagOptions

NOUNS = frozenset({"NOUN", "PROPN"})
ELIGIBLE = frozenset({"ADJ", "NOUN", "PROPN"})
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT"})
JUNK = re.compile(r"[/#@|<>=_\\]|https?:|www\.|\.com\b")  # URLs, handles, markup
# Dates, times and amounts are facts, not topics.
NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


@dataclass(frozen=True, slots=True)
class Word:
    """A token, or hyphen-joined tokens ("987-foot", "anti-NAFTA"), with what ranking needs."""

    text: str
    key: str
    pos: str
    eligible: bool
    start: int  # character offset in the doc
    entity: bool


@dataclass(slots=True)
class Candidate:
    key: tuple[str, ...]
    surfaces: Counter[str] = field(default_factory=Counter)
    first: int = 0
    count: int = 0
    in_title: bool = False
    entity: bool = False


# Penn Treebank tags to the coarse classes the chunker needs: the tagger's own output, so the
# attribute_ruler and lemmatizer components (a third of spaCy's time here) can stay off.
COARSE = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "JJ": "ADJ"}
COARSE |= {"JJR": "ADJ", "JJS": "ADJ", "_SP": "SPACE"}


def _noun_tables() -> tuple[Any, Any, Any]:
    """spaCy's noun lemma tables, read once by :mod:`glimpse.enrich.lexicon`."""
    index, exc, rules = lemma_tables()
    return index["noun"], exc["noun"], rules["noun"]


@functools.lru_cache(maxsize=100_000)
def singular(word: str) -> str:
    """The singular of a lowercase plural noun, by spaCy's English lemma tables and rules."""
    index, exceptions, rules = _noun_tables()
    if word in exceptions:
        return str(exceptions[word][0])
    forms = [word[: len(word) - len(old)] + new for old, new in rules if word.endswith(old)]
    known = [f for f in forms if f and (f in index or not f.isalpha())]
    return known[0] if known else (forms[0] if forms and forms[0] else word)


def coarse(token: Any) -> str:
    return COARSE.get(token.tag_, token.pos_ or "X")


@functools.lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Background frequency of ``word`` on the Zipf scale (0 = unseen, 7.7 = "the")."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _capitalised_inside(tok: Any) -> bool:
    """A capital that is not a sentence start: a proper adjective like "Korean"."""
    if not tok.text[:1].isupper() or tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return not (prev.is_space or prev.text in SENTENCE_ENDS or "\n" in prev.whitespace_)


SENTENCE_ENDS = frozenset({".", "!", "?", '"', "“", "”", ":"})


def _surface(tokens: list[Any]) -> str:
    """Proper nouns, proper adjectives and acronyms keep their case; other words are
    lowercased."""
    parts = []
    for tok in tokens:
        keep = coarse(tok) == "PROPN" or (tok.is_upper and len(tok.text) > 1)
        keep = keep or _capitalised_inside(tok)
        parts.append((tok.text if keep else tok.text.lower()) + tok.whitespace_)
    return "".join(parts).strip()


def _word(tokens: list[Any]) -> Word:
    last = tokens[-1]
    pos = COARSE.get(last.tag_, "X")
    if len(tokens) > 1 and pos in NOUNS and any(coarse(t) == "PROPN" for t in tokens):
        pos = "PROPN"
    if pos not in ELIGIBLE:  # most tokens: skip the work only candidates need
        return Word(last.text, "", pos, False, tokens[0].idx, False)
    head = last.text.lower()
    if last.tag_ == "NNS":
        head = singular(head)
    key = "".join(t.text_with_ws.lower() for t in tokens[:-1]) + head
    text = _surface(tokens)
    eligible = (
        pos in ELIGIBLE
        and not JUNK.search(text)
        and last.ent_type_ not in NUMERIC_LABELS
        and not (len(tokens) == 1 and last.is_stop)
        and any(c.isalpha() for c in text)
        and len(text) > 1
    )
    entity = any(t.ent_type_ in ENTITY_LABELS for t in tokens)
    return Word(text, key, pos, eligible, tokens[0].idx, entity)


def words(doc: Any) -> list[Word]:
    """The doc's words, joining ``a-b`` tokens written without spaces.

    Whitespace tokens (paragraph breaks) stay, as ineligible words, so no phrase spans them.
    """
    toks = list(doc)
    texts = [t.text for t in toks]
    glued = [t.whitespace_ == "" for t in toks]
    out: list[Word] = []
    i, n = 0, len(toks)
    while i < n:
        j = i
        while j + 2 < n and glued[j] and texts[j + 1] == "-" and glued[j + 1]:
            if toks[j + 2].is_space:
                break
            j += 2
        out.append(_word(toks[i : j + 1]))
        i = j + 1
    return out


def chunks(ws: list[Word], max_words: int) -> list[tuple[int, int]]:
    """Index ranges of maximal ``ADJ* (NOUN|PROPN)+`` runs, trimmed to ``max_words``."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    has_noun = False
    for i, w in enumerate([*ws, None]):
        ends = w is None or not w.eligible or (has_noun and w.pos == "ADJ")
        if ends and start is not None:
            stop = i
            while stop > start and ws[stop - 1].pos not in NOUNS:
                stop -= 1
            if stop > start:
                out.append((max(start, stop - max_words), stop))
            start, has_noun = None, False
        if w is not None and w.eligible and start is None:
            start = i
        if w is not None and w.eligible:
            has_noun = has_noun or w.pos in NOUNS
    return out


def candidates(ws: list[Word], title_chars: int, max_words: int) -> list[Candidate]:
    """Group noun-phrase occurrences by lemma key, keeping first position and surfaces."""
    found: dict[tuple[str, ...], Candidate] = {}
    for a, b in chunks(ws, max_words):
        span = ws[a:b]
        key = tuple(w.key for w in span)
        cand = found.get(key)
        if cand is None:
            cand = found[key] = Candidate(key, first=a)
        cand.count += 1
        cand.surfaces[" ".join(w.text for w in span)] += 1
        cand.in_title = cand.in_title or span[0].start < title_chars
        cand.entity = cand.entity or any(w.entity for w in span)
    return list(found.values())


def idf(key: str, options: TagOptions) -> float:
    return max(options.idf_floor, options.idf_ceiling - zipf(key))


def score(cand: Candidate, weight: dict[str, float], options: TagOptions) -> float:
    """``weight`` is tf^tf_power x idf of each word key."""
    o = options
    base = sum(weight[k] for k in cand.key)
    position = 1.0 + o.position_weight * o.position_scale / (o.position_scale + cand.first)
    boost = (1.0 + o.entity_boost * cand.entity) * (1.0 + o.title_boost * cand.in_title)
    return float(base * position * boost)


def _redundant(key: tuple[str, ...], chosen: list[tuple[str, ...]]) -> bool:
    return any(set(key) <= set(other) for other in chosen)


def rank_keyphrases(
    doc: Any, *, top: int = 10, title_chars: int = 0, options: TagOptions | None = None
) -> tuple[str, ...]:
    """The ``top`` keyphrases of a spaCy doc (tagged, NER optional), best first.

    ``title_chars`` is the length of the title prefixed to the body in ``doc``.
    """
    return rank_words(words(doc), top=top, title_chars=title_chars, options=options)


def rank_words(
    ws: list[Word], *, top: int = 10, title_chars: int = 0, options: TagOptions | None = None
) -> tuple[str, ...]:
    """:func:`rank_keyphrases` on the doc's :func:`words`."""
    opts = options or TagOptions()
    tf = Counter(w.key for w in ws if w.eligible)
    weight = {k: float(n) ** opts.tf_power * idf(k, opts) for k, n in tf.items()}
    ranked = sorted(
        candidates(ws, title_chars, opts.max_words),
        key=lambda c: (-score(c, weight, opts), c.first),
    )
    out: list[str] = []
    chosen: list[tuple[str, ...]] = []
    for cand in ranked:
        if len(out) >= top:
            break
        if opts.dedupe and _redundant(cand.key, chosen):
            continue
        chosen.append(cand.key)
        out.append(cand.surfaces.most_common(1)[0][0])
    return tuple(out)
