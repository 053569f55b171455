"""Who said a quotation: a person's full name, an organisation as written, or None.

The attribution frames of news copy give the speaker: after the quote ('"...," she said.',
'"...," said X.', '"...," X told reporters'), before it ('X said: "..."', 'according to X,')
or in a neighbouring sentence that is only the attribution ('X said:' before, 'X said.'
after). The phrase the frame names is then classified: "he"/"she" is resolved to a person
(:mod:`glimpse.compose.pronoun`), "I"/"we" is the writer (no speaker), a capitalised name is a
person (full name from the story's PERSON entities or the fullest form the articles use) or an
organisation (an ORG entity, an acronym, "the Kremlin", "the Foreign Ministry"), and a common
noun is an organisation stated as such ("the ministry", "officials", "police") or nothing.
Hand-written rules: no coreference or attribution model is installed offline, and compose must
not run spaCy (its speed budget). Anything unclear gives None: no speaker beats a wrong one.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from glimpse.compose.memo import text_memo
from glimpse.models import Article, Entity


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` (lists of words are written as one string)."""
    return frozenset(text.split())


VERBS = (
    r"(?:said|says|told|tells|added|adds|explained|explains|wrote|writes|tweeted|posted|"
    r"insisted|warned|stated|declared|noted|argued|asked|replied|continued|admitted|claimed|"
    r"announced|recalled|remarked|stressed|urged|confirmed|acknowledged|responded|conceded|"
    r"cautioned|predicted|shouted|testified|commented|joked|concluded|observed|pointed out|"
    r"notes|insists|warns|argues|claims|recalls|points out)"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_ABBREVIATED = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St)\."
_WORD = rf"(?:{_ABBREVIATED}|(?:[{_UPPER}]\.)+|[{_UPPER}][\w'’-]*)"
NAME = rf"{_WORD}(?: (?:{_WORD}|de|van|von|bin|al|da))*"  # one line: never across sentences
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
    "witness pastor rabbi imam sheriff constable agent executive officer comedian comedienne "
    "journalist reporter photographer producer writer columnist editor"
)
TITLES = frozenset(_TITLE_WORDS.split())
# Capitalised words that open a sentence before a name ("But Haruki Suminoya cautioned").
_OPENERS = word_set(
    "but and or so then as if when while after before in on at for of with the a an this "
    "that yet also meanwhile however earlier later still asked"
)
# Heads of a common-noun phrase that names an organisation or its voice ("the ministry").
ORG_NOUNS = word_set(
    "ministry agency police officials official spokesman spokeswoman spokesperson "
    "spokespeople department government military army navy company council court committee "
    "commission office authorities administration command prosecutors investigators firm "
    "board union regulator regulators embassy kremlin pentagon party service institute "
    "bank group club federation organisation organization association bureau secretariat "
    "observatory center centre university cabinet parliament media"
)
# Organisation nouns that name a person speaking for it ("ministry spokesman Hong Lei").
ROLE_NOUNS = word_set("spokesman spokeswoman spokesperson spokespeople official officials")
CLAUSE_WORDS = word_set(
    "who which whose that where when while because if after before although as and but "
    "can could would will has have had is was were are been be to not said told"
)
_PREPOSITION = re.compile(r"\s+(?:of|for|at|with|from)\s+")
_TRAILER = re.compile(
    r"\s+(?:in|on|during|after|before|when|who|as|while|to|via|through|about|"
    r"last|this|earlier|later|yesterday|today|tonight)\b.*$"
)
_WRITER = frozenset({"i", "we"})
PRONOUN_GENDER = {"he": "m", "she": "f"}


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who speaks: ``kind`` is "person" (a full name) or "org" (an organisation as written)."""

    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class PronounRef:
    """An attribution by pronoun ("she said"); ``gender`` is "f" or "m"."""

    gender: str


Who = Speaker | PronounRef
Names = Counter[tuple[str, ...]]


def strip_titles(name: str) -> list[str]:
    """The name's words after the last title word ("Russian President Vladimir Putin") and
    any capitalised function word ("But Haruki Suminoya")."""
    return list(_strip_titles(name))


@functools.lru_cache(maxsize=8192)
def _strip_titles(name: str) -> tuple[str, ...]:
    # cached: a story's names recur in every sentence that is read for speakers
    words = [w.rstrip(",'’").removesuffix("'s").removesuffix("’s") for w in name.split()]
    words = [w if re.fullmatch(r"(?:\w\.)+", w) else w.rstrip(".") for w in words]
    titled = [i for i, w in enumerate(words) if w.lower() in TITLES or w.lower() + "." in TITLES]
    words = [w for w in (words[titled[-1] + 1 :] if titled else words) if w]
    while words and words[0].lower() in _OPENERS:
        words.pop(0)
    while words and words[-1].islower():  # "Collins de" cut before "Souza"
        words.pop()
    return tuple(words)


# scikit-learn's stop words, less the ones that are also names ("Bill", "Fire", "Mill").
_FUNCTION_WORDS = ENGLISH_STOP_WORDS - word_set(
    "bill fire call con de describe detail find full interest mill move part side system "
    "thick thin top amount back front fill found hundred name show cry sincere"
)


def _function_word(word: str) -> bool:
    """A capitalised function word ("None", "NONE", "Everyone"), not a short acronym ("US")."""
    return word.lower() in _FUNCTION_WORDS and not (acronym(word) and len(word) <= 3)


def _is_name(words: list[str]) -> bool:
    """No function word in it (a short one like "Un" in "Kim Jong Un" may follow the first)."""
    return bool(words) and not any(
        w.lower() in _FUNCTION_WORDS and (i == 0 or len(w) > 2) for i, w in enumerate(words)
    )


def _names_same(short: list[str], full: list[str]) -> bool:
    """ "Putin" names "Vladimir Putin"; a lone "Kim" names "Kim Jong Un" (family name first);
    "Boris Johnson" names "Boris Johnson" only (a two-word name is already full)."""
    if not full or len(full) < len(short):
        return False
    if len(short) > 1:
        return full == short
    return full[-1] == short[-1] or full[0] == short[0]


_NOT_PERSON_WORDS = word_set(
    "north south east west northern southern cape lake river sea island islands bay gulf port "
    "fort city county state republic united kingdom ocean peninsula airport station street "
    "avenue road park beach coast valley hill hills college school hospital church hotel news "
    "times post press air force base monday tuesday wednesday thursday friday saturday sunday "
    "january february march april june july august september october november december "
    "earlier later"
)


def plausible_person(words: list[str], entities: Sequence[Entity] = ()) -> bool:
    """Two to four words that can be a person's name: no acronym ("CNN Abe"), no place or
    organisation word ("Cape Erimo"), no word of a place of the story ("N. Japan")."""
    places = {w for e in entities if e.type == "PLACE" for w in e.name.split()}
    return (
        2 <= len(words) <= 4
        and _is_name(words)
        and not any(len(w) > 1 and w.isupper() for w in words)
        and not any(w.lower() in _NOT_PERSON_WORDS | ORG_NOUNS or w in places for w in words)
    )


@text_memo()
def name_surfaces(text: str) -> tuple[str, ...]:
    """Every capitalised name of ``text`` as written (:data:`NAMES`); memoised: the story's
    speakers and its people are both read from every sentence."""
    return tuple(m.group(0) for m in NAMES.finditer(text))


@text_memo()
def _name_key(surface: str) -> tuple[str, ...] | None:
    found = strip_titles(surface)
    return tuple(found[:4]) if _is_name(found) else None


def story_names(articles: Sequence[Article]) -> Counter[tuple[str, ...]]:
    """Every capitalised name of the story (titles stripped, up to 4 words) with its count."""
    names: Counter[tuple[str, ...]] = Counter()
    for article in articles:
        for text in [article.title, *(s.text for s in article.sentences)]:
            for surface in name_surfaces(text):
                if (key := _name_key(surface)) is not None:
                    names[key] += 1
    return names


def acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


def full_name(surface: str, names: Names, entities: Sequence[Entity] = ()) -> str | None:
    """The fullest name the story gives the person ``surface`` refers to, or None.

    ``names`` is :func:`story_names` of the story's articles. A story PERSON entity with that
    name (or surname) first, else the fullest form of it the articles use, else the surface.
    """
    words = strip_titles(surface)
    if not _is_name(words) or not any(c.islower() for c in "".join(words)):
        return None  # "the spokesman", or an acronym such as an outlet's ("SZ")
    return _resolved(words, names, entities) or " ".join(words)


def _entity_type(name: str, entities: Sequence[Entity]) -> str | None:
    """The type of the story entity written ``name`` (its name or an alias), if any."""
    for e in entities:
        if name == e.name or name in e.aliases:
            return e.type
    return None


def _org_name(name: str, words: list[str], entities: Sequence[Entity]) -> bool:
    """A capitalised name that is an organisation (or a country speaking as one), not a person."""
    if _entity_type(name, entities) in {"ORG", "PLACE"} or all(map(acronym, words)):
        return True
    return any(w.lower() in ORG_NOUNS for w in words)


def _clean(phrase: str) -> str:
    """An organisation phrase as written, with a sentence-initial "The"/"A" lowercased."""
    first, _, rest = phrase.partition(" ")
    if first in {"The", "A", "An"} and rest:
        return f"{first.lower()} {rest}"
    return phrase


def _noun_phrase(words: list[str]) -> bool:
    """Short and with no clause word: "foreign ministry spokesman Hong Lei", not "that can hit"."""
    return 0 < len(words) <= 7 and not any(w.lower() in CLAUSE_WORDS for w in words)


def _resolved(words: list[str], names: Names, entities: Sequence[Entity]) -> str | None:
    """The full name of a person of the story that ``words`` name, if the story has one."""
    people = [e for e in entities if e.type == "PERSON" and plausible_person(e.name.split())]
    matches = [e for e in people if _names_same(words, e.name.split())]
    if matches:
        return max(matches, key=lambda e: (e.count, len(e.name))).name
    if len(words) > 1:
        return None  # a name of two or more words is already full (``_names_same``)
    if len(words) == 1:  # _names_same for one word, inline: every name of the story is read
        word = words[0]
        longer = [
            (n, f)
            for f, n in names.items()
            if len(f) > 1 and (f[-1] == word or f[0] == word) and plausible_person(list(f))
        ]
    else:
        longer = [
            (n, f)
            for f, n in names.items()
            if len(f) > len(words) and _names_same(words, list(f)) and plausible_person(list(f))
        ]
    return " ".join(max(longer)[1]) if longer else None


def _named(
    head: str, match: re.Match[str], names: Names, entities: Sequence[Entity]
) -> Speaker | None:
    """The speaker a phrase ending in a capitalised name gives: a person or an organisation.

    A person of the story first ("Kawamura" when "Mitsuyo Kawamura" is named); an organisation
    when the name is one ("NASA", an ORG entity, "the Kremlin", "the legal firm J.P. Damiani").
    """
    name = match.group(1)
    words = strip_titles(name)
    if not words:
        return None  # only a title or role ("CEO", "President")
    if all(_function_word(w) for w in words):
        return None  # "None of them said", "Nobody told": no one (a tagger may call it an ORG)
    before = head[: match.start(1)].split()
    org_before = bool(before) and before[-1].lower() in ORG_NOUNS - ROLE_NOUNS
    if not org_before and (person := _resolved(words, names, entities)):
        return Speaker(person, "person")
    if org_before or _org_name(name, words, entities) or before[-1:] in (["the"], ["The"]):
        return Speaker(_clean(head), "org")
    person = full_name(name, names, entities)
    return Speaker(person, "person") if person else None


def classify(
    phrase: str, names: Counter[tuple[str, ...]], entities: Sequence[Entity] = ()
) -> Who | None:
    """What an attribution's subject phrase names: a speaker, a pronoun to resolve, or None."""
    phrase = phrase.strip(" ,.'’").removeprefix("and ").removeprefix("but ")
    low = phrase.lower()
    if low in PRONOUN_GENDER:
        return PronounRef(PRONOUN_GENDER[low])
    if low in _WRITER or not phrase:
        return None  # the writer ("I told him"), or nothing
    phrase = _TRAILER.sub("", phrase)
    parts = _PREPOSITION.split(phrase, maxsplit=1)
    head, tail = parts[0], (parts[1] if len(parts) > 1 else "")
    if not _noun_phrase(head.split()):
        return None
    if match := re.search(rf"(?:^|\s)({NAME})$", head):
        return _named(head, match, names, entities)
    last = head.split()[-1].lower().removesuffix("'s").removesuffix("’s")
    if last in ORG_NOUNS:  # "a spokesman for the ministry": the organisation is in the tail
        named = (tail[:1].isupper() or tail.startswith("the ")) and len(tail.split()) <= 6
        return Speaker(_clean(phrase if named else head), "org")
    return None
