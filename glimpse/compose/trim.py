"""Shorten a source sentence without adding anything: a numbered cascade of deletions.

Each step deletes a span that rarely carries the news (a dateline, a parenthetical, a leading
connective, a trailing attribution). A deletion can still drop a fact the rest relies on, so
the result is kept only when it passes the grounding test against the source sentence and keeps
most of the sentence's words; otherwise the source sentence itself is used.
"""

from __future__ import annotations

import re

from glimpse.compose.grounding import unsupported_terms

# 1. datelines: "LONDON (Reuters) - ", "(CNN) -- ", "WASHINGTON — "
DATELINE = re.compile(
    r"^\s*(?:(?:[A-Z][A-Z .,'/-]{1,40})?\s*\((?:[A-Za-z .]{2,30})\)\s*)?[-—–]+\s*"
)
CAPS_DATELINE = re.compile(r"^\s*[A-Z][A-Z .,'/-]{2,30}\s[-—–]{1,2}\s+")
# 2. parentheticals: "(pictured)", "( 57 )", "-- who was 34 --"
PARENS = re.compile(r"\s*\([^()]{0,80}\)|\s+[-—–]{1,2}\s[^-—–]{1,80}\s[-—–]{1,2}(?=\s)")
# 3. leading connectives: "But ", "However, ", "Meanwhile, "
CONNECTIVE = re.compile(
    r"^(?:but|and|so|however|meanwhile|now|still|yet|also|indeed|instead|in addition|"
    r"in fact|as a result|at the same time)\b,?\s+",
    re.I,
)
# 4. trailing attribution: ", police said." / ", according to officials."
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
    return "," if OPEN_APPOSITIVE.search(m.string[: m.start()]) else ""


# 6. a leading concessive clause: "While her facility seems unharmed, the children ..."
CONCESSIVE = re.compile(
    r"^(?:while|although|though|even though|whereas)\b[^,;:\"“”]{3,100},\s+", re.I
)
SPACES = re.compile(r"\s+([,.;:!?])|\s{2,}")


def _tidy(text: str) -> str:
    text = SPACES.sub(lambda m: m.group(1) or " ", text).strip(" ,;")
    return text[:1].upper() + text[1:] if text else text


def trim_steps(text: str) -> list[str]:
    """The cascade: each successive shortening of ``text`` (the last is the shortest)."""
    steps, current = [], text
    for pattern, repl in (
        (DATELINE, ""),
        (CAPS_DATELINE, ""),
        (PARENS, ""),
        (CONNECTIVE, ""),
        (ATTRIBUTION, r"\1"),
        (RELATIVE, _drop_relative),
        (CONCESSIVE, ""),
    ):
        shorter = _tidy(pattern.sub(repl, current))
        if shorter != current and len(shorter.split()) >= 5:
            steps.append(shorter)
            current = shorter
    return steps


def trim_sentence(text: str, keep: float = 0.5) -> str:
    """The shortest grounded shortening of ``text`` that keeps at least ``keep`` of its words."""
    floor = keep * len(text.split())
    for shorter in reversed(trim_steps(text)):
        if len(shorter.split()) >= floor and not unsupported_terms(shorter, [text]):
            return shorter
    return text
