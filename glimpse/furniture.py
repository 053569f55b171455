"""Page furniture: the lines of a news page that are not reporting.

Captions, photo credits, bylines and author bios, newsletter and subscription prompts, video
player labels, copyright and legal lines, ALL-CAPS labels, gallery counters, social-media embeds
and the site's own calls to action. Each *family* is a named pattern so a test can pin what it
catches and what it leaves alone; :func:`furniture_family` says which family a line belongs to.
Shared by extraction (which drops whole furniture lines from a page) and compose (which never
puts one in a brief). Hand-written: trafilatura removes most of this from HTML, but text that
reaches glimpse as plain text or JSON Lines (and captions inside an article's body) still has it.
"""

from __future__ import annotations

import re

from glimpse.furniture_families import _I, _PARTS, AGENCIES

FAMILIES: dict[str, re.Pattern[str]] = {
    name: re.compile("|".join(source for _, source in parts), flags)
    for name, (parts, flags) in _PARTS.items()
}
_PREFILTERED: dict[str, list[tuple[tuple[str, ...] | None, re.Pattern[str]]]] = {
    name: [(literals, re.compile(source, flags)) for literals, source in parts]
    for name, (parts, flags) in _PARTS.items()
}


# every prefilter literal of every family: a line is searched for each once, not once per
# alternative that lists it
_LITERALS: tuple[str, ...] = tuple(
    sorted({lit for parts in _PREFILTERED.values() for lits, _ in parts for lit in lits or ()})
)


# each family's alternatives by the literals that let them through (those without literals are
# always tried): a line's search visits only the few alternatives its words allow, in family order
_ORDERED = [
    (rank, literals, pattern)
    for rank, parts in enumerate(_PREFILTERED.values())
    for literals, pattern in parts
]
_NAMES = list(_PREFILTERED)
_ALWAYS = frozenset(n for n, (_, literals, _) in enumerate(_ORDERED) if literals is None)
_BY_LITERAL: dict[str, frozenset[int]] = {
    lit: frozenset(n for n, (_, literals, _) in enumerate(_ORDERED) if lit in (literals or ()))
    for lit in _LITERALS
}


# "LAS VEGAS LAS VEGAS FREEWAY EXCALIBUR ...", "MOST READ IN NEWS 'I'M MADDIE!' ...": a run of
# three or more ALL-CAPS words is a label or a map, not a sentence (one capitalised word such
# as "NASA" or a dateline before "(Reuters)" is not).
CAPS_RUN = re.compile(r"(?:\b[A-Z][A-Z'’&.-]+\b[\s,:!]+){3,}")


def caps_label(text: str) -> bool:
    """Whether ``text`` carries a run of ALL-CAPS words (a label, a map, a teaser list)."""
    match = CAPS_RUN.search(text)
    if match is None:
        return False
    words = match.group(0).split()
    return sum(len(w.strip("'’&.-,:!")) >= 2 for w in words) >= 3


def furniture_family(text: str) -> str | None:
    """The furniture family ``text`` belongs to ("caption", "prompt", ...), or None for prose."""
    stripped = text.strip()
    folded = stripped.casefold()
    tried = _ALWAYS.union(*(_BY_LITERAL[lit] for lit in _LITERALS if lit in folded))
    for n in sorted(tried):  # families in order: the first family with a match, as _matches
        rank, _, pattern = _ORDERED[n]
        if pattern.search(stripped):
            return _NAMES[rank]
    if caps_label(stripped):
        return "caps"
    return None


def is_furniture(text: str) -> bool:
    """Whether ``text`` is page furniture rather than reporting."""
    return furniture_family(text) is not None


# Furniture inside a sentence: a gallery counter, a player label or a picture credit that the
# page's text run glued to reporting ("... season Play slideshow Getty Images 1 of 11 11.").
# The families above are anchored where a line starts; these find the same kinds anywhere.
# Each is (family, literals for the prefilter, pattern); tests/test_furniture.py has examples.
_INSIDE_PARTS: list[tuple[str, tuple[str, ...], str]] = [
    ("gallery", ("caption",),
     r"\b(?:hide|show|expand|view|close) caption\b(?:\s+\d{1,3}\s*(?:of|/)\s*\d{1,3})?"
     r"(?:\s+(?:photos?|images?|pictures|slides?)\s*:)?"),
    ("gallery", ("slideshow", "gallery"),
     r"\b(?:play|view|launch|open|start|see) (?:the )?(?:full )?(?:slideshow|gallery)\b"),
    ("gallery", (" of ", "/"),
     rf"\b{AGENCIES}\s+\d{{1,3}}\s*(?:of|/)\s*\d{{1,3}}(?:\s+\d{{1,3}}\b)?"),
    ("gallery", (" of ",), r"\b(?:image|photo|picture|slide)\s+\d{1,3}\s+of\s+\d{1,3}\b"),
    ("player", ("video", "now playing", "up next", "skip ad", "autoplay", "playback"),
     r"\b(?:play|watch|replay) (?:the )?video\b|\bnow playing\b|\bup next\b|\bskip ad\b|"
     r"\bautoplay\b|\bmedia playback is (?:not supported|unsupported)[\w ]{0,30}\bdevice\b"),
    ("credit", ("photo", "images"),
     r"\((?:[A-Z][\w.'’-]*\s?){0,4}/?\s*(?:AP|AFP|Reuters|EPA|Getty Images|PA)(?: Photo)?"
     r"(?:\s*/[^)]{0,40})?\)"),
    ("credit", ("photo:", "image:", "picture:", "credit:"),
     r"\b(?:photo|image|picture|credit):\s*(?:[A-Z][\w.'’-]*\s?){1,4}"
     r"(?:/\s*(?:AP|AFP|Reuters|EPA|Getty Images))?"),
    ("credit", ("getty images", "shutterstock", "rex features", "alamy"),
     r"(?:\b[A-Z]\w+/)?\b(?:Getty Images|Shutterstock|Rex Features|Alamy)\b"
     r"(?!\s+(?:said|says|spokes\w+|reported|has|had|is|was)\b)"),
    # a hover card glued to a name ("Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor
    # doubles down ... MORE (R) is defending"): from the capital right after a lower-case
    # letter to its "MORE"
    ("related", (" more",),
     r"(?-i:\b(?P<last>[A-Z][a-z]+)(?P<cut>[A-Z][a-z]+(?: [A-Z][a-z]*\.?){0,3} (?P=last)"
     r"[^.!?]{0,400}? MORE)\b)"),
    # a page's time stamp and byline glued to its title ("Scores killed as truck rams crowd
    # in France Updated: 2016-07-15 13:14 By Agencies(China Daily USA)")
    ("wire", ("updated:", "posted:", "published:"),
     r"\b(?:updated|posted|published):\s*\d{4}-\d{2}-\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
     r"(?:\s+by\s+[^.!?]{0,60})?[.!?]?$"),
    # a bare "Image" between a title and its caption ("... for Women Image Police officers")
    ("caption", ("image", "photo"), r"(?<=[a-z,]) (?:Image|Photo)(?= [A-Z][a-z])"),
]  # fmt: skip
_INSIDE: list[tuple[str, tuple[str, ...], re.Pattern[str]]] = [
    (family, literals, re.compile(source, 0 if family == "caption" else _I))
    for family, literals, source in _INSIDE_PARTS
]
# A headline left in title case ("... Will Ring in New Year With Extra Security"): a capitalised
# function word between capitalised words, which running prose never has.
TITLE_RUN = re.compile(
    r"\b[A-Z][\w'’-]+ (?:Will|With|For|In|Of|To|And|Is|Are|On|At|After|As|From|Has|Have)"
    r" [A-Z][\w'’-]+"
)
_TERMINAL = re.compile(r"[.!?][\"'”’)]*$")


_INSIDE_LITERALS = tuple(sorted({lit for _, literals, _ in _INSIDE for lit in literals}))


def inside_spans(text: str) -> list[tuple[str, int, int]]:
    """The furniture inside ``text``: (family, start, end) of each span, in text order."""
    folded = text.casefold()
    present = {lit for lit in _INSIDE_LITERALS if lit in folded}
    spans = [
        (family, *(m.span("cut") if "cut" in pattern.groupindex else m.span()))
        for family, literals, pattern in _INSIDE
        if not present.isdisjoint(literals)
        for m in pattern.finditer(text)
    ]
    return sorted(spans, key=lambda s: s[1])


def _readable(rest: str) -> bool:
    """Whether what is left once the furniture is out reads as one sentence of prose: it
    starts like a sentence, ends like one, is no furniture line, label or title-case run.
    Hand-written: a cheap test on the rare sentence that held furniture; compose does not
    parse every candidate sentence with spaCy."""
    words = rest.split()
    starts = bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'")
    return (
        len(words) >= 5
        and starts
        and bool(_TERMINAL.search(rest))
        and not TITLE_RUN.search(rest)
        and not is_furniture(rest)
    )


def strip_furniture(text: str) -> str | None:
    """``text`` without the furniture inside it, or None when the rest is no sentence of its
    own (the sentence is then not used). A sentence without such furniture is returned as is.

    A gallery counter or label with words on both sides sits in a gallery item (its title
    and caption), so only one at the start or end of the sentence is cut away.
    """
    spans = inside_spans(text)
    if not spans:
        return text
    stripped = text.strip()
    end_mark = m.group() if (m := _TERMINAL.search(stripped)) else ""
    parts, last, gallery = [], 0, False
    for family, start, end in spans:
        if start < last:
            continue
        inner = text[:start].strip() and text[end:].strip(" .!?\"'”’")
        if family == "gallery" and inner:
            return None
        gallery = gallery or family == "gallery"
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    rest = re.sub(r"\s+([,.;:!?])|\s{2,}", lambda m: m.group(1) or " ", " ".join(parts)).strip()
    rest = rest.strip(" ,;:-—–")
    if end_mark and not _TERMINAL.search(rest):
        rest += end_mark
    if rest[:1].islower():
        return None
    if gallery and ":" in rest:  # the gallery's own heading ("Photos: Bastille Day terror:")
        return None
    return rest if _readable(rest) else None
