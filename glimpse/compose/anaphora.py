"""Sentences that lean on an earlier one without a pronoun at their very start.

Phrase families, each named so a test can pin what it catches and what it leaves alone
(:func:`leans_back` says which family a sentence belongs to):

- ``adverbial``: a time or cause adverbial that points at an event told before ("Since then",
  "After that", "By then", "At the time", "Despite this", "Days later, ...");
- ``pro-verb``: an action named only by a pro-verb ("Doing so would ...", "Having done this");
- ``ellipsis``: a clause whose verb stands for an earlier one ("Investors seem to think so.",
  "... did so on behalf of ...");
- ``fronted``: a pronoun subject after a fronted adverbial phrase ("Back in 2012, he ...",
  "On Monday, they ...") whose phrase names no one;
- ``speaker``: a speaker named only as a group ('"...," the pair said');
- ``comparison``: "a similar X" with nothing it is similar to ("Nature has already developed a
  similar system undersea."): the comparison is with something told before.

Used by selection (:func:`glimpse.compose.signals.dangling_opener`) and by the reference rule
(:func:`glimpse.compose.coherence.resolve`), which keeps such a sentence only right after its
source's previous sentence (or, for "he"/"she", with the name put in). Hand-written: no
discourse or coreference model is available offline.
"""

from __future__ import annotations

import re

from glimpse.compose.speaker import VERBS
from glimpse.compose.voice import outside_quotes

# Always anaphoric where a sentence starts ("At the time of the attack" is not: it says which).
_ALWAYS = (
    r"since then|since that (?:time|day)|after that|after this|by then|by that time|"
    r"at the time(?! of\b)|at that (?:time|point|moment)|before that|until then|even then|"
    r"back then|prior to that|following (?:that|this)|despite (?:this|that)|"
    r"because of (?:this|that)|for (?:this|that) reason|to that end|in doing so|"
    r"as a consequence|as a result of this|"
    # piling on what was just told: "Complicating matters further, ...", "What's more, ..."
    r"complicating (?:matters|things)|to make (?:matters|things) worse|"
    r"on top of (?:that|this)|what['’]s more|adding to (?:the|this|that) \w+"
)
# Anaphoric only as a whole fronted phrase ("Days later, ..."; "Days later the storm hit" too,
# but "Shortly after the vote" says after what).
_FRONTED_ONLY = (
    r"(?:shortly|soon|not long|right|immediately) after(?:wards)?|"
    r"(?:only |just )?(?:hours|days|weeks|months|years|moments|minutes) later|"
    r"the (?:next|following) (?:day|morning|week|year)|in response|in turn|in return"
)
ADVERBIAL = re.compile(
    rf"^[\"“‘']?(?:{_ALWAYS})\b|^[\"“‘']?(?:{_FRONTED_ONLY})\s*,",
    re.I,
)
PRO_VERB = re.compile(r"^[\"“‘']?(?:doing|having done|by doing) (?:so|this|that)\b", re.I)
# "so" standing for a clause; not "so far", "so much", "so that" ...
_NOT_CLAUSE = (
    r"far|much|many|that|long|as|too|well|badly|often|quickly|easily|little|few|hard|fast|"
    r"slowly|soon|bad|good|great|strongly|heavily|closely|successfully|poorly|quietly|"
    r"publicly|openly|freely|repeatedly|twice|again and again"
)
ELLIPSIS = re.compile(
    rf"\b(?:(?:do|does|did|doing|done) |(?:think|thinks|thought|believe|believes|believed|"
    rf"hope|hopes|hoped|suspect|suspects|suspected|expect|expects|expected|say|says|said|"
    rf"appear|appears|seem|seems|seemed) (?:to think )?)so\b(?!\s+(?:{_NOT_CLAUSE})\b)",
    re.I,
)
# "Back in 2012, he ...": a fronted phrase (it opens with a preposition or a time adverb and
# has no clause of its own) without a capitalised word after its first (that would name the
# antecedent: "When Paddock arrived, he ..."), then a pronoun subject.
_FRONTING = (
    r"back|in|on|at|by|before|after|during|since|until|for|from|following|within|over|under|"
    r"last|earlier|later|once|now|today|yesterday|recently|previously|eventually|ultimately|"
    r"initially|originally|still|instead|also|two|three|four|five|several|many|a few|years|"
    r"months|weeks|days|decades"
)
FRONTED = re.compile(
    rf"^(?i:{_FRONTING})\b(?![^,]*\b(?:he|she|it|they|we|i|you)\b)[^,\"“”]{{0,60}}?,\s+"
    r"(?P<ref>he|she|his|her|they|their|it|its)\b(?!['’])"
)
# Capitalised words that name a time, not an antecedent ("On Monday, they ...").
_CALENDAR = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december christmas easter"
)
CALENDAR = frozenset(_CALENDAR.split())
PLEONASTIC = re.compile(
    r"^it (?:is|was|has been|had been|will be|would be|remains|remained|emerged|seems|seemed|"
    r"appears|appeared|took|takes|is not|was not|wasn['’]t|isn['’]t)\b",
    re.I,
)


def _fronted(text: str) -> re.Match[str] | None:
    m = FRONTED.match(text)
    if m is None:
        return None
    lead = text[: m.start("ref")]
    if any(w[:1].isupper() and w.strip(",.").lower() not in CALENDAR for w in lead.split()[1:]):
        return None  # the phrase names someone or something: "When Paddock arrived, he"
    if PLEONASTIC.match(text[m.start("ref") :]):
        return None  # "On Monday, it emerged that ..."
    return m


def fronted_pronoun(text: str) -> tuple[str, int] | None:
    """The pronoun after a fronted phrase that names no one, and where it stands."""
    m = _fronted(text.strip())
    return (m.group("ref"), m.start("ref")) if m else None


# '"We have decided to separate," the pair said.': a speaker named only as a group the
# sentence before introduced (which pair is not in the sentence)
GROUP_WORDS = ("pair", "couple", "duo", "trio", "two", "three", "siblings", "brothers",
               "sisters", "twins", "spouses")  # fmt: skip
_GROUP = rf"the (?:{'|'.join(GROUP_WORDS)})"
_SAYS = rf"(?:{VERBS}|say)"  # the attribution verbs, and "say" after a plural ("the pair say")
GROUP_SPEAKER = re.compile(
    rf"\b{_GROUP} {_SAYS}\b|\b{_SAYS} {_GROUP}(?=[.,;:]|\s+(?:in|on|at|after|before)\b|$)",
    re.I,
)


# "a similar system", "similar cases": not "a similar system to ours", "similar in size to",
# "similar to", "a similar number of men and women", "in a similar way as"
COMPARISON = re.compile(
    r"\b(?:a|an|other)\s+similar\b(?![^,;:.!?]*\b(?:to|as|than|of|between|among)\b)", re.I
)


def leans_back(text: str) -> str | None:
    """The family ("adverbial", "pro-verb", "ellipsis", "fronted", "speaker", "comparison")
    of a sentence that leans on an earlier one, or None."""
    text = text.strip()
    if ADVERBIAL.match(text):
        return "adverbial"
    if PRO_VERB.match(text):
        return "pro-verb"
    low = text.lower()  # the searches below run on every candidate: literal checks first
    if "so" in low and ELLIPSIS.search(outside_quotes(text)):
        return "ellipsis"
    if _fronted(text):
        return "fronted"
    if any(w in low for w in GROUP_WORDS) and GROUP_SPEAKER.search(outside_quotes(text)):
        return "speaker"
    if "similar" in low and COMPARISON.search(outside_quotes(text)):
        return "comparison"
    return None
