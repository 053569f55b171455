"""A story, not a collage: every sentence of a brief can be read after the ones before it.

A sentence that opens with a reference ("He", "Her", "That", "The company") needs its
antecedent earlier in the brief. :func:`resolve_references` walks the brief in reading order and,
for each such sentence, keeps it when the brief already gives the antecedent (the source's
previous sentence is the brief's previous sentence, or the brief already names a person for
"He", the noun for "The deal"); replaces a personal pronoun or "The company" by the name the
source's preceding sentences make unambiguous, recorded as a grounded :class:`Edit`; and drops
the sentence otherwise. Hand-written: no coreference model is available offline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from glimpse.compose.anaphora import fronted_pronoun, leans_back
from glimpse.compose.edits import REACH
from glimpse.compose.names import introduce_first_names, introduce_surnames
from glimpse.compose.terms import content_words
from glimpse.compose.voice import outside_quotes
from glimpse.models import Article, Edit, Entity

PERSON_PRONOUN = re.compile(r"^(?P<ref>He|She|His|Her)\b(?!['’])")
THING_PRONOUN = re.compile(
    r"^(?P<ref>It|Its|They|Their|Them|This|That|These|Those|Such|Both|The latter|The former|"
    r"The two|Another|Other|Others|Then|Later|Afterwards|Also|Still|However|But|And|So|Yet|"
    r"Instead|Meanwhile|In addition|Moreover|Furthermore|As a result|"
    # "Two of them traveled 155 miles": a part of a group an earlier sentence counted
    r"(?:One|Two|Three|Four|Five|Some|Many|Most|All|None|Each|Several|Half|Neither|Either|"
    r"Both) of (?:them|those|these|which))\b"
)
ORG_NOUNS = ("company", "firm", "group", "agency", "organisation", "organization", "bank",
             "carrier", "airline", "club", "team")  # fmt: skip
# "The government said ...": whose government is often told paragraphs earlier, and a story
# about two states names both ("North Korea launched ... The government [of Japan] said").
# The nearest organisation name is not it, and a country's name is not its government, so
# these stand only after the brief has mentioned them; no name is put in their place.
STATE_NOUNS = ("government", "ministry", "regime", "cabinet", "administration")
PERSON_NOUNS = ("man", "woman", "boy", "girl", "couple", "pair", "suspect", "victim",
                "driver", "gunman", "attacker", "teenager", "actor", "actress", "star",
                "singer", "player", "billionaire", "entrepreneur", "executive", "mother",
                "father", "men", "women", "boys", "girls", "couples", "suspects", "victims",
                "attackers", "teenagers", "actors", "stars", "players")  # fmt: skip
DEFINITE = re.compile(r"^The (?P<noun>[a-z]+)\b")
# the same with a description before the noun: which pair only the sentence before says
DESCRIBED = re.compile(
    rf"^The (?P<described>(?:[\w'’-]+ ){{1,2}})(?P<noun>{'|'.join(PERSON_NOUNS)})\b(?!['’-])"
)
# "The bill includes ...", "The jump was ...": a bare definite noun as the subject, which only
# an earlier sentence can identify ("The number of women ...", "The televised debate between
# ..." say what they are and stand alone)
BARE_SUBJECT = re.compile(
    r"^The [a-z]+ (?:is|was|are|were|has|had|have|will|would|could|can|may|might|said|says|"
    r"[a-z]+ed|[a-z]+s)\b(?<!\bof)"
)
# "Only days later, that optimism ...": a demonstrative in the first clause (not a time word)
DEMONSTRATIVE = re.compile(
    r"^(?:[^,]{0,50},\s+)?(?:that|this|these|those|such)\s+(?!(?:year|week|month|morning|"
    r"afternoon|evening|night|time|weekend|season|summer|winter|spring|autumn|fall|day|"
    r"decade|century|is|was|are|were)\b)[a-z]",
    re.I,
)
# "The army said he ...": a personal pronoun before any name in the sentence
MID_PERSON = re.compile(r"\b(?:he|she|him|his|her|hers|himself|herself)\b")
# Two to four capitalised words: a person's name as news copy writes it ("Stephen Paddock").
NAME = re.compile(r"\b[A-Z][a-z'’-]+(?: (?:[A-Z]\.|[A-Z][a-z'’-]+|de|van|von|bin|al)){1,3}\b")


@dataclass(frozen=True, slots=True)
class Placed:
    """A sentence placed in the brief: where it comes from and the text the brief shows."""

    article: str
    index: int
    text: str
    edits: tuple[Edit, ...] = ()


def _named(text: str, entities: Sequence[Entity], kind: str) -> list[str]:
    """The longest surface form of each ``kind`` entity ("PERSON", "ORG") named in ``text``."""
    found = []
    shortest = 1 if kind == "ORG" else 2  # "UN" names an organisation; "Al" is no person
    for e in entities:
        if e.type != kind:
            continue
        forms = sorted({e.name, *e.aliases}, key=len, reverse=True)
        said = (f for f in forms if len(f) > shortest and re.search(rf"\b{re.escape(f)}\b", text))
        hit = next(said, None)
        if hit:
            found.append(hit)
    return found


def _people(text: str, entities: Sequence[Entity]) -> list[str]:
    """Surface forms of the people named in ``text``: the story's PERSON entities, or, for a
    story without enrich features, two to four capitalised words."""
    if any(e.type == "PERSON" for e in entities):
        return _named(text, entities, "PERSON")
    names = [m.group(0) for m in NAME.finditer(text)]
    return [n for n in names if n.split()[0].lower() not in ENGLISH_STOP_WORDS]


def _antecedent(
    article: Article, index: int, finder: str, entities: Sequence[Entity]
) -> tuple[str, int] | None:
    """The one name the source's preceding sentences give for a reference, or None.

    The nearest preceding sentence (within ``REACH``) that names anyone of the wanted kind
    decides: exactly one name there is unambiguous; more than one is not.
    """
    for back in range(index - 1, max(-1, index - 1 - REACH), -1):
        text = article.sentences[back].text
        names = _people(text, entities) if finder == "person" else _named(text, entities, "ORG")
        distinct = {n.split()[-1] for n in names}
        if len(distinct) == 1:
            return max(names, key=len), back
        if len(distinct) > 1:
            return None
    return None


def _substitute(placed: Placed, ref: str, name: str, at: int) -> Placed:
    to = f"{name}'s" if ref in ("His", "Her") else name
    text = to + placed.text[len(ref) :]
    edit = Edit(ref, to, placed.article, at)
    return Placed(placed.article, placed.index, text, (*placed.edits, edit))


def _substitute_inside(placed: Placed, ref: str, at: int, name: str, back: int) -> Placed | None:
    """``placed`` with the name put for the pronoun after its fronted phrase ("Back in 2012,
    he" -> "Back in 2012, Stephen Paddock"); None when the name is already said before it
    (the edit could not be undone unambiguously)."""
    if name in placed.text[:at]:
        return None
    to = f"{name}'s" if ref in ("his", "her") else name
    text = placed.text[:at] + to + placed.text[at + len(ref) :]
    edit = Edit(ref, to, placed.article, back)
    return Placed(placed.article, placed.index, text, (*placed.edits, edit))


def _leaning(placed: Placed, article: Article, entities: Sequence[Entity]) -> Placed | None:
    """A sentence that leans back without an opening pronoun (:mod:`glimpse.compose.anaphora`):
    a person after a fronted phrase gets the name the source makes unambiguous; any other
    such sentence cannot be read out of its place."""
    found = fronted_pronoun(placed.text)
    if found is None or found[0] not in ("he", "she", "his", "her"):
        return None
    named = _antecedent(article, placed.index, "person", entities)
    return None if named is None else _substitute_inside(placed, found[0], found[1], *named)


def _said_before(noun: str, before: Sequence[Placed]) -> bool:
    key = content_words(noun)
    return bool(key) and any(key[0] in content_words(p.text) for p in before)


def resolve(
    placed: Placed,
    before: Sequence[Placed],
    articles: dict[str, Article],
    entities: Sequence[Entity],
) -> Placed | None:
    """``placed`` as it can stand after ``before`` (unchanged, with a name for its pronoun,
    or None when its reference cannot be resolved)."""
    follows = bool(before) and (before[-1].article, before[-1].index + 1) == (
        placed.article,
        placed.index,
    )
    if follows:
        return placed
    article = articles[placed.article]
    if leans_back(placed.text):
        return _leaning(placed, article, entities)
    if m := PERSON_PRONOUN.match(placed.text):
        found = _antecedent(article, placed.index, "person", entities)
        if found is None:
            return None
        return _substitute(placed, m.group("ref"), *found)
    m = DESCRIBED.match(placed.text)  # "The A-list pair", "The 37-year-old driver"
    # ("The number of women ..." says what it counts: it describes no one)
    if m and not set(m.group("described").lower().split()) & ENGLISH_STOP_WORDS:
        same = [p for p in before if p.article == placed.article]
        return placed if _said_before(m.group("noun"), same) else None
    if m := DEFINITE.match(placed.text):
        noun = m.group("noun")
        if noun in PERSON_NOUNS:  # "The couple": which couple only its own article says
            same = [p for p in before if p.article == placed.article]
            return placed if _said_before(noun, same) else None
        if noun in STATE_NOUNS:
            return placed if _said_before(noun, before) else None
        if noun in ORG_NOUNS:
            if _said_before(noun, before):
                return placed
            if found := _antecedent(article, placed.index, "org", entities):
                return _substitute(placed, f"The {noun}", *found)
            return None
        bare = BARE_SUBJECT.match(placed.text) and cased(article)
        if bare and not _said_before(noun, before):  # "The bill": which one is unsaid
            return None
    if THING_PRONOUN.match(placed.text) or DEMONSTRATIVE.match(placed.text):
        return None
    named_before = any(_people(p.text, entities) for p in before)
    if not named_before and cased(article) and _unnamed_person(placed.text, entities):
        return None
    return placed


def _unnamed_person(text: str, entities: Sequence[Entity]) -> bool:
    """Whether ``text`` says "he" or "her" (outside quotations) before naming anyone."""
    plain = outside_quotes(text)
    m = MID_PERSON.search(plain)
    if m is None:
        return False
    return not _people(plain[: m.start()], entities)


def cased(article: Article) -> bool:
    """Whether the article writes names with capitals at all (a lower-cased text, such as a
    transcript or a tokenised corpus, gives name-based reference rules nothing to go on)."""
    return _cased(tuple(s.text for s in article.sentences[:20]))


@functools.lru_cache(maxsize=256)
def _cased(sentences: tuple[str, ...]) -> bool:
    # cached: every sentence of the brief asks of its article again
    words = [w for s in sentences for w in s.split()[1:]]
    capitals = sum(w[:1].isupper() for w in words)
    return capitals >= 0.02 * max(1, len(words))


def resolve_references(
    placed: Sequence[Placed], articles: dict[str, Article], entities: Sequence[Entity]
) -> list[Placed | None]:
    """Each sentence of ``placed`` (in reading order) resolved against the ones kept before it;
    None where a sentence cannot be read in its place."""
    kept: list[Placed] = []
    out: list[Placed | None] = []
    people = [e.name for e in entities if e.type == "PERSON"]
    for p in placed:
        r = resolve(p, kept, articles, entities)
        if r is not None:  # a speaker met by surname alone gets the full name
            text, edits = introduce_surnames(
                r.text, r.index, [k.text for k in kept], articles[r.article], people
            )
            r = Placed(r.article, r.index, text, (*r.edits, *edits)) if edits else r
            text, edits = introduce_first_names(r.text, r.index, articles[r.article], people)
            r = Placed(r.article, r.index, text, (*r.edits, *edits)) if edits else r
        out.append(r)
        if r is not None:
            kept.append(r)
    return out


DROP_CAP = re.compile(r"^([\"“‘']?)([A-Z]{2,})(?=\s+[A-Z][a-z])")
# a run of two or three capitalised words before a lower-case one: "TWO YEARS ago, ..."
DROP_CAP_RUN = re.compile(r"^([\"“‘']?)([A-Z]{2,}(?: [A-Z]{2,}){1,2})(?= [a-z])")
WORDS = re.compile(r"\b(?:[A-Z][a-z]+|[a-z]+)\b")


def story_words(articles: Sequence[Article]) -> frozenset[str]:
    """Every word the story's articles write in normal case: capitalised ("Vladimir") or in
    lower case ("years")."""
    return frozenset(w for a in articles for w in WORDS.findall(f"{a.title} {a.text}"))


def drop_capped(text: str) -> bool:
    """Whether ``text`` opens in drop capitals (what :func:`undo_drop_cap` reads the story's
    words for)."""
    return bool(DROP_CAP.match(text) or DROP_CAP_RUN.match(text))


def undo_drop_cap(text: str, known: frozenset[str]) -> str:
    """ "VLADIMIR Putin ordered ..." -> "Vladimir Putin ordered ...", "TWO YEARS ago, ..." ->
    "Two years ago, ..." when the story writes the words in normal case elsewhere (so "NASA
    Administrator" and "US FBI agents" stay as they are)."""
    m = DROP_CAP.match(text)
    if m is not None and m.group(2).capitalize() in known:
        return f"{m.group(1)}{m.group(2).capitalize()}{text[m.end() :]}"
    m = DROP_CAP_RUN.match(text)
    if m is None:
        return text
    words = []
    for word in m.group(2).split():  # each as the story writes it: "NEW YORK" -> "new York"
        if word.lower() in known:
            words.append(word.lower())
        elif word.capitalize() in known and len(word) > 2:  # "US" may be an acronym
            words.append(word.capitalize())
        else:
            return text
    run = " ".join(words)
    return f"{m.group(1)}{run[:1].upper()}{run[1:]}{text[m.end() :]}"
