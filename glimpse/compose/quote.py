"""The key quote: the most newsworthy direct quotation of a story, copied character for character.

Quotations are found in each article's running text (so one the sentence splitter cut in two is
found whole), attributed to a speaker by the "..., X said" patterns of news copy, and the
speaker is resolved to a full name ("Putin" -> "Vladimir Putin") from the story's entities, or
from the fullest form of that surname the articles use. No spaCy runs here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from glimpse.compose.grounding import quote_span
from glimpse.compose.speaker import find_speaker, story_names
from glimpse.compose.terms import content_words
from glimpse.models import Article, Entity, Quote

QUOTATIONS = (
    re.compile(r"“\s?([^“”]+?)\s?”"),
    re.compile(r'"\s?([^"]+?)\s?"'),
    re.compile(r"‘\s?([^‘’]+?)\s?’(?=[\s.,;:!?)]|$)"),
    # straight single quotes only around prose: 'We won,' he said (apostrophes in words allowed)
    re.compile(r"(?:^|(?<=[\s(:]))'\s?([A-Z](?:[^'\n]|'(?=[A-Za-z]))+?[.,!?])\s?'(?=[\s,.;:!?]|$)"),
)


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation in one article: its verbatim text, where it starts, and what follows it."""

    article: Article
    sentence: int
    text: str
    before: str
    after: str


def _flat(article: Article) -> tuple[str, list[int]]:
    """The article's running text and the start offset of each sentence in it.

    ``Article.text`` when the sentence offsets agree with it (what :func:`quote_span` checks
    against), else the sentences joined by spaces.
    """
    if all(article.text[s.start : s.end] == s.text for s in article.sentences):
        return article.text, [s.start for s in article.sentences]
    starts, pos = [], 0
    for s in article.sentences:
        starts.append(pos)
        pos += len(s.text) + 1
    return " ".join(s.text for s in article.sentences), starts


def _sentence_at(starts: list[int], offset: int) -> int:
    """The sentence containing ``offset``, or -1 before the first one."""
    return max((i for i, start in enumerate(starts) if start <= offset), default=-1)


def find_quotations(article: Article) -> list[Found]:
    """Every verbatim quotation of ``article`` that starts in one of its sentences."""
    flat, starts = _flat(article)
    found, seen = [], set()
    for pattern in QUOTATIONS:
        for match in pattern.finditer(flat):
            text = match.group(1).strip().rstrip(",").strip()
            index = _sentence_at(starts, match.start(1))
            if not text or index < 0 or (index, text) in seen:
                continue
            span = quote_span(article, index)
            position = span.find(text)
            if 0 <= position < len(article.sentences[index].text):
                seen.add((index, text))
                before = flat[starts[index] : match.start()]
                after = flat[match.end() : match.end() + 160]
                found.append(Found(article, index, text, before, after))
    return found


def quote_sentences(quote: Quote, article: Article) -> set[int]:
    """The indexes of ``article``'s sentences the quotation spans (the body leaves them out:
    the key quote is shown once)."""
    if not 0 <= quote.sentence < len(article.sentences):
        return set()
    flat, starts = _flat(article)
    at = flat.find(quote.text, starts[quote.sentence]) if quote.text else -1
    if at < 0:
        return {quote.sentence}
    end = at + len(quote.text)
    return {
        i
        for i, s in enumerate(article.sentences)
        if starts[i] < end and starts[i] + len(s.text) > at
    }


def _title_case(text: str) -> bool:
    """A quoted name ("Committee on the Peaceful Uses of Outer Space"), not a quotation."""
    words = [w for w in text.split() if len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _score(found: Found, speaker: str | None, echoes: int, keys: set[str]) -> float:
    words = len(found.text.split())
    length = 1.0 if 8 <= words <= 45 else 0.6 if words <= 70 else 0.2
    terms = set(content_words(found.text))
    topical = len(terms & keys) / (len(terms) or 1)
    position = 1.0 / (1.0 + found.sentence / 6.0)
    return length * (1.0 + (speaker is not None) + 0.5 * echoes + topical + position)


def pick_quote(
    articles: Sequence[Article],
    entities: Sequence[Entity] = (),
    min_words: int = 6,
) -> Quote | None:
    """The most newsworthy attributed direct quotation of the story, or None."""
    found = [
        q
        for a in articles
        for q in find_quotations(a)
        if len(q.text.split()) >= min_words and not _title_case(q.text)
    ]
    if not found:
        return None
    keys: set[str] = set()
    for article in articles:
        keys.update(content_words(article.title))
    names = story_names(articles)
    best: tuple[float, Found, str | None] | None = None
    for q in found:
        speaker = find_speaker(q.article, q.sentence, q.before, q.after, names, entities)
        echoes = sum(1 for other in found if other.article.id != q.article.id
                     and other.text == q.text)  # fmt: skip
        score = _score(q, speaker, echoes, keys)
        if best is None or score > best[0]:
            best = (score, q, speaker)
    assert best is not None
    _, q, speaker = best
    return Quote(q.text, speaker, q.article.id, q.sentence, q.article.url, q.article.source)
