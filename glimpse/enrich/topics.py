"""Which keyphrases an editor would keep as topic tags.

A topic is a multi-word noun phrase ("safe zone", "ballistic missile") or a single noun the
sources keep coming back to ("leggings"). Dropped, each with a reason (``topic_flaw``):

- caption and credit boilerplate ("image toggle caption", "Getty Images", "AP Photo");
- words no dictionary knows and general English hardly uses ("askin", "Mnday");
- a phrase ending in a word with no noun reading: a headline verb ("Tram derails");
- a role noun alone ("comedian", "investors", "spokesman"): it describes a person the
  people tags already name. A noun written right before a person's name in the sources
  ("comedian Sarah Silverman") is a role there, whatever the word;
- a description glued to a name ("animal advocacy group People"): the name is cut;
- a single noun as common as "woman" or "death", or mentioned fewer than
  ``SINGLE_MIN_MENTIONS`` times (``COMMON_MIN_MENTIONS`` for a word as common as "orbit"):
  it tells a reader little.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glimpse.enrich.entities import TITLES
from glimpse.enrich.keyphrases import singular, zipf
from glimpse.enrich.lexicon import can_be_noun, is_word

VAGUE_ZIPF = 4.5  # background frequency from which a single word is too common to be a topic
SINGLE_MIN_MENTIONS = 3  # a one-word topic must be this present in the sources
COMMON_ZIPF = 4.0  # ... and a word this common in general English (orbit, lap) even more
COMMON_MIN_MENTIONS = 5
BOILERPLATE = re.compile(
    r"\bcaption\b|\bgetty\b|\bshutterstock\b|\b(?:ap|afp|reuters|file|stock|staff) photo|"
    r"\bphoto\s*:|\bcourtesy of\b|\bcopyright\b|\ball rights reserved\b|"
    r"^(?:advertisement|close|related|video|watch|share|embed|image|photo)$",
    re.IGNORECASE,
)
# People by what they do or are, as news writes them; a noun before a name adds to these.
ROLE_NOUNS = frozenset(  # a word list reads better as one string
    """actor actress analyst artist athlete author boss boyfriend candidate captain
    celebrity champion chef child comedian comedienne couple critic customer dancer
    defender designer detective diplomat director doctor driver economist employee
    executive expert fan farmer father follower founder girlfriend guard host husband
    investor journalist lawmaker lawyer manager member militant mother musician nurse
    official owner parent partner passenger pilot player politician producer professor
    prosecutor
    protester rapper regulator reporter researcher resident rival scientist shareholder
    singer soldier source spokesperson star student suspect teacher teammate victim
    voter wife witness worker writer""".split()  # noqa: SIM905
)
BEFORE_NAME = re.compile(r"\b([A-Za-z][a-z]+) ([A-Z][\w'’-]+)")  # "comedian Sarah"
ROLE_ENDINGS = ("man", "men", "woman", "women", "person", "people")


def roles_in(text: str, person_forms: Iterable[str]) -> frozenset[str]:
    """Lowercase nouns written right before a person's name ("comedian Sarah Silverman")."""
    starts = {f.split()[0] for f in person_forms if len(f) > 2}
    if not starts or not text:
        return frozenset()
    found = BEFORE_NAME.findall(text)
    return frozenset(singular(w.lower()) for w, name in found if name in starts)


def is_role(word: str, roles: frozenset[str] = frozenset()) -> bool:
    low = singular(word.lower())
    if low in ROLE_NOUNS or low in TITLES or low in roles:
        return True
    return low.endswith(ROLE_ENDINGS) and len(low) > 6 and low not in ("human", "woman")


def mentions(word: str, text: str) -> int:
    """Whole-word mentions of a noun in ``text``, singular or plural, any case."""
    low = singular(word.lower())
    return len(re.findall(rf"\b{re.escape(low)}(?:s|es)?\b", text, re.IGNORECASE))


def topic_flaw(phrase: str, text: str, roles: frozenset[str] = frozenset()) -> str | None:
    """Why ``phrase`` is no topic tag, or None when an editor could keep it.

    ``text`` is the source text the phrase comes from, ``roles`` from :func:`roles_in`.
    """
    if BOILERPLATE.search(phrase):
        return "boilerplate"
    words = phrase.split()
    if any(w.islower() and not is_word(w) for w in words):
        return "not a word"
    if not can_be_noun(words[-1]):
        return "not a noun phrase"
    if len(words) > 1:
        glued = words[-1][:1].isupper() and any(w.islower() for w in words[:-1])
        return "description glued to a name" if glued else None
    if is_role(phrase, roles):
        return "role noun"
    if zipf(phrase.lower()) >= VAGUE_ZIPF:
        return "vague"
    common = zipf(singular(phrase.lower())) >= COMMON_ZIPF
    needed = COMMON_MIN_MENTIONS if common else SINGLE_MIN_MENTIONS
    if text and mentions(phrase, text) < needed:
        return "seldom mentioned"
    return None
