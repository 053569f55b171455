"""Whether a headline candidate still makes sense as the story's headline.

Checks an editor makes that the form rules (:mod:`glimpse.compose.headline_form`) do not:

- **No measure left hanging.** Cutting "into the flight" from "returned to Los Angeles hours
  into the flight" leaves "hours" hanging; a time or distance unit ends a headline only after a
  number or a preposition ("for hours", "in 24 hours").
- **Attribution inside a clause stays.** A headline may drop the main clause's "police said",
  but not the "it says" inside a relative clause: "a vessel that it says illegally transferred
  oil" must not become "a vessel that it illegally transferred oil" (which also no longer
  parses as the source meant); nor the noun that makes a clause a claim: "seized a vessel
  under suspicions that it illegally transferred oil" must not lose "suspicions".

Hand-written: these are editing conventions, not something a library models.
"""

from __future__ import annotations

import re

__all__ = ["drops_clause_attribution", "hanging_measure"]

UNITS = frozenset(
    [
        "seconds",
        "minutes",
        "hours",
        "days",
        "weeks",
        "months",
        "years",
        "decades",
        "miles",
        "kilometres",
        "kilometers",
        "metres",
        "meters",
        "feet",
        "yards",
    ]
)
BEFORE_UNIT = frozenset(
    [
        "for",
        "in",
        "after",
        "within",
        "over",
        "under",
        "about",
        "around",
        "nearly",
        "almost",
        "some",
        "several",
        "many",
        "few",
        "the",
        "of",
        "by",
        "than",
    ]
)
NUMBER = re.compile(r"^\d[\d,.]*$|^(?:two|three|four|five|six|seven|eight|nine|ten|dozens?|"
                    r"hundreds?|thousands?|millions?)$", re.IGNORECASE)  # fmt: skip
RELATIVE_SAYS = re.compile(
    r"\b(that|which|who|what)\s+((?:it|he|she|they|we|police|officials|authorities)"
    r"(?:\s+(?:has|have|had))?)\s+(says|said|claims|claimed|believes|believed|alleges|alleged|"
    r"suspects|suspected|thinks|thought|reports|reported)\b",
    re.IGNORECASE,
)


CLAIM_NOUN = re.compile(
    r"\b(suspicions?|claims?|allegations?|accusations?|reports?|fears?|concerns?|beliefs?|"
    r"evidence|suggestions?|speculation|rumou?rs?|charges?|signs?|hopes?)\s+that\s+(\w+)",
    re.IGNORECASE,
)


def hanging_measure(text: str) -> bool:
    """Whether ``text`` ends in a time or distance unit with no number or preposition before
    it ("... returned to Los Angeles hours")."""
    words = [w.strip("\"'”’.,;:!?").lower() for w in text.split()]
    if len(words) < 2 or words[-1] not in UNITS:
        return False
    before = words[-2]
    return before not in BEFORE_UNIT and not NUMBER.match(before)


def drops_clause_attribution(headline: str, source: str) -> bool:
    """Whether ``headline`` keeps a clause of ``source`` but drops the attribution inside it
    ("that it says ...") or the noun that makes it a claim ("suspicions that ...")."""
    for m in RELATIVE_SAYS.finditer(source):
        rel, subject, verb = m.group(1), m.group(2), m.group(3)
        kept = re.search(rf"\b{rel}\s+{re.escape(subject)}\b", headline, re.IGNORECASE)
        said = re.search(rf"\b{rel}\s+{re.escape(subject)}\s+{verb}\b", headline, re.IGNORECASE)
        if kept and not said:
            return True
    for m in CLAIM_NOUN.finditer(source):
        noun, first = m.group(1), m.group(2)
        clause = re.search(rf"\bthat\s+{re.escape(first)}\b", headline, re.IGNORECASE)
        if clause and not re.search(rf"\b{noun}\b", headline, re.IGNORECASE):
            return True
    return False
