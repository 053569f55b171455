"""One sentence in headline form: who did what, in the present tense, within a word limit.

Written by hand over spaCy's dependency parse (no installed library compresses a sentence into
a headline). Every step only deletes words or changes the tense of the main verb, so each
content word stays a source word or a form of one (the headline check accepts a verb whose
lemma is a source word's):

1. the main clause: a trailing attribution ("…, police said") gives way to the clause it
   reports; a leading one ("Police said …") is kept;
2. deletions that never carry the news: words before the subject ("On Monday,"), time phrases
   ("on Tuesday", "last week"), appositives and comma-bounded relative clauses (whole, never
   half), asides in brackets or dashes, clauses after a comma, a second verb's clause,
   "according to …", and articles ("a", "the") headline style;
3. the main verb in the present tense: "raised" -> "raises", "has made" -> "makes",
   "was sentenced" -> "is sentenced", "will send" -> "to send";
4. shorter variants, each dropping one more modifier from the right (relative clauses, clauses,
   prepositional phrases), for the scorer to choose from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from glimpse.compose.headline_shape import REPORTING, shape_problem

MIN_WORDS = 4  # "Vote is met" says too little
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
CLAUSE_DEPS = frozenset({"advcl", "parataxis", "intj", "dislocated", "meta", "discourse"})
OPTIONAL_DEPS = ("relcl", "advcl", "prep", "agent")
LOOSE_DEPS = frozenset({"dep", "npadvmod", "nmod", "acl"})
# the calendar words of a time phrase that only says when ("on Monday", "early Tuesday",
# "last week"); a duration ("for two weeks", "to eight months") says what and stays
WHEN = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tonight|tomorrow|"
    r"morning|afternoon|evening|overnight|(?:last|this|next) (?:week|month|year)|"
    r"jan(?:uary)?|feb(?:ruary)?|march|april|june|july|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)
PERFECT_ADVERBS = frozenset({"long", "since", "already", "just", "recently", "ever", "yet"})
OPINION = frozenset({"should", "must", "ought"})  # "Seoul should respond": a view, not news
TIME_DEPS = frozenset({"prep", "npadvmod", "tmod", "advmod"})
LOCATIVE = frozenset({"in", "over", "into", "across", "near", "off", "at", "from", "to", "inside"})
ARTICLES = frozenset({"a", "an", "the"})
PLURAL_PRONOUNS = frozenset({"they", "we", "you", "i"})
BRACKETS = {"(": ")", "[": "]", "--": "--", "—": "—", "–": "–"}
SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?%])|\s{2,}")
Token = Any  # spaCy's Token (spaCy ships no type stubs)


def main_clause(doc: Any) -> Token | None:
    """The root of the clause the sentence asserts, past a trailing attribution."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return None
    root = roots[0]
    reported = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and c.i < root.i]
    if root.lemma_ in REPORTING and reported:
        return reported[0]
    return root


def _subject(root: Token) -> Token | None:
    return next((c for c in root.children if c.dep_ in SUBJECTS), None)


def _span(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _aside(token: Token) -> set[int]:
    """An aside's tokens with the commas around it (removed whole, never half)."""
    out = _span(token)
    doc = token.doc
    for i in (token.left_edge.i - 1, token.right_edge.i + 1):
        if 0 <= i < len(doc) and doc[i].text in (",", "--", "—", "–"):
            out.add(i)
    return out


def _closed(token: Token) -> bool:
    """Whether an aside ends where a comma, bracket or the sentence does ("Sarah Silverman,
    Michael Sheen split" is a list, not an appositive; the "u" of "u-turns", which the
    tokenizer splits off at the hyphen, is no aside either)."""
    after = token.right_edge.i + 1
    doc = token.doc
    return after >= len(doc) or (
        doc[after].is_punct and bool(token.right_edge.whitespace_ or doc[after].text != "-")
    )


def _comma_before(token: Token) -> bool:
    first = token.left_edge.i
    return first > 0 and token.doc[first - 1].text in (",", ";", ":", "--", "—", "–")


def _bracketed(doc: Any) -> set[int]:
    """Tokens inside brackets or a pair of dashes, with the marks."""
    out: set[int] = set()
    opened: tuple[int, str] | None = None
    for t in doc:
        if opened is None and t.text in BRACKETS:
            opened = (t.i, BRACKETS[t.text])
        elif opened is not None and t.text == opened[1]:
            out.update(range(opened[0], t.i + 1))
            opened = None
    return out


def needs_entities(doc: Any) -> bool:
    """Whether ``doc``'s headline forms read entity types: a calendar word for :func:`_is_time`
    or a possessive after a preposition of place for :func:`_place_of`. spaCy's small model
    runs its entity recogniser on its own token vectors, half the cost of a parse, so
    :func:`glimpse.compose.headline_write.parse` runs it only on the sentences that need it."""
    if WHEN.search(" ".join(t.text for t in doc if t.is_alpha)):
        return True
    return any(
        t.dep_ == "poss" and t.head.dep_ == "pobj" and t.head.head.lower_ in LOCATIVE for t in doc
    )


def _is_time(token: Token) -> bool:
    """A phrase that only says when: a preposition or bare noun phrase of calendar words."""
    if token.dep_ not in TIME_DEPS or token.lower_ in ("for", "to", "after"):
        return False
    words = [t for t in token.subtree if t.is_alpha]
    dated = [t for t in words if t.ent_type_ in ("DATE", "TIME")]
    text = " ".join(t.text for t in words)
    return bool(dated) and len(dated) >= len(words) - 1 and bool(WHEN.search(text))


def mandatory_drops(root: Token) -> set[int]:
    """Token indices of the clause that never carry the news (step 2)."""
    drop: set[int] = set()
    subject = _subject(root)
    for child in root.children:
        before_subject = subject is not None and child.i < subject.i
        leading = before_subject and child.dep_ not in ("aux", "auxpass", "neg", "expl")
        if leading or (child.dep_ in CLAUSE_DEPS and _comma_before(child)):
            drop |= _span(child)
        elif child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            drop |= _span(child) | {c.i for c in root.children if c.dep_ == "cc"}
        elif child.dep_ == "punct" and child.text not in ('"', "“", "”", "'", "‘", "’"):
            drop.add(child.i)
    for t in root.subtree:
        appositive = t.dep_ == "appos" and _closed(t)
        aside = t.dep_ == "relcl" and _comma_before(t)
        # a loose phrase set off by commas ("..., some towards the beach,"): glued to the
        # words before it once its commas go, it would read as their continuation
        aside = aside or (t.dep_ in LOOSE_DEPS and _comma_before(t) and _closed(t))
        according = t.dep_ == "prep" and t.lower_ == "according"
        if appositive or aside:
            drop |= _aside(t)
        elif according or _is_time(t):
            drop |= _span(t)
    return drop | _bracketed(root.doc)


def _place_of(token: Token) -> set[int]:
    """For "over Japan's northern Hokkaido island", the words that leave "over Japan": a part
    of a place read as the place (only after a preposition of place; empty otherwise)."""
    owners = [c for c in token.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC")]
    if token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE or not owners:
        return set()
    owner = owners[0]
    case = {c.i for c in owner.children if c.dep_ == "case"}
    return (_span(token) - _span(owner)) | case


def optional_drops(root: Token, kept: set[int]) -> list[set[int]]:
    """Modifiers that may go to shorten the headline, the rightmost first (step 4)."""
    found: list[tuple[bool, bool, int, set[int]]] = []
    for t in root.subtree:
        if t.i not in kept or t.head.i not in kept or t.i <= root.i:
            continue
        clause = t.dep_ in ("advcl", "relcl")  # whole clauses go before the phrases in them
        if t.dep_ in OPTIONAL_DEPS and t.lower_ != "of":  # "transfer of funds" is a complement
            found.append((not clause, t.head.i != root.i, -t.i, _span(t)))
        elif place := _place_of(t):
            found.append((True, t.head.head.i != root.i, -t.i, place))
    found.sort(key=lambda f: f[:3])
    return [f[3] for f in found]


def _stats_line(root: Token) -> bool:
    """A line of figures, not news: "Roethlisberger was 20 of 29 for 230 yards"."""
    return root.lemma_ == "be" and any(c.dep_ == "attr" and c.tag_ == "CD" for c in root.children)


def third_person(lemma: str, plural: bool) -> str:
    """The present-tense form of ``lemma`` for a subject (a regular English inflection rule)."""
    if lemma == "be":
        return "are" if plural else "is"
    if plural:
        return lemma
    if lemma == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", lemma):
        return lemma + "es"
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + "s"


def plural_names(docs: Iterable[Any]) -> frozenset[str]:
    """Names the sources use as plural subjects ("the Bears were", "Steelers clinch"): the tagger
    reads most team and group names as singular proper nouns."""
    found = set()
    for doc in docs:
        for t in doc:
            verb = t.head
            auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
            plural_verb = verb.tag_ == "VBP" or verb.lower_ in ("are", "were") or "are" in auxes
            single = not any(c.dep_ == "conj" for c in t.children)
            plural = plural_verb or "were" in auxes
            if t.dep_ in SUBJECTS and t.tag_.startswith("NNP") and single and plural:
                found.add(t.lower_)
    return frozenset(found)


def _plural(subject: Token | None, names: frozenset[str]) -> bool:
    if subject is None:
        return False
    conj = any(c.dep_ == "conj" for c in subject.children)
    known = subject.tag_ in ("NNS", "NNPS") or subject.lower_ in names
    return conj or known or subject.lower_ in PLURAL_PRONOUNS


#: Verbs whose subject does what their infinitive says ("agreed to pay": the firm pays): after
#: them a bare past form in a title is the active past, not a passive (see present_tense).
SUBJECT_CONTROL = frozenset(
    {
        "agree",
        "aim",
        "attempt",
        "begin",
        "choose",
        "claim",
        "continue",
        "dare",
        "decide",
        "demand",
        "fail",
        "hope",
        "intend",
        "learn",
        "manage",
        "need",
        "offer",
        "plan",
        "pledge",
        "prepare",
        "pretend",
        "promise",
        "refuse",
        "resolve",
        "seek",
        "start",
        "struggle",
        "swear",
        "threaten",
        "try",
        "vow",
        "want",
        "wish",
    }
)


def present_tense(
    root: Token, names: frozenset[str] = frozenset(), title: bool = False
) -> dict[int, str]:
    """Replacements (token index -> new text, "" to delete) that put ``root`` in the present;
    ``names`` are the subjects known to be plural (:func:`plural_names`). In a ``title`` a
    bare past form is a passive ("Gorilla killed to save boy": the gorilla was killed), as
    headlines write the active in the present: it becomes "is killed", never "kills"."""
    plural = _plural(_subject(root), names)
    auxes = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    out: dict[int, str] = {}
    objects = [c for c in root.children if c.dep_ in ("dobj", "dative", "ccomp", "xcomp")]
    participle = root.tag_ in ("VBD", "VBN") and root.lower_.endswith(("ed", "en"))
    # "Woman stunned to find …", "Workers forced to leave …": an infinitive after a bare
    # participle belongs to a passive ("is stunned to find"), unless the verb is one whose
    # own subject does the infinitive ("Man tried to rob bank", "Firm agreed to pay")
    infinitive_only = all(c.dep_ == "xcomp" for c in objects)
    if infinitive_only and root.lemma_.lower() in SUBJECT_CONTROL:
        infinitive_only = False
    if title and participle and not auxes and (not objects or infinitive_only):
        out[root.i] = f"{third_person('be', plural)} {root.text}"
        return out
    perfect = [a for a in auxes if a.lemma_ == "have"]
    if perfect:  # "have long been", "have since hailed": the perfect's adverbs go with it
        adverbs = [c for c in root.children if c.dep_ == "advmod"]
        out |= {c.i: "" for c in adverbs if c.lower_ in PERFECT_ADVERBS}
    if root.tag_ == "VBD" and not auxes:
        out[root.i] = third_person(root.lemma_, plural)
    elif perfect and root.tag_ == "VBN" and not any(a.lower_ == "been" for a in auxes):
        out[perfect[0].i] = ""
        out[root.i] = third_person(root.lemma_, plural)
    elif root.tag_ == "VBG" and [a.lemma_ for a in auxes] == ["be"]:  # "is reopening"
        # Headlines drop the auxiliary and keep the -ing ("Musk sending Tesla to Mars"): the
        # simple present would say it is done ("Musk sends Tesla to Mars") when the source
        # says it is under way or planned.
        out[auxes[0].i] = ""
        return out
    for aux in auxes:
        if aux.lemma_ == "have" and any(a.lower_ == "been" for a in auxes):
            out[aux.i] = ""
        elif aux.lower_ == "been" or (aux.lemma_ in ("be", "do") and aux.tag_ == "VBD"):
            out[aux.i] = third_person(aux.lemma_, plural)
        elif aux.lower_ == "will" and not any(c.dep_ == "neg" for c in root.children):
            out[aux.i] = "to"
    return out


def render(doc: Any, keep: Iterable[int], replace: dict[int, str]) -> str:
    """The kept tokens with their replacements, articles dropped, spacing tidied."""
    kept = sorted(keep)
    parts = []
    for n, i in enumerate(kept):
        t = doc[i]
        text = replace.get(i, t.text)
        article = t.lower_ in ARTICLES and t.dep_ == "det" and not (t.i and t.text[0].isupper())
        if text and not article:
            joined = n + 1 < len(kept) and kept[n + 1] == i + 1
            parts.append(text + (t.whitespace_ if joined else " "))
    text = SPACE_BEFORE_PUNCT.sub(lambda m: m.group(1) or " ", "".join(parts))
    return text.strip(" ,;:-—–.")


@dataclass(frozen=True, slots=True)
class Frame:
    """A sentence's event for fusing: its verb and object, the clause without modifiers and
    the prepositional phrases that modified the verb or the object."""

    verb: str
    obj: str
    core: str
    phrases: tuple[str, ...]


def frame(doc: Any, names: frozenset[str] = frozenset(), title: bool = False) -> Frame | None:
    """The sentence's :class:`Frame` (None without a verb and a direct object)."""
    root = main_clause(doc)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    obj = next((c for c in root.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    keep = _span(root) - mandatory_drops(root)
    if shape_problem(root, keep):
        return None
    replace = present_tense(root, names, title)
    mods = [t for t in (*root.children, *obj.children) if t.dep_ == "prep" and t.i > obj.i]
    mods = [t for t in mods if t.i in keep and t.lower_ != "of"]
    core = keep - set().union(*(_span(t) for t in mods)) if mods else keep
    phrases = tuple(render(doc, _span(t) & keep, {}) for t in mods)
    return Frame(root.lemma_, obj.lemma_.lower(), render(doc, core, replace), phrases)


def headline_forms(
    doc: Any, limit: int, names: frozenset[str] = frozenset(), title: bool = False
) -> list[str]:
    """``doc`` (one parsed sentence) in headline form, longest first, at most ``limit`` words
    (empty when no form fits); ``names`` and ``title`` as for :func:`present_tense`. A form
    with a broken shape (:func:`shape_problem`) is left out."""
    root = main_clause(doc)
    if root is None:
        return []
    keep = _span(root) - mandatory_drops(root)
    opinion = any(c.lower_ in OPINION for c in root.children if c.dep_ == "aux")
    if root.i not in keep or opinion or _stats_line(root):
        return []
    replace = present_tense(root, names, title)
    forms = [] if shape_problem(root, keep) else [render(doc, keep, replace)]
    for cut in optional_drops(root, keep):
        if root.i in cut or not cut & keep:
            continue
        keep = keep - cut
        if not shape_problem(root, keep):
            forms.append(render(doc, keep, replace))
    return [f for f in dict.fromkeys(forms) if MIN_WORDS <= len(f.split()) <= limit]
