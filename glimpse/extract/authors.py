"""Clean author candidates into person names; bylines, outlets and links are not authors."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_BY = re.compile(r"^\s*(?:written\s+|posted\s+|reported\s+)?by[:\s]+", re.I)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|&|\s[-–—]\s|(?<=[a-z]{2})\.\s|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I
)
_JUNK_WORDS = _words(
    """email e-mail mail author authors contact follow twitter facebook instagram linkedin share
    staff editor editors editorial desk team newsroom news wire admin administrator reporter
    correspondent contributor contributors view profile more posts bio subscribe updated published
    comments comment read about opinion guest associated press reuters afp writer writers columnist
    large sobre international media magazine daily times network agency online digital tv radio
    channel insider department office bureau redaktion redação redacción rédaction coordenadoria"""
)
_MAX_WORDS = 5


def clean_authors(candidates: Iterable[str], source: str | None = None) -> tuple[str, ...]:
    """Person names out of raw author strings, in order, without duplicates.

    Rejected: links and e-mail addresses, bylines such as "Email the author" or "Staff", the
    outlet's own name, strings with digits, single words, and anything over five words.
    """
    seen: dict[str, str] = {}
    outlet = (source or "").strip().lower()
    for raw in candidates:
        for name in _split(html.unescape(raw)):
            key = name.lower()
            if key not in seen and (not outlet or key not in outlet) and _is_person_name(name):
                seen[key] = name.title() if name.isupper() else name
    return tuple(seen.values())


# "Deutsche Welle (www.dw.com)": a name that carries a web address is an outlet, not a person.
_ADDRESS = re.compile(
    r"(?:https?://|www\.|\b[\w-]+\.(?:com|org|net|de|co\.uk|fr|es|it|ch)\b)", re.I
)


# "Jong, Michiel de", "Kooman, F.": a catalogue's "Surname, Given names" (Dublin Core,
# citation_author) is one person, not two; the surname is one capitalised word.
_INVERTED = re.compile(r"([A-Z][\w'’-]+), ([A-Z][\w'’-]*\.?(?: [\w'’-]+\.?){0,3})")


def _split(raw: str) -> list[str]:
    text = " ".join(raw.split())
    if _ADDRESS.search(text):
        return []
    text = _BY.sub("", text)
    found = []
    for piece in text.split(";"):
        inverted = _INVERTED.fullmatch(piece.strip())
        if inverted and not _words(inverted.group(2).lower()) & _JUNK_WORDS:
            found.append(f"{inverted.group(2)} {inverted.group(1)}")
            continue
        found += [p.strip(" .,:-–—") for p in _SPLIT.split(piece) if p.strip(" .,:-–—")]
    return found


def _is_person_name(name: str) -> bool:
    if "@" in name or "://" in name or any(ch.isdigit() for ch in name):
        return False
    words = name.split()
    if not 2 <= len(words) <= _MAX_WORDS or len(name) > 60:
        return False
    if any(part in _JUNK_WORDS for w in words for part in w.lower().strip(".'’").split("-")):
        return False
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() or w.lower() in _PARTICLES for w in letters)


_PARTICLES = _words("de da del della der di du van von la le al bin ibn dos das y")
