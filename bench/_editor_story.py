"""Editor's detectors over a whole brief: repeated facts, the headline, the tags.

Independent of glimpse.compose (see ``bench._editor_checks``). Thresholds marked "calibrated"
were set on tuning events only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc
from wordfreq import zipf_frequency

from bench._editor_checks import nlp
from glimpse.enrich.embed import Embedder

REPEAT_COSINE = 0.72  # calibrated on tuning briefs: MiniLM cosine of two sentences, one fact
EVENT_COSINE = 0.5  # calibrated: below it, a shared verb and name are two facts about one subject
QUOTE_SEEN = 85  # rapidfuzz partial_ratio of the key quote inside a brief sentence
COPIED = 90  # rapidfuzz ratio of the headline to a source title (the 0.9)
TEASER = re.compile(
    r"\b(?:here's|here is|what we know|what you need|you need to|this is why|why you|"
    r"will shock|you won't|can't believe|everything you|things to know|the reason why)\b",
    re.I,
)
CREDITS = re.compile(
    r"^(?:Reuters|AFP|AP|Associated Press|EPA|Getty(?: Images)?|Shutterstock|Barcroft(?: Media)?"
    r"|PA|Press Association|REX|SWNS|Alamy|Xinhua|UPI|dpa|AAP)$",
    re.I,
)
CAPTION_NAME = re.compile(
    r"(?:\((?:Photo|Image|Picture|Credit)s?:?\s*|(?:Photo|Picture)s? (?:by|courtesy of) |"
    r"Credit:\s*)([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})|([A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3})"
    r"\s*/\s*(?:Getty|AFP|Reuters|AP|EPA|Shutterstock|Barcroft)"
)
OUTLET_TAIL = re.compile(r"\s+[|\-–—:]\s+[^|\-–—:]{1,40}$")


# Verbs that say who told a fact or only carry tense, not what happened.
_NOT_EVENTS = (
    "say tell report add claim state announce note explain confirm accord be have do get make "
    "go take come include show see know want seem become give put let use"
)
NOT_EVENTS = frozenset(_NOT_EVENTS.split())
PARTICIPANTS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
AMOUNTS = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT"})
YEAR = re.compile(r"1[89]\d\d|20\d\d")


@dataclass(frozen=True)
class Fact:
    """What a sentence tells, as an editor compares two sentences: each event (a verb, not a
    reporting or auxiliary one) with the participants it governs (named people, places,
    organisations, and amounts), and the specific figures it gives ("121 billion", "84")."""

    events: frozenset[tuple[str, str]]
    figures: frozenset[str]


def _event_verb(token: Any) -> str | None:
    """The nearest verb above ``token`` that tells an event (reporting verbs are skipped, so
    "Cazeneuve said 80 were killed" pairs 80 with "kill" and Cazeneuve with nothing)."""
    while token.head.i != token.i:
        token = token.head
        if token.pos_ == "VERB" and token.lemma_.lower() not in NOT_EVENTS:
            return str(token.lemma_.lower())
    return None


def _amount(text: str) -> str:
    return re.sub(r"[^\w.]+", " ", text.lower().replace(",", "")).strip()


def fact_of(doc: Doc) -> Fact:
    events: set[tuple[str, str]] = set()
    figures: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in PARTICIPANTS:
            key = ent.root.lemma_.lower()
        elif ent.label_ in AMOUNTS and not YEAR.fullmatch(ent.text):
            key = _amount(ent.text)
            digits = re.sub(r"\D", "", key)
            if digits and (int(digits) >= 10 or " " in key):
                figures.add(key)
        else:
            continue
        if verb := _event_verb(ent.root):
            events.add((verb, key))
    for token in doc:  # names the small model misses ("Broadcom"), and the doer of an event
        unnamed = token.pos_ == "PROPN" and not token.ent_type_
        doer = token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ == "NOUN"
        if (unnamed or doer) and (verb := _event_verb(token)):
            events.add((verb, token.lemma_.lower()))
    return Fact(frozenset(events), frozenset(figures))


def same_fact(a: Fact, b: Fact, cosine: float) -> bool:
    """Two sentences state one fact: nearly the same meaning (MiniLM), or close in meaning and
    one event of one participant ("Broadcom raised its bid" / "Broadcom raised its offer") or
    one specific figure ("$121 billion"). Shared names alone are one subject, not one fact ("a
    flight from Auckland to Hawaii was delayed" / "passengers on a flight from New Zealand to
    Hawaii celebrated twice")."""
    if cosine >= REPEAT_COSINE:
        return True
    return cosine >= EVENT_COSINE and bool(a.events & b.events or a.figures & b.figures)


def repeated_pairs(texts: Sequence[str], docs: Sequence[Doc]) -> list[tuple[int, int]]:
    """Pairs of brief sentences that state the same fact (:func:`same_fact`).

    Share of shared content words was tried first and flagged pairs that share only names
    (precision 0.59 against a reading of the tuning briefs); TF-IDF cosine missed paraphrases.
    """
    if len(texts) < 2:
        return []
    vectors = embedder().embed(list(texts))
    sims = vectors @ vectors.T
    facts = [fact_of(d) for d in docs]
    return [
        (i, j)
        for i in range(len(texts))
        for j in range(i + 1, len(texts))
        if same_fact(facts[i], facts[j], float(sims[i, j]))
    ]


@cache
def embedder() -> Embedder:
    """glimpse's packaged MiniLM loader: a model file, not one of compose's rules."""
    return Embedder()


def _plain(text: str) -> str:
    text = re.sub(r"[“”„\"‘’']", "", text.lower())
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # keep only decimal points
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s$%.]", " ", text)).strip()


def quote_repeated(quote: dict[str, Any] | None, texts: Sequence[str]) -> bool:
    """The key quote's text, or most of it, appears again in a summary or body sentence."""
    if not quote or len(quote["text"].split()) < 4:
        return False
    q = _plain(quote["text"])
    return any(fuzz.partial_ratio(q, _plain(t)) >= QUOTE_SEEN for t in texts if len(t) >= 20)


def clean_title(title: str) -> str:
    """A source title without its outlet suffix ("... | CNN", "... - BBC News")."""
    while (m := OUTLET_TAIL.search(title)) and len(m.group(0).split()) <= 5:
        title = title[: m.start()]
    return title.strip()


def _copied(headline: str, title: str) -> bool:
    """Equal or nearly (ratio >= 90), or the headline is a run of the title's words ("Israel
    approves additional funding for settlements" from "... for Settlements in West Bank")."""
    h, t = _plain(headline), _plain(clean_title(title))
    if fuzz.ratio(h, t) >= COPIED:
        return True
    words = h.split()
    return len(words) >= 4 and f" {h} " in f" {t} "


def headline_flags(headline: str, titles: Sequence[str]) -> dict[str, bool]:
    return {
        "headline_copied": any(_copied(headline, t) for t in titles if t),
        "headline_teaser": bool(TEASER.search(headline))
        or headline.rstrip().endswith(("...", "…")),
        "headline_question": headline.rstrip().endswith("?"),
        "headline_long": len(headline.split()) > 12,
    }


# --- tags --------------------------------------------------------------------------------------


ORG_SUFFIXES = {"inc", "ltd", "corp", "co", "plc", "llc", "corporation", "limited"}


def _name_key(tag: str) -> list[str]:
    """Words of a name without initials or company suffixes: "Donald J. Trump" -> donald trump."""
    words = [w.lower().rstrip(".") for w in re.findall(r"[\w'.-]+", tag)]
    return [w for w in words if len(w) > 1 and w not in ORG_SUFFIXES]


def _duplicate(a: str, b: str) -> bool:
    """Two tags for one name: equal keys, or one is the other's surname or first words."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    short, long = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return short == long or (short[-1] == long[-1] and set(short) <= set(long))


def _fragment(tag: str, source_text: str) -> bool:
    """A single common word, or a word the sources only use inside a longer name ("United")."""
    words = tag.split()
    if len(words) != 1:
        return False
    word = words[0]
    if word.islower():
        return False  # counted as "common words"
    alone = len(re.findall(rf"(?<![A-Z]\w )\b{re.escape(word)}\b(?! [A-Z])", source_text))
    inside = len(re.findall(rf"\b{re.escape(word)}\b", source_text)) - alone
    lowercase_use = re.search(rf"(?<![.!?] )\b{re.escape(word.lower())}\b", source_text)
    common = zipf_frequency(word.lower(), "en") >= 4.0 and lowercase_use is not None
    return common or (inside >= 2 and alone == 0)


def _caption_names(articles: Sequence[dict[str, Any]]) -> set[str]:
    """Names credited in captions ("(Photo: Jane Doe)") that the story never mentions otherwise."""
    text = "\n".join(a["text"] for a in articles)
    credited: dict[str, int] = {}
    for m in CAPTION_NAME.finditer(text):
        name = m.group(1) or m.group(2)
        credited[name] = credited.get(name, 0) + 1
    return {n.lower() for n, k in credited.items() if len(re.findall(re.escape(n), text)) - k < 2}


def _outlet(tag: str, outlets: Sequence[str]) -> bool:
    """The tag names one of the story's own outlets ("ABC News" for abcnews.go.com)."""
    key = re.sub(r"[^a-z]", "", tag.lower())
    labels = {
        re.sub(r"^www\d?\.|^edition\.|^uk\.|^us\.", "", o.lower()).split(".")[0] for o in outlets
    }
    return key in labels


def _demonym(tag: str) -> bool:
    ents = nlp()(tag).ents
    return len(ents) == 1 and ents[0].label_ == "NORP" and ents[0].text == tag


def tag_defects(
    tags: Sequence[str], articles: Sequence[dict[str, Any]], enough_names: bool
) -> dict[str, list[str]]:
    """Each tag defect kind -> the tags (or a note) that show it."""
    text = "\n".join(a["text"] for a in articles)
    captions = _caption_names(articles)
    outlets = [a.get("source") or "" for a in articles]
    out: dict[str, list[str]] = {}
    if len(tags) > 6 or (len(tags) < 4 and enough_names):
        out["count"] = [str(len(tags))]
    dups = [b for i, a in enumerate(tags) for b in tags[i + 1 :] if _duplicate(a, b)]
    if dups:
        out["duplicate"] = dups
    if frag := [t for t in tags if _fragment(t, text) or _demonym(t)]:
        out["fragment"] = frag
    if common := [t for t in tags if t == t.lower()]:
        out["common words"] = common
    credit = [t for t in tags if CREDITS.match(t) or t.lower() in captions or _outlet(t, outlets)]
    if credit:
        out["credit"] = credit
    caps = re.compile(r"\b[A-Z]{4,}\b(?= [A-Z][a-z])|\b[A-Z]{7,}\b|^[A-Z]{3,}(?: [A-Z]{3,})+$")
    if upper := [t for t in tags if caps.search(t)]:
        out["caps"] = upper
    return out


def defective_tags(defects: dict[str, list[str]]) -> int:
    """Distinct defective tags, plus one for a wrong number of tags."""
    flagged = {t for kind, tags in defects.items() if kind != "count" for t in tags}
    return len(flagged) + ("count" in defects)


def enough_names(docs: Sequence[Doc]) -> bool:
    """The brief names at least four distinct people, organisations or places."""
    names = {e.text for d in docs for e in d.ents if e.label_ in {"PERSON", "ORG", "GPE"}}
    return len(names) >= 4
