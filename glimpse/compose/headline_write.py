"""Headline candidates: every acceptable headline-form rewrite of a story's sources, scored.

Steps 1-3 of the cascade in :mod:`glimpse.compose.headline`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glimpse.compose.headline_check import source_texts, unsupported_headline_words
from glimpse.compose.headline_sense import drops_clause_attribution, hanging_measure
from glimpse.compose.headline_text import (
    ARTICLES,
    CLOSE_SINGLE,
    DANGLING,
    KICKER,
    OPEN_SINGLE,
    PRONOUN_START,
    QUOTED,
    case_map,
    casing_keys,
    clean_title,
    cut_off,
    is_teaser,
    sentence_case,
)
from glimpse.compose.headline_typo import Pairs, misspelt_pair, word_pairs
from glimpse.compose.meaning import meaning_problems
from glimpse.compose.terms import content_words, normalise, term_set, tokens
from glimpse.compose.trim import CAPS_DATELINE, DATELINE
from glimpse.furniture import is_furniture, strip_furniture
from glimpse.headline import is_site_title
from glimpse.models import Article

MIN_WORDS = 4
LEDE_BONUS = 0.05  # prefer a sentence written for the story to a rewritten title
NO_VERB = 0.05  # "who did what" needs a verb
TITLE_WEIGHT = 0.7  # agreement with the other titles vs coverage of their lead sentences


@dataclass(frozen=True, slots=True)
class Source:
    """A sentence a headline may be written from: a title part or a lead sentence."""

    text: str
    article: int
    from_title: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    article: int
    from_title: bool
    has_verb: bool


BIG_STORY = 8


SOURCE_TAIL = re.compile(r"\s*:\s+[^\s:]+(?:\s+[^\s:]+)?$")


def headline_sources(articles: Sequence[Article], lead: str) -> list[Source]:
    """Titles (and their parts around a kicker's colon) and lead sentences, in article order."""
    out = []
    body = term_set(s.text for a in articles for s in a.sentences)
    # every source text is parsed by spaCy: a big story gives one lead sentence per article
    leads = 2 if len(articles) <= BIG_STORY else 1
    for n, a in enumerate(articles):
        if a.title.strip() and not is_site_title(a.title, a.source, a.url):
            title = clean_title(a.title)
            # a wire title's source tail ("... who punched soldier: army") is not the news
            head = SOURCE_TAIL.sub("", title)
            title = head if len(head.split()) >= MIN_WORDS else title
            parts = [title] + [p for p in KICKER.split(title) if len(p.split()) >= 4]
            out += [Source(p, n, True) for p in dict.fromkeys(parts) if not cut_off(p, body)]
        # a lead sentence without what the page glued to it (a time stamp, a credit), or
        # none when nothing of a sentence is left (as compose reads its candidates)
        out += [Source(t, n, False) for s in a.sentences[:leads] if (t := strip_furniture(s.text))]
    home = next((n for n, a in enumerate(articles) for s in a.sentences if s.text == lead), -1)
    if lead and not any(s.text == lead for s in out):
        out.append(Source(lead, home, False))
    return out


def acceptable(text: str, texts: Sequence[str], pairs: Pairs) -> bool:
    words = text.split()
    bare = QUOTED.sub("", text)
    balanced = (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and len(OPEN_SINGLE.findall(text)) == len(CLOSE_SINGLE.findall(text))
    )
    ends_well = bool(words) and words[-1].lower().strip("\"'”’") not in DANGLING
    return (
        balanced
        and ends_well
        and len(bare.split()) >= 3
        and words[0].lower() not in PRONOUN_START
        and not is_teaser(text)
        and not JUNK.search(text)
        and not is_furniture(text)
        and not hanging_measure(text)
        and not unsupported_headline_words(text, texts)
        and misspelt_pair(text, pairs) is None
    )


# A timestamp or a dateline left in a title ("... France update 2016- 13:14", "SEOUL North
# Korea fires ...") is not a headline.
JUNK = re.compile(r"\b\d{1,2}:\d{2}\b|\d-\s|^[A-Z]{3,}(?:/[A-Z]+)?\s+[A-Z][a-z]")
KEPT_MEANING = ("negation", "hedge", "cut inside")


def keeps_meaning(headline: str, source: str) -> bool:
    """Whether a headline made from ``source`` keeps its negations, hedges and quotations
    (a headline may drop "police said", never "suspected" or "not", nor the "it says" inside
    a clause it keeps)."""
    if drops_clause_attribution(headline, source):
        return False
    return not [p for p in meaning_problems(headline, source) if p.startswith(KEPT_MEANING)]


def _title_like(source: Source) -> bool:
    """A title, or a title repeated as the body's first line (no closing punctuation): its
    grammar is a headline's, where a bare past form is a passive."""
    return source.from_title or not SENTENCE_END.search(source.text.rstrip())


SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")


def _undated(text: str) -> str:
    """``text`` without a dateline ("LONDON (Reuters) -", "PARIS —")."""
    return CAPS_DATELINE.sub("", DATELINE.sub("", text))


def parse(texts: Sequence[str]) -> list[Any]:
    """spaCy docs of ``texts``: tagged and parsed, with entities only where the headline forms
    read them (:func:`~glimpse.compose.headline_form.needs_entities`; the recogniser does not
    depend on the parse, so its entities are the full pipeline's)."""
    from glimpse.compose.headline_form import needs_entities
    from glimpse.nlp import load_spacy  # spaCy is heavy: loaded on first use

    nlp = load_spacy()
    docs = list(nlp.pipe(texts, batch_size=16, disable=["ner"]))
    needed = [doc for doc in docs if needs_entities(doc)]
    if needed:
        for _ in nlp.get_pipe("ner").pipe(needed, batch_size=16):  # sets the docs' ents
            pass
    return docs


def write_candidates(articles: Sequence[Article], lead: str, limit: int) -> list[Candidate]:
    """Every acceptable headline-form rewrite of the story's sources (steps 1-2)."""
    from glimpse.compose.headline_form import headline_forms, main_clause, plural_names

    sources = [s for s in headline_sources(articles, lead) if not is_teaser(s.text)]
    raw = [_undated(s.text).replace("`", "‘").strip() for s in sources]
    casing = case_map(articles, casing_keys(raw))
    texts = [sentence_case(text, casing) for text in raw]
    docs = parse(texts)
    names = plural_names(docs)
    grounding = source_texts(articles)
    pairs = word_pairs(grounding)
    out = _fused(sources, docs, names, limit, grounding, pairs)
    for source, doc in zip(sources, docs, strict=True):
        root = main_clause(doc)
        has_verb = root is not None and any(t.pos_ in ("VERB", "AUX") for t in doc)
        for form in headline_forms(doc, limit, names, _title_like(source)):
            text = form[:1].upper() + form[1:]
            if acceptable(text, grounding, pairs) and keeps_meaning(text, source.text):
                out.append(Candidate(text, source.article, source.from_title, has_verb))
    return out


def _words(text: str) -> set[str]:
    """Every word of ``text`` by stem, function words included (as a headline is read)."""
    return {normalise(t) or t.lower() for t in tokens(text)} - ARTICLES


def _fused(
    sources: Sequence[Source],
    docs: Sequence[Any],
    names: frozenset[str],
    limit: int,
    grounding: Sequence[str],
    pairs: Pairs,
) -> list[Candidate]:
    """Sentences that tell the same event (same verb, same object) combined: one's clause with
    a place or time phrase another gives ("fires ballistic missile" + "over Japan")."""
    from glimpse.compose.headline_form import frame

    frames = [
        (s, f) for s, d in zip(sources, docs, strict=True) if (f := frame(d, names, _title_like(s)))
    ]
    out = []
    for source, a in frames:
        for _, b in frames:
            if (a.verb, a.obj) != (b.verb, b.obj):
                continue
            for phrase in b.phrases:
                text = f"{a.core} {phrase}"
                text = text[:1].upper() + text[1:]
                fits = MIN_WORDS <= len(text.split()) <= limit
                new = not set(content_words(phrase)) & set(content_words(a.core))
                if fits and new and phrase not in a.phrases and acceptable(text, grounding, pairs):
                    out.append(Candidate(text, source.article, source.from_title, True))
    return out


def _f1(a: set[str], b: set[str]) -> float:
    both = len(a & b)
    return 2 * both / (len(a) + len(b)) if both else 0.0


def score_candidates(
    candidates: Sequence[Candidate], articles: Sequence[Article]
) -> list[tuple[float, Candidate]]:
    """Each candidate with its agreement score (step 3)."""
    titles = [_words(clean_title(a.title)) for a in articles]
    ledes = [set(content_words(" ".join(s.text for s in a.sentences[:2]))) for a in articles]
    scored = []
    for c in candidates:
        keys = set(content_words(c.text))
        # a title agrees with itself: a rewritten title is judged by the other articles only
        others = [n for n in range(len(articles)) if n != c.article or not c.from_title]
        others = others or list(range(len(articles)))
        words = _words(c.text)  # once a candidate, not once an article
        agree = sum(_f1(words, titles[n]) for n in others) / len(others)
        cover = sum(len(keys & ledes[n]) / max(len(keys), 1) for n in others) / len(others)
        value = TITLE_WEIGHT * agree + (1 - TITLE_WEIGHT) * cover
        value += (0.0 if c.from_title else LEDE_BONUS) - (0.0 if c.has_verb else NO_VERB)
        scored.append((value, c))
    return scored
