"""Choose the summary and body sentences: best first, no fact twice, within the word budgets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from glimpse.compose.layout import looks_back
from glimpse.compose.options import ComposeOptions
from glimpse.compose.rank import Candidate, Matrix
from glimpse.compose.repeats import Repeats
from glimpse.compose.signals import dangling_opener
from glimpse.compose.terms import content_words, term_pairs, term_set
from glimpse.compose.trim import trim_sentence

# Two sentences of different articles this similar that state different numbers disagree
# (outlets reporting different tolls); only one is used, never both and never fused.
CONFLICT_SIMILARITY = 0.35
# Two sentences that share this many content terms, and this share of the shorter one's,
# state the same fact ("Israel indicted a girl on Monday ..." / "A military court on Monday
# indicted a teenage girl ...").
SAME_FACT_TERMS = 4
SAME_FACT_SHARE = 0.3
# Two sentences this similar that give the same figure about the same name state one fact
# ("B-44 shattered into more than 20 fragments" / "B-44 broke into as many as 20 pieces").
SAME_FIGURE_SIMILARITY = 0.05
NAME = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w-]+")


def _same_figure_and_name(a: str, b: str) -> bool:
    figures = (_numbers(a) & _numbers(b)) - {str(n) for n in range(11)}
    names = {m.lower() for m in NAME.findall(a)} & {m.lower() for m in NAME.findall(b)}
    return bool(figures) and bool(names)


def _numbers(text: str) -> set[str]:
    return {key for _, key in term_pairs(text) if key[:1].isdigit()}


def redundant(
    c: Candidate,
    chosen: Sequence[Candidate],
    sims: Matrix,
    limit: float,
    novelty: float = 0.5,
    repeats: Repeats | None = None,
) -> bool:
    """Whether ``c`` repeats (or contradicts on a number) what the chosen sentences say.

    Near-duplicates are found by TF-IDF cosine; a sentence whose content words are mostly
    said already (less than ``novelty`` of them new) adds nothing either, nor one that tells
    the fact of one chosen sentence or quotes the key quote again (``repeats``, without its
    model: :meth:`Repeats.paraphrase` runs once a sentence fits the budget).
    """
    if repeats is not None and repeats.same_words(c.text, [o.text for o in chosen]):
        return True
    mine = set(content_words(c.text))
    if chosen:
        said = term_set(other.text for other in chosen)  # cached per text
        if mine and len(mine - said) < novelty * len(mine):
            return True
    for other in chosen:  # the same fact in other words (another outlet's): shared terms
        if other.article == c.article:
            continue
        terms = term_set([other.text])
        shared = len(mine & terms)
        if shared >= SAME_FACT_TERMS and shared >= SAME_FACT_SHARE * min(len(mine), len(terms)):
            return True
    for other in chosen:
        similarity = float(sims[c.row, other.row])
        if similarity >= limit:
            return True
        if (
            c.article != other.article
            and similarity >= SAME_FIGURE_SIMILARITY
            and _same_figure_and_name(c.text, other.text)
        ):
            return True
        if similarity >= CONFLICT_SIMILARITY and c.article != other.article:
            mine, theirs = _numbers(c.text), _numbers(other.text)
            if mine and theirs and mine != theirs:
                return True
    return False


def shorten(c: Candidate, options: ComposeOptions) -> Candidate:
    """``c`` with its text trimmed under the grounding rule (when trimming is on)."""
    if not options.trim:
        return c
    text = trim_sentence(c.text)
    return c if text == c.text else Candidate(c.article, c.index, text, c.order, c.score, c.row)


def _in_order(
    candidates: Sequence[Candidate], options: ComposeOptions, chosen: Sequence[Candidate]
) -> list[Candidate]:
    """``candidates`` best first, a sentence whose opener ("He", "But") dangles (the sentence
    before it is not chosen) losing ``dangling_penalty``."""
    if not options.dangling_penalty:
        return list(candidates)
    have = {(c.article, c.index) for c in chosen}
    penalty = options.dangling_penalty

    def key(c: Candidate) -> float:
        orphan = c.index > 0 and (c.article, c.index - 1) not in have
        return -(c.score - penalty * (orphan and dangling_opener(c.text)))

    return sorted(candidates, key=key)


def select_summary(
    candidates: Sequence[Candidate],
    sims: Matrix,
    options: ComposeOptions,
    repeats: Repeats | None = None,
) -> list[Candidate]:
    """Up to ``summary_sentences`` top sentences within ``summary_words``, in reading order."""
    chosen: list[Candidate] = []
    words = 0
    # the summary says what happened, not what led to it; an article's lede is the news as
    # its writer tells it, even when it names an earlier time ("... stabbed a year ago was
    # celebrated on Saturday", "has trebled since 2009")
    seen: set[int] = {c.row for c in candidates if c.index > 0 and looks_back(c.text)}
    if len(seen) == len(candidates):
        seen = set()
    grew = True
    while grew and len(chosen) < options.summary_sentences:
        grew = False  # re-rank after each choice: a chosen sentence resolves its successor
        for c in _in_order(candidates, options, chosen):
            if c.row in seen:
                continue
            seen.add(c.row)
            c = shorten(c, options)
            n = len(c.text.split())
            if n > options.max_sentence_words or words + n > options.summary_words:
                continue
            if not redundant(
                c, chosen, sims, options.duplicate_threshold, options.novelty, repeats
            ) and not (repeats and repeats.paraphrase(c.text, [o.text for o in chosen])):
                chosen.append(c)
                words += n
                grew = True
                break
    if not chosen and candidates:  # every sentence is too long: the best one still leads
        chosen.append(shorten(candidates[0], options))
    single = len({c.article for c in chosen}) == 1
    return sorted(chosen, key=lambda c: c.index) if single else chosen


def select_body(
    candidates: Sequence[Candidate],
    sims: Matrix,
    summary: Sequence[Candidate],
    options: ComposeOptions,
    repeats: Repeats | None = None,
) -> list[Candidate]:
    """Body sentences, best first: new facts until the brief (summary and body) reaches
    ``max_words``; a sentence that would pass it is skipped while the brief is under
    ``min_words``, and ends the body once it is not."""
    chosen: list[Candidate] = []
    words = sum(len(c.text.split()) for c in summary)
    body_words = 0
    used = {(c.article, c.index) for c in summary}
    for c in candidates:
        if body_words >= options.body_words:
            break
        if (c.article, c.index) in used:
            continue
        c = shorten(c, options)
        n = len(c.text.split())
        if n > options.max_sentence_words:
            continue
        said = [*summary, *chosen]
        if redundant(c, said, sims, options.duplicate_threshold, options.novelty, repeats):
            continue
        if words + n > options.max_words:
            if words >= options.min_words:
                break
            continue
        if repeats and repeats.paraphrase(c.text, [o.text for o in said]):
            continue  # the same fact in other words: the next best sentence fills its place
        chosen.append(c)
        words += n
        body_words += n
    return chosen
