"""Shorten a source sentence without adding anything: a numbered cascade of deletions.

Each step deletes a span that rarely carries the news (a dateline, a parenthetical, a leading
connective, a non-restrictive clause). A step is applied only when the result still means what
the source says (:func:`glimpse.compose.meaning.meaning_problems`: no attribution, negation or
hedge dropped, no cut inside quotation marks, no broken word pair, no description joined to a
different noun, no list items run together) and passes the grounding test; the result must
keep most of the sentence's words, otherwise the source sentence itself is used. Attributions
are never cut, nor a relative clause that carries one ("who the army said ...").
"""

from __future__ import annotations

import re

from glimpse.compose.grounding import unsupported_terms
from glimpse.compose.meaning import meaning_problems
from glimpse.compose.memo import text_memo

# 1. datelines: "LONDON (Reuters) - ", "(CNN) -- ", "WASHINGTON — "
DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z .,'/-]{1,40})?\s*\((?:[A-Za-z .]{2,30})\)\s*)?[-—–]+\s*"
)
CAPS_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'/-]{2,40}(?:,\s*[A-Z][\w .'-]{1,30}?)?(?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?"
    r"\s*(?:\([A-Za-z .]{2,30}\))?\s*[-—–]{1,2}\s+"
)  # "OFER PRISON, West Bank - ", "SEOUL/UNITED NATIONS, Aug 30 - ", "RAMALLAH, West Bank — "
# 2. parentheticals: "(pictured)", "( 57 )", "-- who was 34 --"
PARENS = re.compile(r"\s*\([^()]{0,80}\)|\s+[-—–]{1,2}\s[^-—–]{1,80}\s[-—–]{1,2}(?=\s)")
# 3. leading connectives: "But ", "However, ", "Meanwhile, "; the ones that also open a fixed
#    phrase ("So far", "Now that", "Still more") only with their comma
CONNECTIVE = re.compile(
    r"^(?:(?:but|and|however|meanwhile|also|indeed|instead)\b,?|(?:so|now|still|yet|"
    r"in addition|in fact|as a result|at the same time),)\s+",
    re.I,
)
# trailing attribution: ", police said." / ", according to officials." -- never cut from a
# brief sentence (the claim would become the brief's own); headlines drop it
ATTRIBUTION = re.compile(
    r",\s+(?:(?:[A-Za-z.'’-]+\s){0,5}(?:said|says|told\s[\w .'’-]{1,40}|reported|added|"
    r"explained|according to[\w .,'’-]{1,60}))\s*([.!?])\s*$"
)
# 5. non-restrictive relative clauses: "Carrie Reichert, 43, who has said she kissed the
#    prince, has now written a book" -> "Carrie Reichert, 43, has now written a book"
#    (the clause describes the subject; the sentence's own claim survives without it)
RELATIVE = re.compile(r",\s+(?:who|whom|whose|which)\s[^,;:\"“”()]{3,120},(?=\s+[a-z])")
# the clause closes an appositive opened just before it ("Reichert, 43, who ..."): keep a comma
OPEN_APPOSITIVE = re.compile(r",\s*[^,\s]+(?:\s[^,\s]+){0,3}$")


def _drop_relative(m: re.Match[str]) -> str:
    """Each clause on its own: one that carries an attribution ("who the army said ...") or
    whose commas a list needs ("A, who ..., b and c") stays, the others still go."""
    keep = "," if OPEN_APPOSITIVE.search(m.string[: m.start()]) else ""
    cut = m.string[: m.start()] + keep + m.string[m.end() :]
    return m.group(0) if meaning_problems(_tidy(cut), m.string) else keep


# 6. a leading concessive clause: "While her facility seems unharmed, the children ..."
CONCESSIVE = re.compile(
    r"^(?:while|although|though|even though|whereas)\b[^,;:\"“”]{3,100},\s+", re.I
)
SPACES = re.compile(r"\s+([,.;:!?])|\s{2,}")


def _tidy(text: str) -> str:
    text = SPACES.sub(lambda m: m.group(1) or " ", text).strip(" ,;")
    return text[:1].upper() + text[1:] if text else text


def trim_steps(text: str) -> list[str]:
    """The cascade: each successive meaning-safe shortening of ``text`` (the last is the
    shortest); a step whose cut would change the meaning is skipped."""
    steps, current = [], text
    for pattern, repl in (
        (DATELINE, ""),
        (CAPS_DATELINE, ""),
        (PARENS, ""),
        (CONNECTIVE, ""),
        (RELATIVE, _drop_relative),
        (CONCESSIVE, ""),
    ):
        shorter = _tidy(pattern.sub(repl, current))
        if shorter == current or len(shorter.split()) < 5:
            continue
        if not meaning_problems(shorter, text):
            steps.append(shorter)
            current = shorter
    return steps


@text_memo()
def trim_sentence(text: str, keep: float = 0.5) -> str:
    """The shortest grounded shortening of ``text`` that keeps at least ``keep`` of its words
    (memoised: selection trims the same candidates in every round)."""
    floor = keep * len(text.split())
    for shorter in reversed(trim_steps(text)):
        if len(shorter.split()) >= floor and not unsupported_terms(shorter, [text]):
            return shorter
    return text
