"""What a claim sentence adds to its source: a token alignment on spaCy lemmas.

A faithful summary sentence re-says its source in other words; an unfaithful one is often
the same sentence with one thing changed (SummEdits' edits: a name or number swapped, a
"not" added or dropped, a word turned into its opposite, a fact added; Rank19's summarisers
drop the words a clause needs or join two subjects to the wrong verb). Each function here
measures one such change over parsed words, so that :mod:`glimpse.compose.consistency` can
weigh them.

Hand-written: no entailment model may be used offline, and each measure is a short rule over
spaCy's parse. An antonym ("rose" for "fell", "boycott" for "promotion") is out of reach of
these rules without a lexicon (WordNet's data cannot be fetched); only the prefix antonyms
("unlikely" for "likely") are caught.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from glimpse.compose.meaning import HEDGE_WORDS, NEGATION_WORDS
from glimpse.compose.terms import normalise

CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
# Entity types that name something; a claim's name of this kind must be in the sources.
NAME_ENTS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
NUMBER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
SUBJECTS = frozenset({"nsubj", "csubj"})
OBJECTS = frozenset({"dobj", "pobj", "attr", "dative", "iobj", "oprd"})
COMPARATIVE_TAGS = frozenset({"JJR", "RBR", "JJS", "RBS"})
# Degree and direction words: "more" for "less", "before" for "after" change a fact.
DEGREE_WORDS = frozenset(
    {
        "more", "less", "most", "least", "fewer", "before", "after", "above", "below", "over",
        "under", "up", "down", "only", "all", "every", "some", "few", "many", "first", "last",
        "higher", "lower", "larger", "smaller",
    }
)  # fmt: skip
NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "mis", "anti")


@dataclass(frozen=True, slots=True)
class Word:
    """One spaCy token of a sentence: ``key`` is the matching key of
    :func:`glimpse.compose.terms.normalise` (stem or number value; None for a function
    word), ``head`` the index of its syntactic head in the same sentence."""

    text: str
    lemma: str
    key: str | None
    pos: str
    tag: str
    dep: str
    head: int
    ent: str


Sentence = tuple[Word, ...]
PARSE_CACHE = 4096
_PARSED: dict[str, Sentence] = {}
_LOCK = threading.Lock()


def parse(texts: Sequence[str]) -> list[Sentence]:
    """Each text parsed by the bundled spaCy pipeline (loaded on first use), one
    :class:`Sentence` per text (a text is meant to be one sentence). The last few thousand
    parses are kept: a writer's gate checks many claims against the same sentences."""
    from glimpse.nlp import load_spacy

    with _LOCK:  # the writer checks sentences from several threads
        new = [t for t in dict.fromkeys(texts) if t not in _PARSED]
        parsed = dict(_PARSED)
        for text, doc in zip(new, load_spacy().pipe(new, batch_size=32), strict=True):
            parsed[text] = _PARSED[text] = tuple(_word(t, 0) for t in doc)
        while len(_PARSED) > PARSE_CACHE:
            _PARSED.pop(next(iter(_PARSED)))
    return [parsed[t] for t in texts]


def _word(token: Any, start: int) -> Word:
    """``token`` of a spaCy Doc whose first token has index ``start``."""
    return Word(
        token.text, token.lemma_.lower(), _key(token.text, token.lemma_), token.pos_,
        token.tag_, token.dep_, token.head.i - start, token.ent_type_,
    )  # fmt: skip


def _key(text: str, lemma: str) -> str | None:
    low = text.lower()
    if low.endswith("n't") or low in NEGATION_WORDS:
        return "not"
    surface = normalise(text)
    return None if surface is None else normalise(lemma) or surface


def keys(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Every matching key (stems of words and lemmas, number values) of ``sentences``."""
    out: set[str] = set()
    for sentence in sentences:
        for w in sentence:
            out.update(k for k in (w.key, normalise(w.text)) if k is not None)
    return frozenset(out)


def content(sentence: Sentence) -> list[Word]:
    """The words that carry the sentence's facts (nouns, names, verbs, adjectives, adverbs,
    numbers), without function words."""
    return [w for w in sentence if w.key is not None and w.pos in CONTENT_POS]


def novel(sentence: Sentence, known: frozenset[str]) -> list[Word]:
    """Content words of ``sentence`` whose key ``known`` lacks."""
    return [w for w in content(sentence) if w.key not in known and normalise(w.text) not in known]


@functools.lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """How rare ``word`` is in English, 0 (very common) to 1 (unseen): 1 - Zipf/7 of
    wordfreq. A paraphrase adds common words; a swapped-in fact is usually rarer."""
    from wordfreq import zipf_frequency

    return max(0.0, 1.0 - zipf_frequency(word.lower(), "en") / 7.0)


def novel_names(sentence: Sentence, known: frozenset[str]) -> list[str]:
    """Names (entity words, proper nouns) of ``sentence`` that ``known`` lacks."""
    return [
        w.text
        for w in novel(sentence, known)
        if (w.ent in NAME_ENTS or w.pos == "PROPN") and w.ent not in NUMBER_ENTS
    ]


def novel_numbers(sentence: Sentence, known: frozenset[str]) -> list[str]:
    """Numbers, dates and quantities of ``sentence`` that ``known`` lacks."""
    return [
        w.text
        for w in novel(sentence, known)
        if w.pos == "NUM" or w.ent in NUMBER_ENTS or (w.key or "")[:1].isdigit()
    ]


def _words_in(sentence: Sentence, vocabulary: frozenset[str]) -> list[str]:
    return [
        w.text.lower() for w in sentence if w.text.lower() in vocabulary or w.lemma in vocabulary
    ]


def negations(sentence: Sentence) -> int:
    """How many negation words ``sentence`` has ("not", "n't", "never", "no", ...)."""
    return sum(1 for w in sentence if w.key == "not" or w.dep == "neg")


def added(claim: Sentence, support: Sequence[Sentence], vocabulary: frozenset[str]) -> list[str]:
    """Words of ``vocabulary`` in ``claim`` that no support sentence has."""
    have = {x for s in support for x in _words_in(s, vocabulary)}
    return [x for x in _words_in(claim, vocabulary) if x not in have]


def added_hedges(claim: Sentence, support: Sequence[Sentence]) -> list[str]:
    """Hedges ("may", "reportedly", "expected") the claim adds to its support."""
    return added(claim, support, HEDGE_WORDS)


def added_degrees(claim: Sentence, support: Sequence[Sentence]) -> list[str]:
    """Comparatives, superlatives and degree words ("more", "first", "only") the claim adds."""
    extra = frozenset(w.lemma for w in claim if w.tag in COMPARATIVE_TAGS)
    return added(claim, support, DEGREE_WORDS | extra)


def _prefixed(key: str | None, word: str) -> bool:
    """Whether ``word`` is ``key``'s word with a negating prefix ("unnamed" of "name")."""
    low = word.lower()
    return key is not None and any(
        low.startswith(p) and normalise(low[len(p) :]) == key for p in NEGATING_PREFIXES
    )


def prefix_antonyms(claim: Sentence, support: Sequence[Sentence]) -> list[str]:
    """Claim words whose opposite by a negating prefix is in the support while they are not
    ("named" against "unnamed", "unlikely" against "likely")."""
    close = keys(support)
    theirs = [w for s in support for w in s if w.key is not None]
    mine = {w.key for w in claim}
    out = []
    for w in content(claim):
        if w.key in close:
            continue
        gained = any(_prefixed(w.key, x.text) and x.key not in mine for x in theirs)
        lost = any(_prefixed(x.key, w.text) for x in theirs)
        if gained or lost:
            out.append(w.text)
    return out


def _unit_pairs(sentence: Sentence) -> set[tuple[str, str]]:
    """``(number, unit)`` for each number and the noun it counts ("one-year": 1, year)."""
    out = set()
    for i, w in enumerate(sentence):
        if w.key and w.key[:1].isdigit() and 0 <= w.head < len(sentence) and w.head != i:
            head = sentence[w.head]
            if head.key and head.pos in ("NOUN", "PROPN") and not head.key[:1].isdigit():
                out.add((w.key, head.key))
    return out


def changed_units(claim: Sentence, sources: Sequence[Sentence]) -> list[str]:
    """Numbers the sources give, but counting something else ("one-month" where the
    sources say "one-year"): the pair's number and noun are both known, never together."""
    theirs = set().union(*(_unit_pairs(s) for s in sources)) if sources else set()
    numbers = {n for n, _ in theirs}
    nouns = keys(sources)
    return [
        f"{n} {u}"
        for n, u in sorted(_unit_pairs(claim))
        if (n, u) not in theirs and n in numbers and u in nouns
    ]


def _role(sentence: Sentence, i: int) -> str | None:
    """The semantic role of word ``i``: ``subj`` for who acts (an active subject, the
    "by" of a passive), ``obj`` for who is acted on (an object, a passive subject)."""
    dep = sentence[i].dep
    if dep == "pobj" and sentence[sentence[i].head].dep == "agent":
        return "subj"
    if dep in ("nsubjpass", "csubjpass"):
        return "obj"
    return "subj" if dep in SUBJECTS else "obj" if dep in OBJECTS else None


def _verb(sentence: Sentence, i: int) -> Word:
    """The verb a subject or object belongs to (through a preposition for ``pobj``)."""
    head = sentence[sentence[i].head]
    if sentence[i].dep == "pobj" and head.pos == "ADP":
        head = sentence[head.head]
    return head


def roles(sentence: Sentence) -> set[tuple[str, str, str]]:
    """``(verb key, role, noun key)`` for each subject and object of ``sentence``, by who
    acts and who is acted on (so "X was arrested by Y" = "Y arrested X")."""
    out = set()
    for i, w in enumerate(sentence):
        role = _role(sentence, i)
        verb = _verb(sentence, i)
        if role and w.key and verb.key and verb.pos in ("VERB", "AUX"):
            out.add((verb.key, role, w.key))
    return out


def role_changes(claim: Sentence, support: Sequence[Sentence]) -> tuple[int, int]:
    """``(swapped, moved)``: verbs whose subject and object the claim turns round against
    the support ("the protesters arrested the police"; both must be there, since "the train
    derailed" and "the train was derailed" say the same), and claim (verb, role, noun)
    triples whose verb and noun the support has, but never in that role of that verb."""
    theirs = set().union(*(roles(s) for s in support)) if support else set()
    verbs = {v for v, _, _ in theirs}
    nouns = {n for _, _, n in theirs}
    mine = roles(claim)
    swapped = {
        v
        for v, r, n in mine
        for v2, r2, n2 in mine
        if v == v2 and (r, r2) == ("subj", "obj") and {(v, "obj", n), (v, "subj", n2)} <= theirs
    }
    moved = sum(
        1
        for verb, role, noun in mine
        if (verb, role, noun) not in theirs and verb in verbs and noun in nouns
        and verb not in swapped
    )  # fmt: skip
    return len(swapped), moved
