"""The repeat rule: a brief states each fact once and shows its key quote once.

A candidate sentence repeats what the brief already says when

1. at least ``share`` of the shorter one's content terms (and at least ``least`` terms) recur
   in one chosen sentence: the same fact told with the same names and words ("Thousands of
   people were moved off the beach" / "police said the crowds were removed from the beach");
   reporting words ("said", "told", "according") are not part of a fact and are not counted;
2. its MiniLM vector is at least ``limit`` close to a chosen sentence's: the same fact in other
   words ("shattered into 20 fragments" / "broke into 20 pieces");
3. its MiniLM vector is at least ``event_limit`` close to a chosen sentence's and both tell
   one event of one participant: a verb lemma (not a reporting or auxiliary verb) governing
   the same name, amount or subject in both, read by spaCy ("Broadcom raised its bid for
   Qualcomm" / "Broadcom on Monday raised its offer"); or both give one figure of one quantity
   ("two people suffered minor injuries" / "two were injured"); or, at least
   ``subject_limit`` close, they name one participant. Names shared by two different events
   are one subject, not one fact ("A flight from Auckland to Hawaii was delayed" /
   "Passengers on a flight from Auckland to Hawaii celebrated twice" both stay below
   ``subject_limit``);
4. it says the key quote again: a run of ``QUOTE_RUN`` consecutive words of the quote (all of a
   shorter one) recurs in it, whatever the quotation marks and punctuation, or it holds at
   least ``share`` of the quote's content terms (a paraphrase of the quote). Only the quote's
   own terms count here: the summary may state the fact a quote reacts to ("Carter has died
   aged 87" beside "The club is saddened to announce that Carter has passed away").

The rule is applied while choosing, between the candidate and every sentence chosen before it
(summary and body alike), so a repeat is skipped and the next best sentence fills its place.
The cheap rules (1 and 4) run first; only a sentence that passes them and fits the word budget
is embedded, each text once per brief (``memo``), and MiniLM (and spaCy for rule 3) runs only
when ``embed`` is given (a story of several articles: paraphrase is how outlets repeat each
other).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from glimpse.compose.figures import figures, same_figure
from glimpse.compose.terms import content_words, normalise

Embed = Callable[[list[str]], Any]  # texts -> one unit-length row per text
QUOTE_RUN = 5
# Verbs that say who told a fact or only carry tense or aspect, not what happened (lemmas).
NOT_EVENTS = frozenset(
    ("say", "tell", "report", "add", "claim", "state", "announce", "note", "explain", "confirm",
     "accord", "be", "have", "do", "get", "make", "go", "take", "come", "include", "show", "see",
     "know", "want", "seem", "become", "give", "put", "let", "use")
)  # fmt: skip
# Named participants (spaCy entity labels); dates, times and ordinals are not participants.
PARTICIPANTS = frozenset(
    ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")
)
AMOUNTS = frozenset(("MONEY", "CARDINAL", "QUANTITY", "PERCENT"))
SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
# Reporting words say who told a fact, not what the fact is (Snowball keys, as content_words).
_REPORTING_WORDS = (
    "said says say saying told tells tell according added adds stated statement reported "
    "reports reportedly announced confirmed claimed noted explained spokesman spokeswoman "
    "spokesperson"
)
REPORTING = frozenset(key for w in _REPORTING_WORDS.split() if (key := normalise(w)))
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@functools.lru_cache(maxsize=4096)
def fact_terms(text: str) -> frozenset[str]:
    """The content terms of ``text`` that carry its fact (no reporting words)."""
    return frozenset(content_words(text)) - REPORTING


def same_fact(a: frozenset[str], b: frozenset[str], share: float, least: int) -> bool:
    """Whether term sets ``a`` and ``b`` tell one fact: at least ``least`` terms and ``share``
    of the shorter set's terms are shared."""
    shared = len(a & b)
    return shared >= least and shared >= share * min(len(a), len(b))


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower().replace("’", "'") for w in _WORD.findall(text))


def _runs(words: tuple[str, ...], n: int) -> frozenset[tuple[str, ...]]:
    return frozenset(words[i : i + n] for i in range(len(words) - n + 1))


@functools.lru_cache(maxsize=64)
def _quote_runs(quote: str, run: int) -> tuple[int, frozenset[tuple[str, ...]]]:
    words = _words(quote)
    n = min(run, len(words))
    return n, _runs(words, n)


def quotes_again(text: str, quote: str, run: int = QUOTE_RUN) -> bool:
    """Whether ``text`` repeats ``quote``: ``run`` of its words in a row (all of them when it
    is shorter), compared as lowercase words so marks and punctuation do not hide it."""
    n, theirs = _quote_runs(quote, run)
    return bool(theirs) and not theirs.isdisjoint(_runs(_words(text), n))


@dataclass(frozen=True, slots=True)
class Event:
    """What a sentence tells: each event (a verb lemma) paired with the participants it
    governs, and every participant (named people, places and organisations, and amounts)."""

    pairs: frozenset[tuple[str, str]]
    who: frozenset[str]


def _event_verb(token: Any) -> str | None:
    """The nearest verb above ``token`` that tells an event; reporting verbs are skipped, so
    in "Cazeneuve said 80 were killed" 80 goes with "kill" and Cazeneuve with nothing."""
    while token.head.i != token.i:
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() not in NOT_EVENTS:
            return str(token.lemma_.lower())
    return None


@functools.lru_cache(maxsize=4096)
def event_of(text: str) -> Event:
    """The :class:`Event` of ``text``, read by the shared spaCy pipeline."""
    from glimpse.nlp import load_spacy  # spaCy is heavy: loaded on first use

    doc = load_spacy()(text)
    found: list[tuple[str, Any]] = []
    for ent in doc.ents:
        if ent.label_ in PARTICIPANTS:
            found.append((ent.root.lemma_.lower(), ent.root))
        elif ent.label_ in AMOUNTS and not _YEAR.fullmatch(ent.text):
            amount = " ".join(re.findall(r"[\w.]+", ent.text.lower().replace(",", "")))
            found.append((amount, ent.root))
    for token in doc:  # names the small model misses ("Broadcom"), and the doer of an event
        unnamed = token.pos_ == "PROPN" and not token.ent_type_
        if unnamed or (token.dep_ in SUBJECTS and token.pos_ == "NOUN"):
            found.append((token.lemma_.lower(), token))
    pairs = {(verb, key) for key, token in found if (verb := _event_verb(token))}
    return Event(frozenset(pairs), frozenset(key for key, _ in found))


def same_event(a: Event, b: Event) -> bool:
    """Whether two sentences tell one event of one participant ("Broadcom raised its bid" /
    "Broadcom raised its offer")."""
    return not a.pairs.isdisjoint(b.pairs)


def same_participant(a: Event, b: Event) -> bool:
    return not a.who.isdisjoint(b.who)


def same_figure_of(text: str, other: str) -> bool:
    """Whether two sentences give one figure of one quantity ("two people suffered minor
    injuries" / "two were injured"): :mod:`glimpse.compose.figures` reads what each counts."""
    theirs = figures(other)
    return any(a.key == b.key and same_figure(a, b) for a in figures(text) for b in theirs)


@dataclass(frozen=True)
class Repeats:
    """What the brief says so far is checked against each new candidate.

    ``quote`` is the key quote's text (or empty); ``share``/``least`` the term rule, ``limit``
    the MiniLM cosine (0 or no ``embed``: off). ``memo`` keeps each text's vector for the
    whole brief (the caller may reuse it).
    """

    quote: str = ""
    share: float = 0.5
    least: int = 3
    limit: float = 0.0
    embed: Embed | None = None
    memo: dict[str, Any] = field(default_factory=dict)
    event_limit: float = 0.0
    subject_limit: float = 0.0

    def same_words(self, text: str, said: Sequence[str]) -> bool:
        """Rules 1 and 3 (no model): cheap, so they run before any budget check."""
        mine = fact_terms(text)
        if self.quote:
            shared = len(mine & fact_terms(self.quote))
            if shared >= max(self.least, self.share * len(fact_terms(self.quote))):
                return True
            if shared and quotes_again(text, self.quote):  # a run of its words holds a term
                return True
        return any(same_fact(mine, fact_terms(t), self.share, self.least) for t in said)

    def paraphrase(self, text: str, said: Sequence[str]) -> bool:
        """Rules 2 and 3: MiniLM cosine of ``text`` with a chosen sentence, and the same
        event of the same participants at a lower cosine (``event_limit``, 0: off)."""
        if not self.limit or self.embed is None or not said:
            return False
        new = [t for t in dict.fromkeys([text, *said]) if t not in self.memo]
        if new:
            self.memo.update(zip(new, self.embed(new), strict=True))
        mine = self.memo[text]
        for other in said:
            cosine = float(np.dot(mine, self.memo[other]))
            if cosine >= self.limit or self._same_event(text, other, cosine):
                return True
        return False

    def _same_event(self, text: str, other: str, cosine: float) -> bool:
        """Rule 3: one event of one participant, or (``subject_limit``) closer still and
        about one participant."""
        if not self.event_limit or cosine < self.event_limit:
            return False
        mine, theirs = event_of(text), event_of(other)
        if same_event(mine, theirs) or same_figure_of(text, other):
            return True
        return (
            bool(self.subject_limit)
            and cosine >= self.subject_limit
            and (same_participant(mine, theirs))
        )
