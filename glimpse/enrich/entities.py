"""Named entities of one article from spaCy NER, cleaned and given canonical names."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from glimpse.enrich.canon import COMPANY, merge_entities
from glimpse.enrich.lexicon import has_lemma
from glimpse.models import Entity

TYPES: dict[str, str] = {
    "PERSON": "PERSON",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "ORG": "ORG",
    "EVENT": "EVENT",
    "PRODUCT": "PRODUCT",
    "WORK_OF_ART": "OTHER",
    "LAW": "OTHER",
    "NORP": "OTHER",
}
# Titles and roles written before a name ("President Vladimir Putin", "Sen. Warren").
TITLES = frozenset(  # a word list reads better as one string
    """mr mr. mrs mrs. ms ms. dr dr. gen gen. sen sen. rep rep. gov gov. lt lt. col col. capt
    capt. sgt sgt. rev rev. st st. prof prof. president vice prime minister premier
    chancellor king queen prince princess pope leader secretary general chairman
    chairwoman ceo director judge justice senator governor mayor sir dame lord lady
    coach officer deputy foreign defense defence interior finance state supreme chief
    former""".split()  # noqa: SIM905
)


# Wire agencies credited right before a name, which NER runs into it.
AGENCY_WORDS = frozenset({"reuters", "bloomberg", "xinhua", "yonhap", "kyodo", "getty", "kcna"})
# Caption words NER runs into a name: "Steve Mollenkopf Photographer: …".
CAPTION_WORDS = frozenset({"photographer", "photo", "photograph", "picture", "credit", "image"})
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$", re.IGNORECASE)  # "1st Angola satellite"
EDGE_PUNCT = " `'\"‘’“”-–—()[],:;"  # not ".": "U.S." keeps its dot


def _strip_person(tokens: list[Any]) -> list[Any]:
    """Keep the name after any lowercase description and leading titles."""
    # a lowercase word, not a lowercase part of a hyphenated name ("Kim Jong-un")
    lower = [i for i, t in enumerate(tokens) if not t.text[:1].isupper() and _word_start(t)]
    if lower:
        tokens = tokens[lower[-1] + 1 :]
    while len(tokens) > 1 and tokens[0].text.lower() in TITLES:
        tokens = tokens[1:]
    # a capitalised role at a sentence start: "Comedian Sarah Silverman", "Professor Chris …"
    from glimpse.enrich.topics import is_role  # topics reads this module's TITLES

    while len(tokens) > 2 and is_role(tokens[0].text):
        tokens = tokens[1:]
    while len(tokens) > 2 and tokens[0].text.isupper() and len(tokens[0]) <= 4:  # "UN Nikki Haley"
        tokens = tokens[1:]
    while len(tokens) > 2 and tokens[0].lower_ in AGENCY_WORDS:  # "(Reuters) Kim Jong-un …"
        tokens = tokens[1:]
    return tokens


def _word_start(token: Any) -> bool:
    """Does a word start at ``token`` (not "-" or "un" inside "Jong-un")?"""
    if token.is_punct:
        return False
    return token.i == 0 or bool(token.doc[token.i - 1].whitespace_)


def _undrop(text: str) -> str:
    """A drop-cap first word in normal case: "VLADIMIR Putin" → "Vladimir Putin"."""
    first, _, rest = text.partition(" ")
    caps = len(first) > 2 and first.isalpha() and first.isupper()
    if caps and rest[:1].isupper() and not rest.split()[0].isupper():
        return f"{first.title()} {rest}"
    return text


def _with_first_name(span: Any) -> Any:
    """A person span with the capitalised proper noun NER left out before it: "hailed Ahed
    Tamimi" is found as "Tamimi" alone. Not a title or any dictionary word, and not after
    punctuation."""
    if span.label_ != "PERSON" or span.start == 0:
        return span
    before = span.doc[span.start - 1]
    if before.tag_ != "NNP" or before.ent_type_ or not before.text[:1].isupper():
        return span
    if before.text.lower() in TITLES or has_lemma(before.text.lower()) or before.i == 0:
        return span  # a title or a role ("Professor", "Comedian"), not a first name
    if not before.whitespace_ or span.doc[before.i - 1].is_punct:
        return span
    from spacy.tokens import Span  # spaCy is heavy: imported on first use

    return Span(span.doc, before.i, span.end, label=span.label)


def _describes(word: str) -> bool:
    """A -man/-woman dictionary noun ("Frenchman", "Spokeswoman") before a full name."""
    low = word.lower()
    return low.endswith(("man", "woman")) and len(low) > 5 and has_lemma(low)


def _clean(span: Any) -> str:
    tokens = list(span)
    breaks = [i for i, t in enumerate(tokens) if t.is_space or "\n" in t.whitespace_]
    tokens = tokens[: breaks[0] + (0 if tokens[breaks[0]].is_space else 1)] if breaks else tokens
    while tokens and (tokens[-1].text.lower() in ("'s", "’s", "'") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].tag_.startswith("VB"):  # headline case: "Kim Says"
        tokens = tokens[:-1]
    while len(tokens) > 2 and _describes(tokens[0].text):  # NER types these as ORG, too
        tokens = tokens[1:]
    while len(tokens) > 1 and ORDINAL.match(tokens[0].text):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].lower_ in CAPTION_WORDS:
        tokens = tokens[:-1]
    if span.label_ == "PERSON":
        tokens = _strip_person(tokens)
    if span.label_ in ("ORG", "PERSON"):  # NER reads "Qualcomm Inc." as a person, too
        while len(tokens) > 1 and tokens[-1].lower_.strip(".,") in COMPANY:
            tokens = tokens[:-1]
    text = "".join(t.text_with_ws for t in tokens).strip().strip(EDGE_PUNCT)
    text = _undrop(" ".join(text.split()))
    if not any(c.isalpha() for c in text) or not any(c.isupper() for c in text):
        return ""
    return text


def _short_forms(key: tuple[str, str]) -> list[str]:
    """How a person is named after the first mention: surname, or family name first."""
    name, kind = key
    parts = name.split()
    if kind != "PERSON" or len(parts) < 2:
        return []
    return [p for p in {parts[-1], parts[0] if len(parts) > 2 else ""} if len(p) > 2]


def _later_mentions(forms: dict[str, tuple[str, str]], text: str) -> Counter[tuple[str, str]]:
    """Count mentions of known surface forms in ``text`` (case-sensitive, whole words,
    longest form first so "Kim Jong Un" is not also counted as "Kim")."""
    if not forms or not text:
        return Counter()
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    return Counter(forms[m.group(0)] for m in pattern.finditer(text))


def article_entities(
    doc: Any, article_id: str, ner_end: int | None = None, text: str | None = None
) -> tuple[Entity, ...]:
    """Entities of a spaCy doc with NER, merged to canonical names, most mentioned first.

    When NER ran only on the first ``ner_end`` characters, the names it found are also
    counted, by exact match, in the rest of the text (``text`` is ``doc.text``, if known).
    """
    counts: Counter[tuple[str, str]] = Counter()
    surfaces: dict[tuple[str, str], list[str]] = {}
    for span in map(_with_first_name, doc.ents):
        kind = TYPES.get(span.label_)
        name = _clean(span) if kind else ""
        if not kind or not name:
            continue
        counts[(name, kind)] += 1
        raw = " ".join(span.text.split())
        seen = surfaces.setdefault((name, kind), [])
        if raw != name and raw not in seen:
            seen.append(raw)
    if ner_end is not None:
        forms = {f: key for key, raws in surfaces.items() for f in (*_short_forms(key), *raws)}
        forms |= {f: key for key, raws in surfaces.items() for f in (key[0], *raws)}
        counts.update(_later_mentions(forms, (doc.text if text is None else text)[ner_end:]))
    found = [
        Entity(name, kind, n, (article_id,), tuple(surfaces[(name, kind)]))
        for (name, kind), n in counts.items()
    ]
    return merge_entities(found)
