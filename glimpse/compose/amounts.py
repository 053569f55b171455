"""Numbers as written: a sentence's tokens, and the number starting at one of them.

"59", "1,500", "145.5 million", "fifty-nine", "$121 billion", "about 600", "at least 50": each
is read to an :class:`Amount` (value, the rounding its last stated digit allows, the hedge
before it, its currency); what the number counts is read by :mod:`glimpse.compose.figures`
over the same tokens. Hand-written for the reason given there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from glimpse.compose.terms import NUMBER_WORDS

SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}
CURRENCY_WORDS = {
    "dollars": "USD", "euros": "EUR", "yen": "JPY", "yuan": "CNY", "shekels": "ILS",
    "rupees": "INR", "rubles": "RUB", "roubles": "RUB", "francs": "CHF", "sterling": "GBP",
}  # fmt: skip
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3, "tn": 1e12,
}  # fmt: skip
# Hedges before a number: a lower bound, an upper bound, or an approximation.
HEDGES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("at", "least"), "low"), (("more", "than"), "low"), (("upwards", "of"), "low"),
    (("in", "excess", "of"), "low"), (("over",), "low"), (("above",), "low"),
    (("up", "to"), "high"), (("as", "many", "as"), "high"), (("nearly",), "high"),
    (("almost",), "high"), (("fewer", "than"), "high"), (("less", "than"), "high"),
    (("under",), "high"), (("close", "to"), "high"),
    (("an", "estimated"), "approx"), (("about",), "approx"), (("around",), "approx"),
    (("approximately",), "approx"), (("roughly",), "approx"), (("some",), "approx"),
    (("estimated",), "approx"),
)  # fmt: skip
UNITS = {w: int(v) for w, v in NUMBER_WORDS.items() if v.isdigit() and int(v) < 100}

# every sentence with a figure has one of these (a number starts with a digit, a currency
# symbol or a number word): the sentences without are passed over without tokenising them
MAYBE_NUMBER = re.compile(
    r"[0-9]|["
    + re.escape("".join(SYMBOLS))
    + r"]|\b(?:"
    + "|".join(sorted(UNITS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., U.N.
    r"|[0-9][0-9,]*(?:\.[0-9]+)?"  # 59, 1,500, 145.5
    r"|[^\W\d_]+(?:['’-][^\W\d_]+)*"  # words, fifty-nine, year-old
    r"|[^\s\w]",  # punctuation and currency symbols
    re.UNICODE,
)
_DIGIT_OR_SYMBOL = re.compile("[0-9" + re.escape("".join(SYMBOLS)) + "]")
_RUN = re.compile(r"\w+")
_UNIT_WORDS = frozenset(UNITS)
DIGITS = frozenset("0123456789")


def maybe_number(text: str) -> bool:
    """``MAYBE_NUMBER.search(text)``, faster (the search tries every number word at every
    position): a digit or symbol first; then, in an ASCII sentence, a number word is a whole
    run of word characters, lower-cased (what ``\b`` and IGNORECASE match there)."""
    if _DIGIT_OR_SYMBOL.search(text):
        return True
    if text.isascii():
        return not _UNIT_WORDS.isdisjoint(_RUN.findall(text.lower()))
    return bool(MAYBE_NUMBER.search(text))


SEPARATORS = frozenset("-–/:")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class Token(NamedTuple):  # a tuple: a sentence's tokens are made ten times faster
    """A word, number or punctuation mark as written, lower-cased, and its span in the text."""

    text: str
    low: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Amount:
    """A parsed number: where it starts and ends in the tokens, its value and rounding."""

    first: int  # token index of the hedge or the number
    last: int  # token index of the last token of the number (scale or currency word)
    value: float
    tolerance: float
    hedge: str
    currency: str


def tokenize(text: str) -> list[Token]:
    """The tokens numbers are read from (:data:`TOKEN`: "U.S.", "1,500", "fifty-nine", "$")."""
    return [Token(m.group(), m.group().lower(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _digits(token: str) -> bool:
    return token[:1] in DIGITS


def _word_number(low: str) -> int | None:
    """ "fifty-nine" -> 59, "seven" -> 7; None for anything else (ordinals, "dozen", "half")."""
    parts = low.split("-")
    if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
        tens, ones = UNITS[parts[0]], UNITS[parts[1]]
        return tens + ones if tens % 10 == 0 and tens >= 20 and ones < 10 else None
    return UNITS.get(low) if len(parts) == 1 else None


def _precision(digits: str, zeros: bool) -> float:
    """The unit of the last stated digit: "145.5" -> 0.1, "143" -> 1; "600" -> 100 when
    trailing ``zeros`` are rounding (an approximate count), else 1."""
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    plain = digits.replace(",", "")
    if not zeros or not plain.strip("0"):
        return 1.0
    return 10.0 ** (len(plain) - len(plain.rstrip("0")))


def _hedge(toks: list[Token], i: int) -> tuple[int, str]:
    """The hedge ending just before token ``i``: (its first token index, kind) or (i, "")."""
    for words, kind in _HEDGES_ENDING.get(toks[i - 1].low, ()) if i else ():
        n = len(words)
        if i >= n and tuple(t.low for t in toks[i - n : i]) == words:
            return i - n, kind
    return i, ""


def _by_last_word(
    hedges: tuple[tuple[tuple[str, ...], str], ...],
) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, kind in hedges:
        out.setdefault(words[-1], []).append((words, kind))
    return out


# the hedges by their last word, in HEDGES order (the first that matches is the hedge)
_HEDGES_ENDING = _by_last_word(HEDGES)


def parse_amount(toks: list[Token], i: int) -> Amount | None:
    """The number starting at token ``i`` (a digit, a number word or a currency symbol)."""
    currency, j = "", i
    if toks[j].text in SYMBOLS:
        currency, j = SYMBOLS[toks[j].text], j + 1
        if j >= len(toks):
            return None
    elif toks[j].text == "US" and j + 1 < len(toks) and toks[j + 1].text == "$":
        currency, j = "USD", j + 2
    if j >= len(toks):
        return None
    word = toks[j].low
    if _digits(word):
        if (
            j + 1 < len(toks)
            and toks[j + 1].text in SEPARATORS
            and toks[j + 1].start == toks[j].end
        ):
            return None  # 34-6, 43-year-old, 9/11, 21:00, 5-6,000
        value, exact = float(word.replace(",", "")), "." not in word
        unit = _precision(word, zeros=_hedge(toks, i)[1] == "approx")
    elif (number := _word_number(word)) is not None:
        value, unit, exact = float(number), 1.0, True
    else:
        return None
    last = j
    if last + 1 < len(toks) and toks[last + 1].low in SCALES:
        scale = SCALES[toks[last + 1].low]
        if scale >= 1e3 or not currency:
            value, unit, exact, last = value * scale, unit * scale, False, last + 1
    if last + 1 < len(toks) and toks[last + 1].low in CURRENCY_WORDS and not currency:
        currency, last = CURRENCY_WORDS[toks[last + 1].low], last + 1
    first, hedge = _hedge(toks, i)
    # Exact counts ("59", "at least 50") match only themselves; rounded ones ("145 million",
    # "about 600") match anything within one unit of their last digit.
    tolerance = 0.0 if exact and hedge != "approx" else unit
    return Amount(first, last, value, tolerance, hedge, currency)


def is_number_start(tok: Token) -> bool:
    """Whether a number may start at ``tok``: a digit, a currency symbol or a number word."""
    return _digits(tok.low) or tok.text in SYMBOLS or _word_number(tok.low) is not None


def years(text: str) -> frozenset[int]:
    """The years a sentence names ("the 2015 attack")."""
    return frozenset(int(y) for y in YEAR.findall(text))
