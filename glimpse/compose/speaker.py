"""Who said a quotation, as a full name: "..., Putin said" -> "Vladimir Putin".

The attribution patterns of news copy ("X said", "said X", "X told reporters:", "according to
X") give a surface name or a pronoun; a pronoun is the last person named before the quote; a
surname is resolved to the story's PERSON entity with that surname, else to the fullest form of
the name the articles themselves use. Hand-written because it works on sentences that are
already split and must not run spaCy (the compose speed budget).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from glimpse.models import Article, Entity

VERBS = (
    r"(?:said|says|told|tells|added|adds|explained|wrote|writes|tweeted|posted|insisted|"
    r"warned|stated|declared|noted|argued|asked|replied|continued|admitted|claimed|"
    r"announced|recalled|remarked|stressed|urged)"
)
_WORD = r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St)\.|[A-Z]\.|[A-Z][\w'’-]*)"
NAME = rf"{_WORD}(?: (?:{_WORD}|de|van|von|bin|al|da))*"  # one line: never across sentences
PRONOUN = r"(?:he|she|He|She)"
ROLE = r"(?:[a-z][\w'’-]*\s+){0,4}?"  # "union leader", "the prime minister"
AFTER = (
    re.compile(rf"^[\s,.!?—–-]*{ROLE}(?P<who>{NAME}|{PRONOUN})\s+{VERBS}\b"),
    # "said X", not "told X" / "asked X": there X is the listener
    re.compile(rf"^[\s,.!?—–-]*(?!told|tells|asked){VERBS}\s+{ROLE}(?P<who>{NAME})"),
)
BEFORE = (
    re.compile(rf"(?P<who>{NAME}|{PRONOUN})\s+{VERBS}(?:\s+[\w.,'’-]+){{0,8}}?\s*[:,]?\s*$"),
    re.compile(rf"[Aa]ccording to (?P<who>{NAME})\s*[:,]?\s*$"),
)
NAMES = re.compile(NAME)
_TITLE_WORDS = (
    "mr mr. mrs mrs. ms ms. dr dr. sir lord lady king queen pope prince princess president "
    "prime minister chancellor secretary general gen. chief judge justice senator sen. rep. "
    "representative gov. governor mayor officer detective sgt. sergeant captain capt. col. "
    "colonel lt. lieutenant coach leader ceo director spokesman spokeswoman premier "
    "superintendent inspector commissioner ambassador foreign state former deputy vice "
    "house senate supreme first professor prof. mk mp rev. reverend father bishop contributor "
    "twitter instagram facebook firefighter doctor nurse analyst lawyer attorney actor actress "
    "singer star rapper player striker manager boss spokesperson chairman chairwoman founder "
    "owner candidate activist author astronaut scientist researcher economist investor host "
    "witness pastor rabbi imam sheriff constable agent"
)
TITLES = frozenset(_TITLE_WORDS.split())


def _strip_titles(name: str) -> list[str]:
    """The name's words after the last title word ("Russian President Vladimir Putin")."""
    words = [w.rstrip(".,'’").removesuffix("'s").removesuffix("’s") for w in name.split()]
    titled = [i for i, w in enumerate(words) if w.lower() in TITLES or w.lower() + "." in TITLES]
    words = [w for w in (words[titled[-1] + 1 :] if titled else words) if w]
    while words and words[-1].islower():  # "Collins de" cut before "Souza"
        words.pop()
    return words


def _is_name(words: list[str]) -> bool:
    """No function word in it (a short one like "Un" in "Kim Jong Un" may follow the first)."""
    return bool(words) and not any(
        w.lower() in ENGLISH_STOP_WORDS and (i == 0 or len(w) > 2) for i, w in enumerate(words)
    )


def _names_same(short: list[str], full: list[str]) -> bool:
    """ "Putin" names "Vladimir Putin"; a lone "Kim" names "Kim Jong Un" (family name first)."""
    if not full or len(full) < len(short):
        return False
    return full[-1] == short[-1] or (len(short) == 1 and full[0] == short[0])


def story_names(articles: Sequence[Article]) -> Counter[tuple[str, ...]]:
    """Every capitalised name of the story (titles stripped, up to 4 words) with its count."""
    names: Counter[tuple[str, ...]] = Counter()
    for article in articles:
        for text in [article.title, *(s.text for s in article.sentences)]:
            for match in NAMES.finditer(text):
                found = _strip_titles(match.group(0))
                if _is_name(found):
                    names[tuple(found[:4])] += 1
    return names


def full_name(
    surface: str, names: Counter[tuple[str, ...]], entities: Sequence[Entity] = ()
) -> str | None:
    """The fullest name the story gives the person ``surface`` refers to, or None.

    ``names`` is :func:`story_names` of the story's articles.
    """
    words = _strip_titles(surface)
    if not _is_name(words) or not any(c.islower() for c in "".join(words)):
        return None  # "the spokesman", or an acronym such as an outlet's ("SZ")
    people = [e for e in entities if e.type == "PERSON"]
    matches = [e for e in people if _names_same(words, e.name.split()) or surface in e.aliases]
    if matches:
        return max(matches, key=lambda e: (e.count, len(e.name))).name
    longer = [
        (n, f) for f, n in names.items() if len(f) > len(words) and _names_same(words, list(f))
    ]
    return " ".join(max(longer)[1]) if longer else " ".join(words)


def _last_person(text: str, entities: Sequence[Entity]) -> str | None:
    """The last person named in ``text``: an entity alias, else a two-word capitalised name."""
    best: tuple[int, str] | None = None
    for e in entities:
        if e.type != "PERSON":
            continue
        for form in {e.name, *e.aliases}:
            at = text.rfind(form)
            if at >= 0 and (best is None or at > best[0]):
                best = (at, e.name)
    if best is not None or entities:
        return best[1] if best else None
    names = [m.group(0) for m in NAMES.finditer(text) if len(_strip_titles(m.group(0))) >= 2]
    names = [n for n in names if _is_name(_strip_titles(n))]
    return names[-1] if names else None


def find_speaker(
    article: Article,
    index: int,
    before: str,
    after: str,
    names: Counter[tuple[str, ...]],
    entities: Sequence[Entity] = (),
) -> str | None:
    """The full name of who said the quotation at ``article.sentences[index]``, or None."""
    who = None
    for pattern, text in [(p, after) for p in AFTER] + [(p, before) for p in BEFORE]:
        if match := pattern.search(text):
            who = match.group("who")
            break
    if who is None:
        return None
    if re.fullmatch(PRONOUN, who):
        context = " ".join(s.text for s in article.sentences[max(0, index - 3) : index])
        who = _last_person(f"{context} {before}", entities)
        if who is None:
            return None
    return full_name(who, names, entities)
