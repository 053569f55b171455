"""Attribution frames: the phrase a quotation's attribution names as its speaker.

News copy attributes a quote in a handful of frames: after it ('"...," she said.', '"...,"
said X.', '"...," X, a spokesman, told reporters'), before it ('X said: "..."', 'according to
X, "..."'), or in a sentence of its own ('X said:' before the quote, 'X said.' after it). Each
function here finds the frame and hands its subject phrase to
:func:`glimpse.compose.speaker.classify`. Hand-written patterns: no attribution model is
installed offline, and compose must not run spaCy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from glimpse.compose.speaker import CLAUSE_WORDS, VERBS, Speaker, Who, classify, word_set
from glimpse.models import Entity

# News outlets relay quotes; "according to Reuters" names the reporter, not the speaker.
OUTLET_WORDS = word_set(
    "reuters ap afp cnn bbc sputnik tass xinhua yonhap kyodo associated press news times post "
    "journal telegraph guardian report reports reported newspaper media translation "
    "interview network television"
)
_ABBREVIATION = (
    r"(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev)\.)"
)
W = rf"(?:{_ABBREVIATION}|\w[\w'’&-]*)"  # a word; a full stop only in an abbreviation
_LEAD = r"^[\s,—–-]*"
_SUBJECT_FIRST = re.compile(
    rf"{_LEAD}(?P<who>(?:{W},?\s+){{0,15}}?{W}),?\s+(?:also\s+|later\s+|then\s+)?{VERBS}\b"
)
_VERB_FIRST = re.compile(rf"{_LEAD}(?!told|tells|asked){VERBS}\s+(?P<who>(?:{W}\s+){{0,10}}{W})")
_ADVERBIAL = r"(?:on|in|at|to|during|after|later|afterwards|earlier|yesterday|today|\w+day)"
_ONLY_ATTRIBUTION = re.compile(
    rf"^\s*(?P<who>(?:{W},?\s+){{0,7}}?{W}),?\s+{VERBS}"
    rf"(?:\s+{_ADVERBIAL}\b(?:\s+[\w'’,-]+){{0,5}})?\s*\."
)
_ACCORDING = re.compile(rf"{_LEAD}according to (?P<who>(?:{W}\s+){{0,8}}{W})")
_BEFORE = re.compile(
    rf"(?P<who>[^\"“”]*),?\s+{VERBS}(?P<rest>(?:\s+[\w'’,-]+){{0,8}}?)\s*(?P<colon>[:,]?)\s*$"
)
_BEFORE_ACCORDING = re.compile(r"[Aa]ccording to (?P<who>[^\"“”,;:]{1,80}),?\s*$")
_SPLIT = re.compile(r"\s*[,;:()“”\"‘—–]\s*|\s+-\s+")
_SUBJECT_BEFORE_VERB = re.compile(
    rf"^(?:,[^,\"“”]{{0,80}},)?\s+(?:also\s+|has\s+|had\s+|have\s+)?{VERBS}\b"
)
_VERB_BEFORE_SUBJECT = re.compile(rf"\b{VERBS}\s+(?:[a-z0-9][\w-]*\s+){{0,4}}$")

Names = Counter[tuple[str, ...]]
_QUALIFIER = word_set("who which whose of for from at in on with")


def _outlet(who: Who, sources: frozenset[str]) -> bool:
    if not isinstance(who, Speaker):
        return False
    words = {w.strip(".,'’").lower() for w in who.name.split()}
    return bool(words & (OUTLET_WORDS | sources))


def _last_segment(text: str, names: Names, entities: Sequence[Entity]) -> Who | None:
    """The subject in the clause before a verb: the last segment that classifies.

    Walks back over an appositive ("Gaby Lasky, Tamimi's lawyer, said") and a relative clause
    ("Trump, who has vowed ..., said"); stops at a clause ("the man told them").
    """
    for segment in reversed([s for s in _SPLIT.split(text) if s.strip()]):
        words = segment.split()
        if words[0].lower() in _QUALIFIER:  # "who has vowed ...", "of South Korea"
            continue
        if who := classify(segment, names, entities):
            return who
        if len(words) > 10 or any(w.lower() in CLAUSE_WORDS for w in words):
            return None
    return None


def attribution_after(
    after: str,
    new_sentence: bool,
    names: Names,
    entities: Sequence[Entity] = (),
    sources: frozenset[str] = frozenset(),
) -> Who | None:
    """Who the frame right after a closing quote mark names; ``new_sentence`` when the quote
    ended its sentence, so only a sentence that is nothing but the attribution counts."""
    if new_sentence:
        match = _ONLY_ATTRIBUTION.match(after)
        return _last_segment(match.group("who"), names, entities) if match else None
    if match := _SUBJECT_FIRST.match(after):
        return _last_segment(match.group("who"), names, entities)
    if match := _VERB_FIRST.match(after):
        return classify(match.group("who"), names, entities)
    if match := _ACCORDING.match(after):
        who = classify(match.group("who"), names, entities)
        return None if who is None or _outlet(who, sources) else who
    return None


def attribution_before(
    before: str,
    names: Names,
    entities: Sequence[Entity] = (),
    sources: frozenset[str] = frozenset(),
) -> Who | None:
    """Who the frame ending right before an opening quote mark names ('X said: "').

    Words between the verb and the quote are allowed only before a colon ('X said in a
    statement: "') or as "that" ('X added that "...'), so 'X said the plan "...' is no frame.
    """
    if match := _BEFORE_ACCORDING.search(before):
        who = classify(match.group("who"), names, entities)
        return None if who is None or _outlet(who, sources) else who
    # no quote mark can lie inside a match, which runs to the end: start after the last one
    # (the same match, without retrying from every earlier position)
    start = max(before.rfind(mark) for mark in '"“”') + 1
    match = _BEFORE.search(before, start)  # the verb nearest the quote
    if match is None:
        return None
    rest = match.group("rest").strip()
    if rest and match.group("colon") != ":" and rest != "that":
        return None
    return _last_segment(match.group("who"), names, entities)


def speaks(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` is the subject of a speech verb: "X said", "X, a
    fisherman, said", "said 23-year-old X"."""
    return bool(_SUBJECT_BEFORE_VERB.match(text[end:]) or _VERB_BEFORE_SUBJECT.search(text[:start]))
