"""The gate's structural checks: small pure functions over (claim, support sentences).

Each check returns the offending pieces of the claim (empty: the check passes), so a failure
can be named to a writer that is asked to rewrite ("numbers: 3,380"). They reuse the
brief's own lexical machinery (:mod:`glimpse.compose.terms`: numbers by value, words by stem)
and meaning vocabulary (:mod:`glimpse.compose.meaning`: negations, attribution words).

Hand-written rules: no entailment model is available offline (see the project's design
notes); these checks catch the planted errors a writer makes most (a changed figure, a name
no source gives, a dropped "not", a paraphrase shown as a quote, a claim stated on the
brief's own authority) and leave meaning similarity to :mod:`glimpse.compose.verify`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from glimpse.compose.meaning import ATTRIBUTION_WORDS, NEGATION_WORDS
from glimpse.compose.terms import term_pairs, term_set, tokens

# One spelling per place or body that copy names in several ways ("U.S." = "United States").
# Applied to claim and support alike before any comparison.
ALIASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), canonical)
    for pattern, canonical in (
        (r"\b(?:U\.S\.A?\.?|USA|US|United States(?: of America)?|America)(?!\w)", "Usa"),
        (r"\b(?:U\.K\.|UK|United Kingdom|Britain|Great Britain)(?!\w)", "Ukingdom"),
        (r"\b(?:U\.N\.|UN|United Nations)(?!\w)", "Unations"),
        (r"\b(?:E\.U\.|EU|European Union)(?!\w)", "Eunion"),
        (r"\b(?:American|Americans)\b", "Usa"),
        (r"\b(?:British|Briton|Britons)\b", "Ukingdom"),
    )
)
_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|‘([^‘’]+)’(?!\w)")
_SPACE = re.compile(r"\s+")
_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
# Verbs that say "not" without the word: "failed to get it right" = "did not get it right".
IMPLICIT_NEGATION = frozenset(
    {
        "fail", "failed", "fails", "failing", "refuse", "refused", "refuses", "unable", "lack",
        "lacked", "lacks", "lacking", "deny", "denied", "denies", "declined", "declines",
        "reject", "rejected", "rejects", "without", "absent",
    }
)  # fmt: skip
_ATTRIBUTION = ATTRIBUTION_WORDS | {"told", "according", "say", "stated"}


def canonical(text: str) -> str:
    """``text`` with every alias of a place or body replaced by one spelling."""
    for pattern, name in ALIASES:
        text = pattern.sub(name, text)
    return text


def _words(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in tokens(text)]


def number_failures(claim: str, support: Sequence[str]) -> list[str]:
    """Numbers and dates of ``claim`` (by value: "3,380" = "3380", "two" = "2") absent from
    ``support``."""
    known = term_set(canonical(s) for s in support)
    out = []
    for surface, key in term_pairs(canonical(claim)):
        if key[:1].isdigit() and key not in known and surface not in out:
            out.append(surface)
    return out


def _known_name(key: str, known: frozenset[str]) -> bool:
    """``key`` is in ``known``, or shares its first five letters with a known key of about
    its length: a demonym and its place ("russian"/"russia", "chines"/"china")."""
    if key in known:
        return True
    stem = key[:5]
    return len(stem) == 5 and any(k.startswith(stem) and abs(len(k) - len(key)) <= 2 for k in known)


def name_failures(claim: str, support: Sequence[str]) -> list[str]:
    """Capitalised words of ``claim`` (names, places, months; not the sentence's opening
    word) whose stem no support sentence has (a demonym matches its place)."""
    text = canonical(claim)
    known = term_set(canonical(s) for s in support)
    pairs = term_pairs(text)
    first = tokens(text)[:1]
    out = []
    for surface, key in pairs:
        named = surface[:1].isupper() and [surface] != first
        if named and not key[:1].isdigit() and not _known_name(key, known) and surface not in out:
            out.append(surface)
    return out


def quoted_spans(text: str) -> list[str]:
    """The spans of ``text`` between quotation marks (two words or more)."""
    spans = [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]
    return [s.strip(" ,.") for s in spans if len(s.split()) >= 2]


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip().lower()


def quote_failures(claim: str, sources: Sequence[str]) -> list[str]:
    """Quoted spans of ``claim`` that are not verbatim (spacing, quote-mark style and case
    aside) in any of ``sources``."""
    flat = [_flat(s) for s in sources]
    return [q for q in quoted_spans(claim) if not any(_flat(q) in f for f in flat)]


def negated(text: str) -> bool:
    """Whether ``text`` has a negation ("not", "n't", "never", "no", ...)."""
    return any(w in NEGATION_WORDS or w.endswith("n't") for w in _words(text))


def _negative(text: str) -> bool:
    """:func:`negated`, or a verb that means "not" (:data:`IMPLICIT_NEGATION`)."""
    return negated(text) or any(w in IMPLICIT_NEGATION for w in _words(text))


def negation_failures(claim: str, support: Sequence[str]) -> list[str]:
    """A negation the claim adds that its closest support sentence (``support[0]``) lacks,
    or the claim drops one while copying that sentence (four in five of its terms):
    "did not" must stay negative, but "failed to" may say it in other words
    (:data:`IMPLICIT_NEGATION`)."""
    if not support:
        return []
    head = support[0]
    if negated(claim) and not _negative(head):
        return ["negation added"]
    if not _negative(claim) and negated(head) and term_share(claim, [head]) >= 0.8:
        return ["negation dropped"]
    return []


def attributed(text: str) -> bool:
    """Whether ``text`` says whose claim it is ("police said", "according to")."""
    return any(w in _ATTRIBUTION for w in _words(text))


def attribution_failures(claim: str, support: Sequence[str], strict: bool = False) -> list[str]:
    """The claim states as fact what its closest support sentence only reports someone as
    saying: the support quotes a speaker (or, when ``strict``, has any attribution word) and
    the claim has no attribution word left. Summaries drop "officials said" all the time
    (on SummEdits the strict rule rejects more faithful sentences than unfaithful ones), so
    ``glimpse verify`` is lenient; a writer that must keep every claim attributed is strict."""
    if not support or attributed(claim):
        return []
    head = support[0]
    quoting = bool(quoted_spans(head)) or head.lstrip()[:1] in '“"'
    if attributed(head) and (strict or quoting):
        return ["attribution dropped"]
    return []


def strict_attribution_failures(claim: str, support: Sequence[str]) -> list[str]:
    """:func:`attribution_failures` with ``strict``."""
    return attribution_failures(claim, support, strict=True)


def term_share(claim: str, support: Sequence[str]) -> float:
    """The share of ``claim``'s content terms (stems, numbers) found in ``support``."""
    pairs = term_pairs(canonical(claim))
    if not pairs:
        return 1.0
    known = term_set(canonical(s) for s in support)
    return sum(key in known for _, key in pairs) / len(pairs)


Check = Callable[[str, Sequence[str]], list[str]]
STRUCTURAL: dict[str, Check] = {
    "numbers": number_failures,
    "names": name_failures,
    "negation": negation_failures,
    "attribution": attribution_failures,
}
