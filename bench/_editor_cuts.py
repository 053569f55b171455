"""Editor's detectors against the sources: meaning-changing cuts, the key quote, numbers.

Independent of glimpse.compose's grounding check (see ``bench._editor_checks``): a brief
sentence is compared with the text of the source sentence it cites.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from bench._editor_checks import nlp

ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|saying|told|tells|according to|claim(?:s|ed)?|report(?:s|ed)|"
    r"stated|added|announced|confirmed|insisted|argued|wrote|tweeted|posted|believes?|"
    r"estimated?|alleged)\b",
    re.I,
)
NEGATION = re.compile(r"\b(?:not|no|never|none|nobody|nothing|neither|nor|without)\b|n't\b", re.I)
HEDGE = re.compile(
    r"\b(?:may|might|could|would|should|allegedly|reportedly|suspected|likely|possibly|"
    r"probably|apparently|unconfirmed|expected to)\b",
    re.I,
)
QUOTED = re.compile(r"[\"“]([^\"“”]{3,}?)[\"”]")
OPENERS = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
           "those", "his", "her", "its", "their", "our", "my", "there"}  # fmt: skip
CLAUSE_JOINERS = {"that", "and", "but", "or", "which", "who", "whom", "whose", "while", "because",
                  "since", "although", "though", "when", "where", "if", "whether", "after",
                  "before", "then", "as", "so", "until", "unless", "once"}  # fmt: skip
SPEECH = r"(?:said|says|told|added|asked|wrote|explained|recalled|continued)"
PRONOUN_SPEAKER = re.compile(rf"\b(?:he|she) {SPEECH}\b|\b{SPEECH} (?:he|she)\b", re.I)
QUANTITY = re.compile(
    r"(\d[\d,.]*)\s+(?:(million|billion)\s+)?(?:people\s+)?"
    r"(dead|killed|deaths|died|injured|wounded|hurt|victims|missing|arrested|people|"
    r"customers|consumers|users|Americans|residents|homes|households)\b",
    re.I,
)


def straight(text: str) -> str:
    text = re.sub(r"[“”„]", '"', text)
    return re.sub(r"\s+", " ", re.sub(r"[‘’]", "'", text)).strip()


def _unedited(line_text: str, edits: Sequence[dict[str, Any]], support: str) -> bool:
    """The brief sentence is its support, changed only by its listed edits."""
    text = straight(line_text)
    for e in edits:
        text = text.replace(straight(e["to"]), straight(e["from"]), 1)
    return text.rstrip(" .") == straight(support).rstrip(" .")


def _broken_pair(text: str, support: str) -> bool:
    """The sentence starts mid-phrase: "Far, police ..." cut from "So far, police ..."."""
    first = re.match(r"\W*([A-Za-z]+)", text)
    if not first or first.group(1).lower() in OPENERS:
        return False
    word, rest = first.group(1), text[first.end() : first.end() + 24]
    # case-sensitive: in the support the word was lower case, mid-sentence
    m = re.search(rf"\b(\w+) {re.escape(word[0].lower() + word[1:] + rest)}", support)
    if m is None:
        return False
    before = m.group(1).lower()
    if before not in STOP_WORDS:
        return False
    if before not in CLAUSE_JOINERS:
        return True
    if before not in {"so", "as"}:
        return False  # a cut "And"/"which"/"that" leaves a whole clause
    # "so"/"as" join clauses ("so police closed ...") or make pairs ("so far", "as well"):
    # a pair when the cut-off word is not one that can open a clause by itself
    at = m.start(1) + len(m.group(1)) + 1
    word_pos = [t.pos_ for t in nlp()(support) if t.idx == at]
    return bool(word_pos) and word_pos[0] in {"ADV", "ADJ", "ADP", "PART", "SCONJ", "CCONJ"}


def _quote_cut(text: str, support: str) -> bool:
    """A quotation in the brief is not verbatim between quote marks in the support."""
    src = straight(support)
    for q in QUOTED.findall(straight(text)):
        body = q.strip().rstrip(",.")
        if not re.search(rf'"\s*{re.escape(body)}[,.!?]?\s*"', src):
            return True
    return False


SUBORDINATE = {"while", "which", "who", "whom", "whose", "although", "though", "whereas"}


def _removed(text: str, support: str) -> list[str]:
    """Word spans of the support that the brief sentence left out, except whole subordinate
    clauses ("While X had no effect, ...", ", which reportedly ..."): their cue words qualify
    a claim the brief no longer makes."""
    ours, theirs = straight(text).lower().split(), straight(support).lower().split()
    spans = []
    matcher = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op in {"delete", "replace"}:
            span = theirs[i1:i2]
            if span and span[0].strip(",;(—-") in SUBORDINATE:
                continue
            spans.append(" ".join(span))
    return spans


def _dropped(cue: re.Pattern[str], removed: str, support: str, text: str) -> bool:
    """A cue word was cut away and the brief sentence has fewer of them than its support."""
    return bool(cue.search(removed)) and len(cue.findall(support)) > len(cue.findall(text))


def cut_flags(line: dict[str, Any], sources: dict[str, dict[str, Any]]) -> dict[str, bool]:
    """Meaning-changing cuts of one brief sentence against its best-matching support sentence."""
    texts = [
        sources[r["article"]]["sentences"][r["sentence"]]
        for r in line.get("support") or []
        if r["article"] in sources and r["sentence"] < len(sources[r["article"]]["sentences"])
    ]
    if not texts:
        return {"support_missing": True}
    text = line["text"]
    support = max(texts, key=lambda s: fuzz.token_set_ratio(text, s))
    if _unedited(text, line.get("edits") or [], support):
        return {}
    removed = " ".join(_removed(text, support))
    flags = {
        "cut_attribution": _dropped(ATTRIBUTION, removed, support, text),
        "cut_negation": _dropped(NEGATION, removed, support, text),
        "cut_hedge": _dropped(HEDGE, removed, support, text),
        "cut_in_quote": _quote_cut(text, support),
        "broken_pair": _broken_pair(straight(text), straight(support)),
    }
    return {k: v for k, v in flags.items() if v}


# --- the key quote -----------------------------------------------------------------------------


def _surname(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z'-]+", name) if w.lower() not in {"jr", "sr"}]
    return words[-1] if words else name


def quote_flags(
    quote: dict[str, Any] | None, sources: dict[str, dict[str, Any]], docs: dict[int, Doc]
) -> dict[str, bool]:
    """Verbatim, complete and speaker checks of the key quote against its source article.

    ``docs`` holds spaCy parses of the source sentences before the quote (by index), for the
    nearest preceding person of a pronoun attribution.
    """
    if not quote or quote.get("article") not in sources:
        return {}
    article = sources[quote["article"]]
    src, q = straight(article["text"]), straight(quote["text"]).strip()
    body = q.rstrip(",.!?")
    flags = {"quote_not_verbatim": body not in src}
    complete = re.search(rf"[\"']\s*{re.escape(body)}[,.!?]*\s*[\"']", src)
    fragment = q[:1].islower()  # "lost and the telemetry ..." is a sentence tail
    flags["quote_incomplete"] = not flags["quote_not_verbatim"] and (fragment or not complete)
    speaker = quote.get("speaker")
    if speaker:
        at = int(quote.get("sentence") or 0)
        near = article["sentences"][max(0, at - 2) : at + 3]
        surname = _surname(speaker)
        parts = {surname, speaker.split()[0]}  # family name first in "Kim Jong Un"
        flags["quote_wrong_speaker"] = not any(p in s for s in near for p in parts)
        here = article["sentences"][at] if at < len(article["sentences"]) else ""
        if PRONOUN_SPEAKER.search(here) and surname not in here:
            people = [e.text for i in sorted(docs, reverse=True) for e in reversed(docs[i].ents)
                      if e.label_ == "PERSON" and i < at]  # fmt: skip
            flags["quote_doubtful_speaker"] = bool(people) and _surname(people[0]) != surname
    return {k: v for k, v in flags.items() if v}


def speaker_context(quote: dict[str, Any] | None, sources: dict[str, dict[str, Any]]) -> list[str]:
    """The up to five source sentences before the quote (parsed by the caller for names)."""
    if not quote or quote.get("article") not in sources:
        return []
    at = int(quote.get("sentence") or 0)
    return sources[quote["article"]]["sentences"][max(0, at - 5) : at]


# --- numbers -----------------------------------------------------------------------------------


def _quantities(text: str) -> set[tuple[str, str]]:
    out = set()
    for number, scale, noun in QUANTITY.findall(text):
        key = {"killed": "dead", "deaths": "dead", "died": "dead", "wounded": "injured"}
        out.add((key.get(noun.lower(), noun.lower()), f"{number.rstrip('.,')} {scale}".strip()))
    return out


def numbers_side_by_side(texts: Sequence[str], conflicts: Sequence[dict[str, Any]]) -> int:
    """Pairs of brief sentences giving different numbers for one quantity, no conflict noted."""
    noted = {str(c.get("quantity", "")).lower() for c in conflicts}
    found = [_quantities(t) for t in texts]
    pairs = 0
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            clash = {
                noun
                for noun, value in found[i]
                for noun2, value2 in found[j]
                if noun == noun2 and value != value2 and noun not in noted
            }
            pairs += bool(clash)
    return pairs
