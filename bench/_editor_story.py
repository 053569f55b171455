"""Editor's detectors over a whole brief: repeated facts, the headline, the tags.

Independent of glimpse.compose (see ``bench._editor_checks``). Thresholds marked "calibrated"
were set on tuning events only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc
from wordfreq import zipf_frequency

from bench._editor_checks import nlp
from glimpse.enrich.embed import Embedder

REPEAT_COSINE = 0.72  # calibrated on tuning briefs: MiniLM cosine of two sentences, one fact
REPEAT_OVERLAP = 0.45  # calibrated: share of the shorter sentence's content lemmas in the other
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


def _content(doc: Doc) -> set[str]:
    keep = {"NOUN", "PROPN", "VERB", "NUM", "ADJ"}
    return {t.lemma_.lower() for t in doc if (t.pos_ in keep and t.is_alpha and not t.is_stop)
            or t.like_num}  # fmt: skip


def repeated_pairs(texts: Sequence[str], docs: Sequence[Doc]) -> list[tuple[int, int]]:
    """Pairs of brief sentences that state the same fact.

    Either the MiniLM sentence vectors are close, or most content lemmas of the shorter
    sentence recur in the other; TF-IDF cosine alone was tried first and missed paraphrases.
    """
    if len(texts) < 2:
        return []
    vectors = embedder().embed(list(texts))
    sims = vectors @ vectors.T
    words = [_content(d) for d in docs]
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            shared = words[i] & words[j]
            overlap = len(shared) / max(1, min(len(words[i]), len(words[j])))
            if sims[i, j] >= REPEAT_COSINE or (len(shared) >= 2 and overlap >= REPEAT_OVERLAP):
                pairs.append((i, j))
    return pairs


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
