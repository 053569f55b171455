"""Figures a sentence states: a number bound to what it counts ("59 people were killed" -> 59 dead).

Hand-written window rules over the tokens of :mod:`glimpse.compose.amounts`, not spaCy's
parser: no library maps a number to the quantity it counts across "were killed" / "killing" /
"death toll rose to", and the small parser's number attachments are no more reliable than this
window rule, which is also pure and fast enough to run on every sentence of a story. Dates,
times, ages, ordinals, scores, ranges, percentages and numbers that count nothing listed here
are not figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from glimpse.compose.amounts import (
    DIGITS,
    SYMBOLS,
    UNITS,
    YEAR,
    Amount,
    Token,
    is_number_start,
    maybe_number,
    parse_amount,
    tokenize,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Quantity families: the words that name what a number counts, normalised to one name.
FAMILY_WORDS: dict[str, str] = {
    **dict.fromkeys(("dead", "killed", "deaths", "died", "fatalities", "lives", "bodies",
                     "death", "perished", "slain"), "dead"),
    **dict.fromkeys(("injured", "wounded", "hurt", "injuries", "hospitalised", "hospitalized",
                     "injuring", "wounding"), "injured"),
    **dict.fromkeys(("missing", "unaccounted"), "missing"),
    **dict.fromkeys(("arrested", "detained"), "arrested"),
    **dict.fromkeys(("evacuated",), "evacuated"),
    **dict.fromkeys(("affected", "impacted", "exposed", "compromised"), "affected"),
}  # fmt: skip
# Verbs before a number that say what it counts ("killing at least 50", "injuring 200 others").
VERBS_BEFORE: dict[str, str] = {
    **dict.fromkeys(("killed", "killing", "kills", "kill"), "dead"),
    **dict.fromkeys(("injured", "injuring", "injures", "wounded", "wounding", "hurt"),
                    "injured"),
    **dict.fromkeys(("arrested", "arresting", "detained", "detaining"), "arrested"),
    **dict.fromkeys(("evacuated", "evacuating"), "evacuated"),
    **dict.fromkeys(("affected", "affecting", "affects", "exposed", "exposing", "impacted",
                     "compromised", "compromising"), "affected"),
}  # fmt: skip
PEOPLE = _words(
    "people persons civilians victims residents passengers migrants refugees nationals "
    "citizens soldiers troops workers employees students children adults men women "
    "consumers customers users individuals others policemen officers fans spectators "
    "pilgrims tourists protesters demonstrators miners patients inmates prisoners"
)
DURATIONS = _words(
    "seconds minutes hours days weeks months years decades nights second minute hour day "
    "week month year decade night"
)
# "Two people were critically injured": a part of the injured, by severity.
SEVERITY = _words("critically seriously severely gravely badly")
# Counts of everyone a toll covers; any other counted group ("10 children", "two Americans")
# is a part of the toll, its own quantity (``dead:children``), never a rival total.
EVERYONE = _words("people persons victims individuals others civilians")
CASUALTIES = frozenset({"dead", "injured", "missing"})
# "Two of those 80 people", "including 10 children": a part of a count, not a total.
PARTITIVE_AFTER = _words("the those these them whom which its their")
PART_BEFORE = _words("including includes included among")
COUNTED = _words(
    "documents files records emails accounts jobs homes houses buildings votes cases "
    "vehicles cars flights schools villages companies"
)
# A count of some more besides others ("two other men", "59 more people") is not a total.
RELATIVE = frozenset({"other", "more", "additional", "further", "another", "extra"})
AUXILIARY = _words(
    "were was have has had been are is be being reportedly later also all confirmed "
    "who that so far believed feared suffered sustained received minor serious severe critical"
)
# Money: what an amount is (its anchor), grouped so that "bid" and "offer" compare.
ANCHORS: dict[str, str] = {
    **dict.fromkeys(("bid", "offer", "approach", "proposal", "takeover", "acquisition", "deal",
                     "purchase", "transaction", "buyout", "merger", "valued", "value",
                     "valuation", "valuing"), "deal"),
    **dict.fromkeys(("fine", "fined", "penalty", "settlement", "damages"), "fine"),
    **dict.fromkeys(("revenue", "revenues", "sales", "turnover"), "revenue"),
    **dict.fromkeys(("profit", "profits", "income", "earnings"), "profit"),
    **dict.fromkeys(("loss", "losses"), "loss"),
    **dict.fromkeys(("cost", "costs", "bill"), "cost"),
    **dict.fromkeys(("funding", "aid", "grant", "budget", "package", "investment"), "funding"),
    **dict.fromkeys(("price", "priced"), "price"),
    **dict.fromkeys(("salary", "pay", "compensation", "bonus"), "pay"),
    **dict.fromkeys(("ransom", "reward", "bail", "donation", "loan"), "other"),
}  # fmt: skip
MONEY_QUALIFIERS = frozenset({"cash", "stock", "debt", "shares"})
# Words near a number that make it an earlier or other figure, not the current one.
PRIOR = _words(
    "initial initially original originally previous previously earlier prior first former "
    "ago last since surpassing surpassed compared old"
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One number a sentence states and what it counts.

    ``quantity`` is the public name ("dead", "injured", "money", "documents"); ``key`` is what
    two figures must share to be comparable (money adds currency, anchor, unit and qualifier);
    ``text`` is the figure as written, hedge included ("at least 50", "$121 billion");
    ``tolerance`` is how far another value may be and still be the same figure (rounding).
    """

    quantity: str
    key: str
    value: float
    text: str
    hedge: str
    tolerance: float
    prior: bool
    start: int
    end: int


def _people_noun(tok: Token) -> str | None:
    if tok.low in PEOPLE:
        return "people"
    # Demonyms and other capitalised plurals after a number: "145.5 million Americans".
    if tok.text[:1].isupper() and tok.low.endswith(("ans", "ons", "is", "ers")):
        return "people"
    return None


def _after(toks: list[Token], a: Amount) -> tuple[str | None, str | None, int]:
    """(family, counted noun, last token) from the words after the number."""
    noun: str | None = None
    last = a.last
    j, stop, skipped = a.last + 1, min(len(toks), a.last + 6), 0
    while j < stop:
        tok = toks[j]
        if noun and tok.text == "," and (aside := _aside(toks, j)):
            skipped += aside + 1 - j  # "84 people, including children, were killed"
            j, stop = aside + 1, min(len(toks), stop + aside + 1 - j)
            continue
        near = j - a.last - skipped <= 2
        if noun is None and tok.low in RELATIVE:
            return None, "relative", j
        if tok.low in FAMILY_WORDS and (noun in (None, "people") or tok.low == "dead"):
            return FAMILY_WORDS[tok.low], noun, j
        if noun is None and (people := _people_noun(tok)):
            noun, last = people, j
        elif noun is None and tok.low in COUNTED:
            return None, tok.low, j
        elif tok.low in AUXILIARY:
            pass
        elif noun is None and tok.text.isalpha() and tok.text.islower() and near:
            pass  # a modifier: "59 more people", "143 million U.S. consumers"
        elif noun is None and tok.text.isupper() and near:
            pass
        else:
            break
        j += 1
    return None, noun, last


def _aside(toks: list[Token], comma: int) -> int | None:
    """The index of the comma closing an aside that opens at ``comma`` with "including" or
    "among them" (at most eight tokens), or None."""
    if comma + 1 >= len(toks) or toks[comma + 1].low not in PART_BEFORE:
        return None
    return next(
        (k for k in range(comma + 2, min(len(toks), comma + 10)) if toks[k].text == ","), None
    )


def _group(toks: list[Token], a: Amount, end: int) -> str:
    """The counted group after the number when it is a part of everyone ("children",
    "americans"), or "" for everyone ("people", "victims", no noun)."""
    for tok in toks[a.last + 1 : end + 1]:
        if tok.low in EVERYONE:
            return ""
        if _people_noun(tok):
            return tok.low
    return ""


def _severe(toks: list[Token], a: Amount) -> bool:
    """ "two people were critically injured": a severity word before the clause ends."""
    for tok in toks[a.last + 1 : a.last + 6]:
        if not tok.text[:1].isalnum():
            return False
        if tok.low in SEVERITY:
            return True
    return False


def _part(toks: list[Token], a: Amount) -> bool:
    """ "Two of those 80 people", "including 10 children", "among them three children"."""
    after = [t.low for t in toks[a.last + 1 : a.last + 3]]
    if after[:1] == ["of"] and after[1:2] and after[1] in PARTITIVE_AFTER:
        return True
    before = [t.low for t in toks[max(0, a.first - 2) : a.first]]
    return any(w in PART_BEFORE for w in before)


def _before(toks: list[Token], first: int) -> str | None:
    """The family a verb or "death toll" just before the number gives it."""
    window = [t.low for t in toks[max(0, first - 6) : first]]
    near = window[-3:]
    for word in reversed(near):
        if word in VERBS_BEFORE:
            return VERBS_BEFORE[word]
        if word in {",", ";", "."}:
            break
    if "toll" in window and ("death" in window or "fatalities" in window or "dead" in window):
        return "dead"
    if near[-1:] == ["of"] and any(w in window for w in ("data", "information", "details")):
        return "affected"
    return None


def _money_key(toks: list[Token], a: Amount, text: str) -> str:
    """money:<currency>:<anchor>:<unit>:<qualifier>; the anchor is what the amount is."""
    after = [t.low for t in toks[a.last + 1 : a.last + 5]]
    per = "share" if after[:1] in (["a"], ["per"]) and "share" in after[:3] else ""
    anchor = next((ANCHORS[w] for w in after[:3] if w in ANCHORS), "")
    if not anchor:
        before = [t.low for t in toks[max(0, a.first - 14) : a.first]]
        cut = max((k for k, w in enumerate(before) if w in {";", "."}), default=-1)
        anchor = next((ANCHORS[w] for w in reversed(before[cut + 1 :]) if w in ANCHORS), "")
    qualifier = next((w for w in after if w in MONEY_QUALIFIERS), "")
    if not qualifier and "debt" in text.lower():
        qualifier = "debt"
    return f"money:{a.currency}:{anchor}:{per}:{qualifier}"


def _prior(toks: list[Token], a: Amount, end: int) -> bool:
    window = toks[max(0, a.first - 5) : min(len(toks), end + 4)]
    return any(t.low in PRIOR for t in window)


def _figure(toks: list[Token], a: Amount, text: str) -> Figure | None:
    family, noun, end = _after(toks, a)
    if noun == "relative" or (not a.currency and _part(toks, a)):
        return None
    if family is None and noun in (None, "people"):
        family = _before(toks, a.first) or family
    if a.currency:
        quantity, key = "money", _money_key(toks, a, text)
    elif family:
        quantity = key = family
        group = _group(toks, a, end) if family in CASUALTIES else ""
        if _severe(toks, a):
            group = "severe"
        key = f"{family}:{group}" if group else family
    elif noun and noun != "people":
        quantity = key = noun
    elif noun == "people":
        quantity = key = "people"
    else:
        return None
    start, stop = toks[a.first].start, toks[a.last].end
    return Figure(quantity, key, a.value, text[start:stop], a.hedge, a.tolerance,
                  _prior(toks, a, end), start, stop)  # fmt: skip


def figures(text: str) -> list[Figure]:
    """The figures ``text`` states, in order: each number bound to the quantity it counts.

    >>> [(f.text, f.quantity) for f in figures("At least 50 people were killed.")]
    [('At least 50', 'dead')]
    """
    if not maybe_number(text):
        return []
    toks = tokenize(text)
    out: list[Figure] = []
    # the tokens that may start a number, found without a call a token (a number word is a
    # whole number word or its first half: "fifty-nine"); is_number_start decides
    maybe = {
        n
        for n, t in enumerate(toks)
        if t.low[:1] in DIGITS or t.text in SYMBOLS or t.low.partition("-")[0] in UNITS
    }
    i = 0
    while i < len(toks):
        tok = toks[i]
        if i not in maybe or not is_number_start(tok) or _not_a_count(toks, i):
            i += 1
            continue
        amount = parse_amount(toks, i)
        if amount is None:
            i += 1
            continue
        figure = _figure(toks, amount, text)
        if figure is not None:
            out.append(figure)
        i = amount.last + 1
    return out


def _not_a_count(toks: list[Token], i: int) -> bool:
    """Ages ("aged 64"), years, percentages, times and numbers inside a longer number."""
    prev = toks[i - 1].low if i else ""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if prev in {"aged", "age", "no", "number", "#"} or nxt in {"%", "percent", "percentage"}:
        return True
    if nxt in DURATIONS:  # "killed during four weeks of air strikes": a time, not a count
        return True
    if nxt == "per" and i + 2 < len(toks) and toks[i + 2].low == "cent":
        return True
    return bool(YEAR.fullmatch(toks[i].text)) and nxt not in PEOPLE and nxt not in FAMILY_WORDS


def same_figure(a: Figure, b: Figure) -> bool:
    """Whether two figures give the same number, allowing for rounding ("145.5 million" and
    "about 145 million"); a bound is its own figure ("at least 50" is not "59")."""
    if a.value == b.value:
        return True
    return abs(a.value - b.value) < max(a.tolerance, b.tolerance)
