"""Whose voice a sentence speaks in: the brief states only what it can state as its own.

A brief reports; it never speaks in the first person, asks questions, posts, or takes one
outlet's loaded words as its own. A source sentence that does any of these outside quotation
marks is not used (quoted with its speaker it is the key quote's business, see
:mod:`glimpse.compose.quote`). Hand-written word families: there is no offline model for
stance or subjectivity in the trusted dependencies.
"""

from __future__ import annotations

import re

FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|[Mm]e|[Mm]y|[Mm]ine|[Ww]e|[Uu]s|[Oo]ur|"
                          r"[Oo]urs|[Ww]e're|[Ww]e've|[Ll]et's)\b")  # fmt: skip
SOCIAL = re.compile(r"\b(?:lmao|lol|omg|smh|wtf|tbh|rofl|haha\w*)\b|(?:^|\s)[@#]\w", re.I)
# Tabloid and editorial words that make a report one outlet's opinion ("the tubby tyrant",
# "as war continued to loom"); a sentence that uses them outside quotation marks is not used.
LOADED = re.compile(
    r"\b(?:despot\w*|tyrant\w*|tubby|dumpy|crazed|deranged|evil|vile|sickening|"
    r"hermit (?:state|kingdom)|rogue (?:state|regime|nation)|looms?|looming|loomed|chilling|"
    r"horrif\w+|shocking|stunning|jaw-dropping|heartbreaking|heart-breaking|nightmarish|"
    r"terrifying|bizarre|incredible|amazing|outrageous|disgraceful|monstrous|thugs?|"
    r"adorable|gorgeous|stunner|sizzling|flaunt\w*|cheeky|tragically|sadly|luckily|"
    r"fortunately|unfortunately|shamefully|of course|clearly|obviously|undoubtedly)\b"
)  # lowercase only: "Tom Savage" is a name, "savage" would be a judgement
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’(?=[\s.,;:!?]|$)")


def outside_quotes(text: str) -> str:
    """``text`` with every quotation (between matching marks) blanked out."""
    return QUOTED.sub(" ", text)


def unpaired_quote(text: str) -> bool:
    """Whether a quotation opens or closes in ``text`` without its other mark: the sentence
    is a piece of a longer quotation whose speaker is in another sentence."""
    curly = text.count("“") != text.count("”")
    return curly or text.count('"') % 2 == 1


def _loaded(plain: str) -> bool:
    """Loaded words in lower case, or opening the sentence ("Unfortunately, ..."); a name
    such as "Tom Savage" elsewhere in the sentence is not a judgement."""
    opening = plain.lstrip(" \"“‘'")
    return bool(LOADED.search(plain) or LOADED.match(opening[:1].lower() + opening[1:]))


def voice_problem(text: str) -> str | None:
    """Why ``text`` cannot be stated in the brief's own voice, or None when it can."""
    if unpaired_quote(text):
        return "piece of a quotation"
    plain = outside_quotes(text)
    if "?" in plain:
        return "question"
    if FIRST_PERSON.search(plain):
        return "first person"
    if SOCIAL.search(plain):
        return "social media"
    if _loaded(plain):
        return "loaded words"
    return None
