"""Headline fusion: two headline forms of the same event joined at a word they share.

A word graph in the style of Filippova (2010), "Multi-sentence compression: finding shortest
paths in word graphs": the story's headline forms (:mod:`glimpse.compose.headline_form`, each
a present-tense rewrite of one source title or lead sentence) are paths through shared words,
and a fused headline is a path that leaves one at a shared word and goes on along another
("North Korea fires ballistic missile" + "North Korea fires missile over Japan" ->
"North Korea fires ballistic missile over Japan"). Every adjacent word pair of a fused
headline is therefore a pair of one of its forms.

Hand-written: no maintained package implements it (``takahe``, the reference implementation,
is not on PyPI and is Python 2 code), and a word graph alone would splice anywhere two
sentences share a word, which is how "Trump attacks NFL" + "gunman kills 59 in Las Vegas"
become "Trump attacks NFL in Las Vegas". So a splice here is stricter than Filippova's merge
of equal words with equal tags; it happens only at a word that

- is a content word (noun, name, number or verb) outside quotation marks;
- has the same form, part of speech, dependency role and the same words it hangs from up to
  its verb in both forms (the same "missile" fired, not a missile someone tests), and comes
  at or after that verb (a splice inside the subject would give one form's subject the
  other's verb form);
- belongs in both to a clause with the same verb, the same subject (one's words include the
  other's) and the same negation and modals: the subject and its verb always come from one
  event, never a subject from one title joined to the verb or object of another's;
- names the same thing in both: one's modifiers include the other's ("missile", "ballistic
  missile"), never two different ones ("Riverton bridge", "Old Mill bridge").

At most :data:`MAX_SPLICES` splices, every content word at most once, within the word limit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from glimpse.compose.headline_check import source_texts
from glimpse.compose.headline_typo import word_pairs
from glimpse.compose.headline_write import Candidate, acceptable, parse
from glimpse.models import Article

MAX_SPLICES = 2
SPLICE_POS = frozenset({"NOUN", "PROPN", "NUM", "VERB"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
MODALS = frozenset({"may", "might", "could", "would", "should", "will", "can", "must", "shall"})
CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "conj", "acl", "pcomp", "parataxis", "csubj"}
)
MODIFIER_DEPS = frozenset({"compound", "amod", "nummod", "poss", "nmod"})
QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})
Token = Any  # spaCy's Token (spaCy ships no type stubs)


@dataclass(frozen=True, slots=True)
class Word:
    """One token of a headline form and what a splice at it must agree on."""

    text: str
    space: str
    key: str  # lower case: the graph's node
    content: bool
    splice: tuple[object, ...] | None  # (pos, dep, head, verb, polarity); None: no splice here
    subject: frozenset[str]  # content lemmas of its clause's subject
    modifiers: frozenset[str] = frozenset()  # what tells which one ("Riverton" bridge)


def _clause_verb(token: Token) -> Token | None:
    """The verb of ``token``'s clause; a "verb" in a noun's role is a tagging slip of the
    small model on a headline ("raises bid for": "bid" tagged a verb, parsed an object)."""
    for t in (token, *token.ancestors):
        if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_DEPS:
            return t
    return None


def _chain(token: Token, verb: Token | None) -> tuple[str, ...]:
    """The lemmas from ``token``'s head up to its clause's verb: what it is attached to."""
    out = []
    t = token  # spaCy makes a new Token object on each access: compared by index
    while (verb is None or t.i != verb.i) and t.head.i != t.i:
        t = t.head
        out.append(t.lemma_.lower())
    return tuple(out)


def _subject(verb: Token | None) -> frozenset[str]:
    if verb is None:
        return frozenset()
    found = {
        t.lemma_.lower()
        for c in verb.children
        if c.dep_ in SUBJECT_DEPS
        for t in c.subtree
        if t.pos_ in ("NOUN", "PROPN", "NUM")
    }
    return frozenset(found)


def _polarity(verb: Token | None) -> frozenset[str]:
    if verb is None:
        return frozenset()
    return frozenset(c.lower_ for c in verb.children if c.dep_ == "neg" or c.lower_ in MODALS)


def _quoted(doc: Any) -> set[int]:
    inside, out = False, set()
    for t in doc:
        if t.text in QUOTES and not (t.text in "’'" and t.i > 0 and not t.doc[t.i - 1].whitespace_):
            inside = not inside
            out.add(t.i)
        elif inside:
            out.add(t.i)
    return out


def words_of(doc: Any) -> tuple[Word, ...]:
    """``doc``'s tokens as graph words."""
    quoted = _quoted(doc)
    out = []
    for t in doc:
        verb = _clause_verb(t)
        content = t.pos_ in SPLICE_POS or t.pos_ == "ADJ"
        splice: tuple[object, ...] | None = None
        if t.pos_ in SPLICE_POS and t.i not in quoted:
            head = _chain(t, verb)
            verb_lemma = verb.lemma_.lower() if verb is not None else ""
            # a splice before the verb would give one form's subject the other's verb form
            # ("Sarah Silverman and Michael Sheen" + "Sheen splits")
            if verb is None or t.i >= verb.i:
                splice = (t.pos_, t.dep_, head, verb_lemma, _polarity(verb))
        mods = frozenset(
            m.lower_
            for c in t.children
            if c.dep_ in MODIFIER_DEPS
            for m in c.subtree
            if m.is_alpha or m.like_num
        )
        out.append(Word(t.text, t.whitespace_, t.lower_, content, splice, _subject(verb), mods))
    return tuple(out)


def can_splice(a: Word, b: Word) -> bool:
    """Whether a path may leave one form at ``a`` and go on after ``b`` in another."""
    if a.splice is None or a.key != b.key or a.splice != b.splice:
        return False
    # the same thing: one's modifiers include the other's ("missile", "ballistic missile"),
    # never two ("Riverton bridge", "Old Mill bridge": perhaps two bridges)
    if not (a.modifiers <= b.modifiers or b.modifiers <= a.modifiers):
        return False
    # the same subject: one's words include the other's ("Broadcom", "Broadcom Ltd."), so
    # a parse slip shared by both ("fires" read as a noun) does not make two subjects one
    # ("flight that took off": no subject named is not the same subject as "flight")
    if not (a.subject and b.subject):
        return a.subject == b.subject
    return a.subject <= b.subject or b.subject <= a.subject


def _render(path: Sequence[Word]) -> str:
    text = "".join(w.text + w.space for w in path[:-1]) + path[-1].text
    return text[:1].upper() + text[1:]


def fuse(forms: Sequence[Sequence[Word]], limit: int) -> list[tuple[str, int]]:
    """Every fused headline of ``forms`` (see the module docstring) with the form it starts
    from, in the order found."""
    at: dict[str, list[tuple[int, int]]] = {}
    for i, form in enumerate(forms):
        for p, word in enumerate(form):
            if word.splice is not None:
                at.setdefault(word.key, []).append((i, p))
    seen = {_render(f) for f in forms if f}
    out: dict[str, int] = {}
    for i, form in enumerate(forms):
        if form:
            for path in _walk(forms, at, i, 0, [], 0, limit):
                text = _render(path)
                if text not in seen:
                    out.setdefault(text, i)
    return list(out.items())


def _walk(
    forms: Sequence[Sequence[Word]],
    at: dict[str, list[tuple[int, int]]],
    i: int,
    start: int,
    head: list[Word],
    splices: int,
    limit: int,
) -> Iterator[list[Word]]:
    """Paths that go on from ``head`` along form ``i`` from word ``start`` to its end or to a
    splice into another form."""
    path = list(head)
    used = {w.key for w in path if w.content}
    count = sum(map(_counted, path))
    for p in range(start, len(forms[i])):
        word = forms[i][p]
        count += _counted(word)
        if count > limit or (word.content and word.key in used):
            return  # too long, or a content word twice: the path went round a loop
        if p == len(forms[i]) - 1 and splices:
            yield [*path, word]
        if splices < MAX_SPLICES and word.splice is not None:
            for j, q in at.get(word.key, ()):
                if j != i and q + 1 < len(forms[j]) and can_splice(word, forms[j][q]):
                    joint = Word(word.text, forms[j][q].space, *_rest(word))
                    yield from _walk(forms, at, j, q + 1, [*path, joint], splices + 1, limit)
        path.append(word)
        used.add(word.key)


def _counted(word: Word) -> bool:
    """Whether ``word`` counts towards the word limit (punctuation does not)."""
    return bool(word.text.strip("\"'“”‘’,:;.-"))


def _rest(
    word: Word,
) -> tuple[str, bool, tuple[object, ...] | None, frozenset[str], frozenset[str]]:
    return word.key, word.content, word.splice, word.subject, word.modifiers


FUSE_FROM = 30  # the best-agreed forms a story's fusion reads (each is parsed again)


def fused_candidates(
    ranked: Sequence[Candidate], articles: Sequence[Article], limit: int
) -> list[Candidate]:
    """Fused headlines of the best :data:`FUSE_FROM` of ``ranked`` (candidates, best first)
    that pass the checks every candidate passes; each is judged as the form it starts from
    (its article, title or lead sentence)."""
    first: dict[str, Candidate] = {}
    for c in ranked:
        first.setdefault(c.text, c)
    texts = list(first)[:FUSE_FROM]
    if len(texts) < 2:
        return []
    forms = [words_of(doc) for doc in parse(texts)]
    grounding = source_texts(articles)
    pairs = word_pairs(grounding)
    out = []
    for text, start in fuse(forms, limit):
        if acceptable(text, grounding, pairs):
            origin = first[texts[start]]
            out.append(Candidate(text, origin.article, origin.from_title, True))
    return out
