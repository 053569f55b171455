"""Content terms of a sentence: the words, numbers, dates and names a brief must not invent.

A *term* is a normalised token that carries meaning: not a function word (scikit-learn's English
stop-word list), but negations and number words always count, because dropping or adding
"not" or "two" changes a fact. Words are matched by their Snowball stem and case-insensitively
("approved" backs "approves"); numbers by value ("1,500" backs "1500", "two" backs "2").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import snowballstemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from glimpse.compose.memo import clear as clear_memos
from glimpse.compose.memo import text_memo

NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
    "dozen": "12", "half": "half",
}  # fmt: skip
NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "nobody", "cannot", "n't"})
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS - NEGATIONS - NUMBER_WORDS.keys()) | {
    "s", "t", "ll", "ve", "re", "d", "m", "also", "just", "like", "mr", "mrs", "ms", "dr",
    "do", "does", "did", "doing", "having", "shall", "may", "might", "must", "ought",
}  # fmt: skip

# Words (with inner apostrophes; hyphens split "kick-off" into two words), numbers (with
# separators), and a detached "n't" as in tokenized text ("do n't").
TOKEN = re.compile(r"n['’]t\b|\d[\d,.:/]*\d%?|\d%?|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
POSSESSIVE = re.compile(r"['’]s$")
_STEMMER = snowballstemmer.stemmer("english")


def tokens(text: str) -> list[str]:
    """Surface tokens of ``text`` (words, numbers, "n't"), in order."""
    return TOKEN.findall(text)


@text_memo(maxsize=65536)
def normalise(token: str) -> str | None:
    """The matching key of one token, or None for a function word."""
    low = POSSESSIVE.sub("", token.lower().replace("’", "'"))
    if low in ("n't", "cannot") or low.endswith("n't"):
        return "not"
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    if low[:1].isdigit():
        return low.replace(",", "").rstrip(".")
    if low in STOP_WORDS or len(low) < 2:
        return None
    return str(_STEMMER.stemWord(low))


@text_memo(maxsize=16384)
def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((token, key) for token in tokens(text) if (key := normalise(token)) is not None)


def term_pairs(text: str) -> list[tuple[str, str]]:
    """``(surface, key)`` for every content term of ``text``, in order."""
    return list(_pairs(text))


@text_memo(maxsize=16384)
def _keys(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    # the keys in order and as a set, once a text: a big story's texts are read whole
    # (term sets of all its sentences) by several rules
    keys = tuple(key for _, key in _pairs(text))
    return keys, frozenset(keys)


def term_set(texts: Iterable[str]) -> frozenset[str]:
    """Every content-term key of ``texts``."""
    return frozenset().union(*(_keys(text)[1] for text in texts))


@text_memo(maxsize=16)
def _known(texts: tuple[str, ...]) -> frozenset[str]:
    return term_set(texts)


def unsupported_keys(sentence: str, support_texts: Iterable[str]) -> list[str]:
    """The content terms of ``sentence`` (surface forms, first occurrence) absent from
    ``support_texts``; see ``glimpse.compose.grounding.unsupported_terms``. The terms of a
    whole story's texts are kept for the next call (a headline's candidates are all checked
    against the same texts)."""
    texts = tuple(support_texts)
    known = _known(texts) if len(texts) > 8 else term_set(texts)
    missing: dict[str, str] = {}
    for surface, key in term_pairs(sentence):
        if key not in known and key not in missing:
            missing[key] = surface
    return list(missing.values())


def content_words(text: str) -> list[str]:
    """Content keys of ``text`` in order (for similarity and overlap)."""
    return list(_keys(text)[0])


def guarded_search(
    pattern: re.Pattern[str], literals: Iterable[str], *, fold: bool = False
) -> Callable[[str], bool]:
    """``bool(pattern.search(text))``, with the search skipped where none of ``literals``
    (words the pattern cannot match without) is in the text. For a case-insensitive pattern
    (``fold``) the literals are lower case and only ASCII text is skipped: lower-casing is
    exactly what case-insensitive matching does there. Every candidate sentence meets these
    checks; most hold none of the words."""
    words = tuple(literals)

    def search(text: str) -> bool:
        if fold:
            if text.isascii():
                low = text.lower()
                if not any(w in low for w in words):
                    return False
        elif not any(w in text for w in words):
            return False
        return pattern.search(text) is not None

    return search


def clear_caches() -> None:
    """Forget the cached terms and every other memoised sentence function (all registered
    with :mod:`glimpse.compose.memo`; benchmarks use it to time a brief from cold)."""
    clear_memos()
