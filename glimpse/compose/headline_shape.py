"""Whether the kept words of a clause still make a whole headline (:func:`shape_problem`).

Read from spaCy's dependency parse by hand (no installed library says when a cut sentence is
still whole); used by :mod:`glimpse.compose.headline_form` for every form it writes.
"""

from __future__ import annotations

from typing import Any

Token = Any  # spaCy's Token (spaCy ships no type stubs)
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def _subject(root: Token) -> Token | None:
    return next((c for c in root.children if c.dep_ in SUBJECTS), None)


# A kept word keeps the word it depends on (a form never ends on a determiner or modifier
# whose noun was cut: "... a new"), and a preposition keeps its object ("... fears of").
NEEDS_OBJECT = frozenset({"prep", "agent"})
OBJECTS = frozenset({"pobj", "pcomp"})
# A subject that points at something said before ("Another girl", "Other passengers") or a
# verb marked as an addition ("also", "too"): the headline is about a side detail.
SIDE_DETS = frozenset({"another", "other", "such", "same"})
# a base form coordinated with a past form ("expected to recover and dragged"); past and
# participle are not told apart (the tagger confuses them: "had flown over and fallen")
UNLIKE = ({"VB", "VBN"}, {"VB", "VBD"})
ADDITION = frozenset({"also", "too", "likewise", "similarly"})
# Verbs whose meaning lives in the phrase after them ("got into the enclosure", "headed for"):
# cut from it, "after a 3-year-old got" says nothing. A hand-written list: the parse marks such
# a phrase "prep" like any adjunct, and no installed lexicon lists verb complements.
NEEDS_PHRASE = frozenset({
    "get", "go", "come", "put", "turn", "head", "lead", "result", "amount", "belong", "rely",
    "depend", "consist", "refer", "bring", "set", "move", "fall", "end",
})  # fmt: skip
# ...and participles that say where ("is headquartered", "is based"): needed in the passive too
PLACE_PARTICIPLES = frozenset({"headquarter", "base", "locate", "situate", "station", "house"})
# reporting verbs: a headline says who says at its start ("Police say ..."), never at its end
REPORTING = frozenset({"say", "tell", "report", "add", "state", "claim", "write", "confirm"})
VERB_OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "prt", "dative", "oprd"})


def shape_problem(root: Token, keep: set[int]) -> str | None:
    """Why the tokens ``keep`` of ``root``'s clause do not make a whole headline, or None.

    Read from the parse, not from word lists of one story: every kept word keeps the word it
    depends on (else a modifier or relative clause would attach to another noun); a kept
    preposition keeps its object (so no form is cut mid-phrase); coordinated verbs have one
    form ("expected to recover and dragged" is not); a relative clause follows its noun
    directly; the subject is not a reference to something else
    ("another", "other") and the verb is not an addition ("also").
    """
    doc = root.doc
    for i in keep:
        t = doc[i]
        place = t.dep_ == "poss" and t.head.head.i in keep  # "over Japan('s northern island)"
        if i != root.i and t.head.i not in keep and not place:
            return f"{t.text!r} lost the word it depends on"
        verbs = t.pos_ == t.head.pos_ == "VERB"
        if t.dep_ == "conj" and verbs and {t.tag_, t.head.tag_} in UNLIKE:
            return f"{t.head.text!r} and {t.text!r} are unlike verb forms"
        objects = [c for c in t.children if c.dep_ in OBJECTS]
        stands_in = [c for o in objects for c in o.children if c.dep_ == "poss"]
        if t.dep_ in NEEDS_OBJECT and objects and not any(c.i in keep for c in objects + stands_in):
            return f"{t.text!r} lost its object"
        if _lost_phrase(t, keep):
            return f"{t.text!r} lost the phrase it needs"
    trailing = [doc[i] for i in keep if i > root.i and doc[i].dep_ == "parataxis"]
    if any(t.lemma_ in REPORTING for t in trailing):  # "..., police said": a report's tail
        return "a trailing attribution"
    subject = _subject(root)
    if subject is not None:
        side = [c for c in subject.children if c.dep_ in ("det", "amod") and c.i in keep]
        if any(c.lower_ in SIDE_DETS for c in side):
            return "subject refers to something else"
    if any(c.lower_ in ADDITION and c.i in keep for c in root.children if c.dep_ == "advmod"):
        return "an addition to something else"
    if _bare_verb(root, keep):
        return f"{root.text!r} lost every word after it"
    for i in keep:
        t = doc[i]
        if t.dep_ == "relcl" and t.head.i in keep:
            between = [j for j in keep if t.head.i < j < t.left_edge.i and not doc[j].is_punct]
            if between and not all(doc[j] in t.head.subtree for j in between):
                return "relative clause away from its noun"
    return None


def _lost_phrase(verb: Token, keep: set[int]) -> bool:
    """A verb of :data:`NEEDS_PHRASE` (active) or :data:`PLACE_PARTICIPLES` whose phrase
    right after it was cut while it keeps no object ("after a 3-year-old got" from "got into
    the enclosure"), or a second verb left with none of its words ("takes off but lands" from
    "... but lands in 2017"; the tagger may read that verb as a noun)."""
    doc = verb.doc
    second = verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.i + 1 < len(doc)
    second = second and not any(c.i in keep for c in verb.children)
    needs = verb.lemma_ in NEEDS_PHRASE or verb.lemma_ in PLACE_PARTICIPLES
    if not second and (not needs or verb.pos_ != "VERB" or verb.i + 1 >= len(doc)):
        return False
    after = doc[verb.i + 1]
    if after.head.i != verb.i or after.dep_ not in ("prep", "advmod") or after.i in keep:
        return False
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    passive = passive and verb.lemma_ not in PLACE_PARTICIPLES
    return not passive and not any(c.dep_ in VERB_OBJECTS and c.i in keep for c in verb.children)


def _bare_verb(root: Token, keep: set[int]) -> bool:
    """An active main verb that ends the headline with none of the words that followed it
    kept ("DeAndre Hopkins reaches" from "reaches for the ball", "flight to land" from "will
    land in 2017"). A passive may end it ("Gorilla is killed"), and so may a title's bare
    participle, which a headline reads as one ("Gorilla killed")."""
    after = [c for c in root.children if c.i > root.i and not c.is_punct]
    if root.pos_ != "VERB" or not after or any(c.i in keep for c in after):
        return False
    passive = any(c.dep_ == "auxpass" for c in root.children)
    bare_participle = root.tag_ == "VBN" and not any(c.dep_ == "aux" for c in root.children)
    return not (passive or bare_participle) or root.lemma_ in PLACE_PARTICIPLES
