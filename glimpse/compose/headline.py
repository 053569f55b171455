"""The story headline: written for the story, never copied from one source title.

A numbered cascade:
1. candidates: the lead sentences of every article (its first two), the brief's lead sentence
   and the cleaned source titles (each part of a "Kicker: headline" title), in sentence case
   (drop-caps and title case undone by the casing the articles' own sentences use), each put in
   headline form (:mod:`glimpse.compose.headline_form`: main clause, present tense, no time
   phrase, aside or article, at most 12 words) with shorter variants;
2. rejected: questions, teasers ("Here's …", "What we know", "you"), quotes-only headlines, a
   pronoun for a subject, a trailing function word, and any word the sources do not back
   (:mod:`glimpse.compose.headline_check`);
3. scored by agreement with the other sources (content-word F1 against their titles, coverage
   of their lead sentences), with a bonus for a rewritten lead sentence and a penalty for a
   headline without a verb;
4. a candidate equal to a source title (after :func:`clean_title`, ignoring case and
   punctuation) counts as copied: it is used only when no other candidate is left;
5. a candidate that states a figure the sources dispute (:mod:`glimpse.compose.conflicts`) is
   dropped unless it states the newest one, the one the brief uses;
6. without any candidate, the old way: the agreed source title or lead sentence, cut to fit.
Its support is the source sentences that cover most of its content words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glimpse.compose.conflicts import newest_value, stated_value
from glimpse.compose.headline_check import (
    lemma_supported,
    source_lemmas,
    source_texts,
    unsupported_headline_words,
)
from glimpse.compose.headline_sense import drops_clause_attribution, hanging_measure
from glimpse.compose.meaning import meaning_problems
from glimpse.compose.terms import content_words, normalise, term_pairs, term_set, tokens
from glimpse.compose.trim import ATTRIBUTION, CAPS_DATELINE, CONNECTIVE, DATELINE, PARENS
from glimpse.furniture import is_furniture
from glimpse.headline import is_site_title
from glimpse.models import Article, Conflict, SupportRef

MIN_WORDS = 4
MAX_WORDS = 12  # the contract; ``limit`` may lower it, never raise it
LEDE_BONUS = 0.05  # prefer a sentence written for the story to a rewritten title
NO_VERB = 0.05  # "who did what" needs a verb
TITLE_WEIGHT = 0.7  # agreement with the other titles vs coverage of their lead sentences

# " - CNN", " | Daily Mail Online", " – The Washington Post"
OUTLET_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")
TAG_SUFFIX = re.compile(r"\s*[(\[](?:video|photos?|pictures|watch|live|update[sd]?)[)\]]\s*$", re.I)
CLAUSE_BREAKS = re.compile(r"[:;,](?=\s)|\s[–—-]\s")
KICKER = re.compile(r"(?<=[\w'’”)]):\s+|\s[|–—]\s|(?<=[a-z]{2})\.\s+(?=[A-Z])")
# Questions, teasers and direct address: a headline states the news.
TEASER = re.compile(
    r"\?|…|\.\.\.|^(?:here['’]?s|here (?:is|are)|what|why|how|who|when|where|watch|see|look|"
    r"listen|video|photos?|opinion|analysis|explainer|live|breaking)\b|things to know|"
    r"(?:need|want) to know|what we know|this is (?:why|what|how)|\b(?:you|your|yours|"
    r"you['’](?:ll|re|ve|d))\b",
    re.I,
)
FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|We|we|me|my|our|us)\b")
PRONOUN_START = frozenset(
    {"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "its", "their"}
) | {"there", "here"}
ARTICLES = frozenset({"a", "an", "the"})
# words a headline cannot end on: its phrase was cut off ("… fears of", "… and")
DANGLING = ARTICLES | {
    "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "over", "after", "before",
    "about", "as", "than", "and", "or", "but", "nor", "that", "which", "who", "whom", "whose",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "its", "their", "his", "her",
    "our", "my", "your", "this", "these", "those",
}  # fmt: skip
QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|(?<!\w)[‘'][^‘’']*[’'](?!\w)")
OPEN_SINGLE = re.compile(r"(?<!\w)[‘']")
CLOSE_SINGLE = re.compile(r"(?<=\w)[’'](?!\w)")
WORD = re.compile(r"[^\W\d_][\w'’-]*|\S+")


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


def plain(text: str) -> str:
    """``text`` compared as a copy is: lowercase words and numbers only."""
    return " ".join(t.lower() for t in tokens(text))


def copied(text: str, titles: Sequence[str]) -> bool:
    """Whether ``text`` is one source title, or an unbroken run of one title's words (a title
    cut short is still that outlet's headline). ``titles`` are :func:`plain` forms padded
    with a space on each side."""
    words = f" {plain(text)} "
    return words.strip() != "" and any(words in title for title in titles)


def is_teaser(text: str) -> bool:
    """A question, teaser or direct address, not a statement of the news."""
    return bool(TEASER.search(text) or FIRST_PERSON.search(QUOTED.sub("", text)))


def case_map(articles: Sequence[Article]) -> dict[str, str]:
    """Each word's usual casing inside the articles' sentences (first words, and sentences in
    title case, which say nothing about casing, left out)."""
    seen: dict[str, Counter[str]] = {}
    for a in articles:
        for s in a.sentences:
            words = WORD.findall(s.text)
            if _title_cased(words):
                continue
            for word in words[1:]:
                seen.setdefault(word.lower(), Counter())[word] += 1
    return {low: forms.most_common(1)[0][0] for low, forms in seen.items()}


def _title_cased(words: Sequence[str]) -> bool:
    long = [w for w in words if len(w) > 3 and w[:1].isalpha()]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def sentence_case(text: str, casing: dict[str, str]) -> str:
    """``text`` in sentence case: drop-caps ("VLADIMIR") and title case ("Raises Its Offer")
    take the casing the articles use; words they never use keep theirs."""
    from glimpse.enrich.lexicon import has_lemma

    words = text.split(" ")
    titled = _title_cased(words)
    out = []
    for n, word in enumerate(words):
        core = word.strip("\"'“”‘’()[],.:;!")
        known = casing.get(core.lower())
        if known and known.lower() == core.lower() and (n or not known[:1].islower()):
            word = word.replace(core, known)
        elif core.isupper() and len(core) > 5:
            word = word.replace(core, core.capitalize())
        elif titled and n and core[:1].isupper() and has_lemma(core.lower()):
            word = word.replace(core, core.lower())
        out.append(word)
    joined = " ".join(out)
    return joined[:1].upper() + joined[1:]


def cut_off(title: str, body: frozenset[str]) -> bool:
    """Whether ``title`` ends in a word cut short by the feed ("… ring in 2018 twi"): its
    last word is neither in the articles' sentences nor a dictionary word or number."""
    from glimpse.enrich.lexicon import has_lemma

    words = tokens(title)
    last = words[-1] if words else ""
    key = normalise(last)
    return key is not None and key not in body and not has_lemma(last.lower())


BIG_STORY = 8


def headline_sources(articles: Sequence[Article], lead: str) -> list[Source]:
    """Titles (and their parts around a kicker's colon) and lead sentences, in article order."""
    out = []
    body = term_set(s.text for a in articles for s in a.sentences)
    # every source text is parsed by spaCy: a big story gives one lead sentence per article
    leads = 2 if len(articles) <= BIG_STORY else 1
    for n, a in enumerate(articles):
        if a.title.strip() and not is_site_title(a.title, a.source, a.url):
            title = clean_title(a.title)
            parts = [title] + [p for p in KICKER.split(title) if len(p.split()) >= 4]
            out += [Source(p, n, True) for p in dict.fromkeys(parts) if not cut_off(p, body)]
        out += [Source(s.text, n, False) for s in a.sentences[:leads]]
    home = next((n for n, a in enumerate(articles) for s in a.sentences if s.text == lead), -1)
    if lead and not any(s.text == lead for s in out):
        out.append(Source(lead, home, False))
    return out


def _acceptable(text: str, texts: Sequence[str]) -> bool:
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


def write_candidates(articles: Sequence[Article], lead: str, limit: int) -> list[Candidate]:
    """Every acceptable headline-form rewrite of the story's sources (steps 1-2)."""
    from glimpse.compose.headline_form import headline_forms, main_clause, plural_names
    from glimpse.nlp import load_spacy  # spaCy is heavy: loaded on first use

    casing = case_map(articles)
    sources = [s for s in headline_sources(articles, lead) if not is_teaser(s.text)]
    texts = [sentence_case(_undated(s.text).replace("`", "‘").strip(), casing) for s in sources]
    docs = list(load_spacy().pipe(texts, batch_size=16))
    names = plural_names(docs)
    grounding = source_texts(articles)
    out = _fused(sources, docs, names, limit, grounding)
    for source, doc in zip(sources, docs, strict=True):
        root = main_clause(doc)
        has_verb = root is not None and any(t.pos_ in ("VERB", "AUX") for t in doc)
        for form in headline_forms(doc, limit, names, _title_like(source)):
            text = form[:1].upper() + form[1:]
            if _acceptable(text, grounding) and keeps_meaning(text, source.text):
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
                if fits and new and phrase not in a.phrases and _acceptable(text, grounding):
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
        agree = sum(_f1(_words(c.text), titles[n]) for n in others) / len(others)
        cover = sum(len(keys & ledes[n]) / max(len(keys), 1) for n in others) / len(others)
        value = TITLE_WEIGHT * agree + (1 - TITLE_WEIGHT) * cover
        value += (0.0 if c.from_title else LEDE_BONUS) - (0.0 if c.has_verb else NO_VERB)
        scored.append((value, c))
    return scored


def from_sentence(sentence: str, limit: int) -> str:
    """A headline made from a lead sentence: no dateline, connective, aside or attribution."""
    text = DATELINE.sub("", sentence)
    for pattern, repl in ((PARENS, ""), (CONNECTIVE, ""), (ATTRIBUTION, "")):
        text = pattern.sub(repl, text).strip()
    text, _ = fit(text.rstrip(" .!"), limit)
    return text[:1].upper() + text[1:]


def _fallback(articles: Sequence[Article], lead: str, limit: int) -> str:
    """Step 5: the first clean title, else the lead sentence cut to fit."""
    titles = [clean_title(a.title) for a in articles if a.title.strip()]
    fitted = [fit(t, limit) for t in titles if not is_teaser(t)]
    clean = [t for t, ok in fitted if ok]
    if clean:
        return clean[0]
    return from_sentence(lead, limit) if lead else (titles[0] if titles else "")


def states_older_figure(text: str, conflicts: Sequence[Conflict]) -> bool:
    """Whether ``text`` states a disputed figure other than the newest one (the brief's)."""
    for conflict in conflicts:
        value = stated_value(text, conflict)
        if value is not None and value != newest_value(conflict):
            return True
    return False


def make_headline(
    articles: Sequence[Article],
    lead_sentence: str,
    limit: int = MAX_WORDS,
    conflicts: Sequence[Conflict] = (),
) -> str:
    """The story headline (see the module docstring for the cascade); ``conflicts`` are the
    story's disputed figures (:func:`glimpse.compose.conflicts.find_conflicts`)."""
    limit = min(limit, MAX_WORDS)
    with_text = [a for a in articles if a.sentences] or list(articles)
    candidates = [
        c
        for c in write_candidates(with_text, lead_sentence, limit)
        if not states_older_figure(c.text, conflicts)
    ]
    copies = [f" {plain(clean_title(a.title))} " for a in articles]
    ranked = sorted(score_candidates(candidates, with_text), key=lambda p: -p[0])
    fresh = [c for _, c in ranked if not copied(c.text, copies)]
    if fresh or ranked:
        return (fresh or [c for _, c in ranked])[0].text
    return _fallback(with_text, lead_sentence, limit)


def headline_support(headline: str, articles: Sequence[Article], most: int = 2) -> list[SupportRef]:
    """Up to ``most`` source sentences that together cover the headline's content words
    (a present-tense verb is covered by a past form of the same verb)."""
    words = {key: surface for surface, key in term_pairs(headline)}
    known = term_set(source_texts(articles))
    by_lemma = {key: surface for key, surface in words.items() if key not in known}

    def carried(text: str) -> set[str]:
        keys = set(words) & term_set([text])
        if by_lemma:
            lemmas = source_lemmas([text])
            keys |= {k for k, surface in by_lemma.items() if lemma_supported(surface, lemmas)}
        return keys

    wanted, refs = set(words), []
    for _ in range(most):
        best, gain, got = None, 0, set()
        for a in articles:
            for s in a.sentences:
                covered = wanted & carried(s.text)
                if len(covered) > gain:
                    best, gain, got = SupportRef(a.id, s.index), len(covered), covered
        if best is None:
            break
        refs.append(best)
        wanted -= got
    return refs
