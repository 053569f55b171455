"""Meaning checks: a shortened sentence must still say what its source sentence says.

The lexical test (:func:`glimpse.compose.grounding.unsupported_terms`) only asks whether every
word of a brief sentence is in its support. A cut can pass it and still change the meaning:
dropping "according to an IS-affiliated website" turns a claim into a fact, dropping "not" or
"may" inverts or hardens it, cutting inside quotation marks puts words in someone's mouth,
cutting "So" from "So far" leaves "Far", and removing a "who" clause up to the next comma can
join a description to a different noun or run a list's items together. Each rule here is a
small pure function over one deleted span; :func:`meaning_problems` runs them all and names
what failed.

Hand-written: no entailment model is available offline (see the project's design notes), and
these rules are about the shape of a deletion, which a token diff shows exactly. Only the word
after a removed relative clause is read by the shared spaCy tagger (its part of speech), and,
when the tagger calls it a past participle, by the parser (whether it is the main verb).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from glimpse.compose.memo import text_memo


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a claim someone's claim rather than the brief's own.
ATTRIBUTION_WORDS = _words(
    "said says say saying told tells tell according claimed claims claim reported reports "
    "reportedly alleged alleges allegedly stated states announced announces insisted insists "
    "warned warns added adds explained explains wrote writes tweeted posted confirmed "
    "confirms denied denies believe believed believes estimated estimates suggested suggests "
    "quoted cited citing acknowledged admitted argued argues noted notes"
)
NEGATION_WORDS = _words("not no never nor none nothing nobody neither cannot without")
HEDGE_WORDS = _words(
    "may might could would should can allegedly reportedly suspected suspect apparently "
    "likely unlikely possibly probably perhaps presumably expected purportedly unconfirmed "
    "believed thought feared appears appeared seems seemed"
)
# A determiner or possessive that opens a noun phrase: after a removed "who" clause it means
# the clause ended inside an appositive ("X, who advised Y, the founder") and the noun
# phrase that described Y would now describe X.
DETERMINERS = _words("the a an his her its their our this that these those")
# A deleted span that opens with one of these is a whole clause of its own.
SUBORDINATORS = _words("who whom whose which while although though whereas")
RELATIVES = _words("who whom whose which")
# Between a relative pronoun and its verb of saying, only these keep the clause the
# antecedent's own words ("who has previously said ..."); any other word is a third party
# ("who the army said was bruised"), a passive ("who are believed to") or an adverb of
# hearsay ("which reportedly"): the clause carries an attribution and is never cut.
OWN_VOICE = _words("has have had also previously repeatedly publicly once later since recently")
HEARSAY = _words("according reportedly allegedly")
# Penn tags of a word that carries the sentence on after a removed ", who ...," clause: a
# finite verb (the clause stood between subject and verb), a conjunction, a preposition, an
# adverb, a pronoun. Before a noun, a determiner, a number, an adjective or a participle the
# clause's closing comma separated list items or an aside, and without the clause the words
# run together ("assault against a soldier obstructing a soldier") or a modifier moves to a
# different noun ("Suddeutsche Zeitung, including the Guardian").
CARRY_ON_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "CC", "IN", "TO", "RB", "PRP"})
# Connectives that can be cut from the front of a sentence without a comma.
FREE_CONNECTIVES = _words("but and meanwhile however indeed instead also")
QUOTE_MARKS = '"“”'
WORD = re.compile(r"\S+")
TRIM_EDGE = re.compile(r"^[\"“”‘’'(\[]+|[\"“”‘’'.,;:!?)\]]+$")


@dataclass(frozen=True, slots=True)
class Token:
    """One whitespace token of a sentence: its text, lowercase core, and character offset."""

    text: str
    core: str
    start: int


@text_memo()
def _tokens(text: str) -> tuple[Token, ...]:
    # memoised: each trimming step of a sentence is compared with the whole sentence
    out = []
    for m in WORD.finditer(text):
        core = TRIM_EDGE.sub("", m.group(0)).lower().replace("’", "'")
        out.append(Token(m.group(0), core, m.start()))
    return tuple(out)


def _inside_quotes(text: str, offset: int) -> bool:
    """Whether ``offset`` of ``text`` lies between an opening and a closing quotation mark."""
    before = text[:offset]
    if before.count("“") > before.count("”"):
        return True
    return before.count('"') % 2 == 1


def _has(words: Sequence[Token], vocabulary: frozenset[str]) -> list[str]:
    found = []
    for t in words:
        negated = t.core.endswith("n't") and "not" in vocabulary
        if t.core in vocabulary or negated or t.core.removesuffix("n't") in vocabulary:
            found.append(t.text)
    return found


def has_attribution(text: str) -> bool:
    """Whether ``text`` says whose claim it is ("police said", "according to")."""
    return bool(_has(_tokens(text), ATTRIBUTION_WORDS))


def _clause_attribution(text: str, clause: Sequence[Token]) -> list[str]:
    """The attribution a relative clause ``clause`` of ``text`` (starting at its pronoun)
    carries for someone other than its antecedent: the words up to the verb of saying (a
    verb: not "states" of "the United States"), or empty."""
    for k, t in enumerate(clause[1:], start=1):
        if not _has([t], ATTRIBUTION_WORDS):
            continue
        if t.core not in HEARSAY and not _tag_at(text, t.start).startswith("VB"):
            continue
        if t.core in HEARSAY or any(w.core not in OWN_VOICE for w in clause[1:k]):
            return [w.text for w in clause[1 : k + 1]]
        return []  # "who (has previously) said ...": what the antecedent itself said
    return []


@functools.lru_cache(maxsize=4096)
def _tags(text: str) -> tuple[tuple[int, str], ...]:
    """(character offset, Penn tag) of each word of ``text``."""
    from glimpse.nlp import load_spacy  # spaCy is heavy: loaded on first use

    doc = load_spacy()(text, disable=["parser", "ner"])
    return tuple((t.idx, str(t.tag_)) for t in doc if not (t.is_punct or t.is_space))


def _tag_at(text: str, offset: int) -> str:
    """The tag of the first word of ``text`` at or after character ``offset``."""
    return next((tag for start, tag in _tags(text) if start >= offset), "")


@text_memo(maxsize=1024)
def _main_verbs(text: str) -> frozenset[int]:
    """Character offsets of the words the dependency parse of ``text`` reads as a sentence's
    main verb: its root, or, when the root is a noun (the parse found no verb outside a
    relative clause), the first past participle hanging from that noun. A past tense and a
    past participle of a regular verb are the same word ("The welshman, who is 43, retired
    from ..."); the tagger often reads it as a participle after a clause's comma, and the
    parser follows it, but a sentence whose only other verb is inside the clause has no main
    verb unless that word is one."""
    from glimpse.nlp import load_spacy  # spaCy is heavy: loaded on first use

    out = set()
    for sent in load_spacy()(text, disable=["ner"]).sents:
        root = sent.root
        if root.pos_ in ("VERB", "AUX"):
            out.add(root.idx)
            continue
        after = [c for c in root.rights if c.dep_ == "acl" and c.tag_ == "VBN"]
        if after and any(c.dep_ == "relcl" and c.i < after[0].i for c in root.rights):
            out.add(after[0].idx)
    return frozenset(out)


def _carries_on(text: str, after: Token) -> bool:
    """Whether ``after``, the word after a removed clause, continues the sentence without
    the clause's commas (see CARRY_ON_TAGS): a word with one of those tags, or a word tagged
    as a past participle that is in fact the sentence's main verb (see :func:`_main_verbs`)."""
    if after.core in NEGATION_WORDS:
        return False  # "the leader, who ..., not least NATO": the "not" binds to the noun
    tag = _tag_at(text, after.start)
    return tag in CARRY_ON_TAGS or (tag == "VBN" and after.start in _main_verbs(text))


def _deleted_spans(kept: Sequence[Token], source: Sequence[Token]) -> list[tuple[int, int]]:
    """Index ranges ``[i, j)`` of ``source`` tokens that ``kept`` does not have."""
    matcher = SequenceMatcher(None, [t.core for t in source], [t.core for t in kept], False)
    spans = []
    for op, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            spans.append((i1, i2))
    return spans


def _span_problems(source_text: str, source: Sequence[Token], i: int, j: int) -> list[str]:
    """What deleting ``source[i:j]`` does to the meaning (empty: nothing)."""
    gone = source[i:j]
    problems = []
    relative = gone[0].core in RELATIVES
    if relative and (words := _clause_attribution(source_text, gone)):
        problems.append(f"attribution dropped ({' '.join(words)})")
    trailing = j == len(source) and gone[0].core in ("that", *SUBORDINATORS)
    if gone[0].core in SUBORDINATORS or trailing:
        pass  # a whole subordinate clause: its own "said", "not" or "may" go with it
    elif words := _has(gone, ATTRIBUTION_WORDS):
        problems.append(f"attribution dropped ({' '.join(words)})")
    if gone[0].core not in SUBORDINATORS and not trailing:
        if words := _has(gone, NEGATION_WORDS):
            problems.append(f"negation dropped ({' '.join(words)})")
        if words := _has(gone, HEDGE_WORDS):
            problems.append(f"hedge dropped ({' '.join(words)})")
    if any(_inside_quotes(source_text, t.start) for t in gone) or any(
        c in t.text for t in gone for c in QUOTE_MARKS
    ):
        problems.append("cut inside a quotation")
    if relative and i > 0 and j < len(source):
        if source[j].core in DETERMINERS:
            problems.append("description joined to a different noun")
        elif not _carries_on(source_text, source[j]):
            problems.append(f"words run together ({source[i - 1].text} {source[j].text})")
    if i == 0 and j < len(source) and not _clean_start(gone):
        problems.append(f"broken word pair ({gone[-1].text} {source[j].text})")
    return problems


def _clean_start(gone: Sequence[Token]) -> bool:
    """A leading cut ends at a comma, a dash, a colon or a dateline's bracket, or is one
    connective that never pairs with the next word ("But", "And"; not "So" of "So far")."""
    last = gone[-1].text
    if last.endswith((",", ":", ";", ")", "-", "—", "–")):
        return True
    return len(gone) == 1 and gone[0].core in FREE_CONNECTIVES


def meaning_problems(sentence: str, support: str) -> list[str]:
    """Why ``sentence``, cut from ``support``, no longer means what ``support`` says.

    An empty list means every deletion is meaning-safe. ``sentence`` must already have its
    grounded edits undone (see :mod:`glimpse.compose.edits`). Sentences that are not a
    shortening of ``support`` (nothing deleted) pass.
    """
    if sentence == support:  # nothing deleted (most sentences are used whole)
        return []
    kept, source = _tokens(sentence), _tokens(support)
    problems: list[str] = []
    for i, j in _deleted_spans(kept, source):
        for problem in _span_problems(support, source, i, j):
            if problem not in problems:
                problems.append(problem)
    return problems
