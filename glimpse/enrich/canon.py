"""Canonical entity names: one entity per real-world thing inside an article or a story.

"Kim", "Kim Jong Un" and "North Korean leader Kim Jong Un" become "Kim Jong Un";
"U.S.", "US" and "United States" become "United States"; "IAEA" joins
"International Atomic Energy Agency" when both are present. Written here because no
trusted library resolves news-style partial names; the rules are deliberately few.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from glimpse.models import Entity

# Common news abbreviations of places and bodies whose full name may never appear.
ALIASES: dict[str, str] = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "e.u.": "European Union",
    "un": "United Nations",
    "u.n.": "United Nations",
    "uae": "United Arab Emirates",
    "dprk": "North Korea",
    "ussr": "Soviet Union",
}
TYPE_ORDER = ("PERSON", "PLACE", "ORG", "EVENT", "PRODUCT", "OTHER")
COMPASS = frozenset({"north", "south", "east", "west"})
MINOR_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})


COMPANY = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "ag", "sa", "nv", "group"})
MIDDLE_INITIAL = re.compile(r"(?<=\S)\s+[A-Z]\.?(?=\s+\S)")  # "Donald J. Trump"


def person_key(name: str) -> str:
    """The comparison key of a person's name without middle initials: "Donald J. Trump" and
    "Donald Trump" are one person."""
    return name_key(MIDDLE_INITIAL.sub("", name))


def is_company(name: str) -> bool:
    """Written with a company suffix ("Qualcomm Inc.", "Broadcom Ltd"): an organisation,
    whatever NER said."""
    words = name.split()
    return len(words) > 1 and words[-1].lower().strip(".,") in COMPANY


def abnormal_case(name: str) -> bool:
    """A drop-cap or label form ("VLADIMIR Putin", "AILSA CHANG"): a word of three or more
    capitals in a name that is not all one acronym."""
    words = name.split()
    return len(words) > 1 and any(len(w) > 2 and w.isalpha() and w.isupper() for w in words)


def name_key(name: str) -> str:
    """Case-, hyphen- and spacing-insensitive comparison key of a name."""
    folded = re.sub(r"[-‐–]", " ", name.lower()).replace("’", "'")
    return " ".join(folded.split())


def resolve_alias(name: str) -> str:
    return ALIASES.get(name_key(name), name)


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in MINOR_WORDS]
    return "".join(w[0] for w in words if w[0].isupper())


@dataclass(slots=True)
class _Group:
    own: Counter[str] = field(default_factory=Counter)  # spellings of the group's own name
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    articles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    cache: dict[str, str] = field(default_factory=dict)  # name and type, read very often

    def add(self, ent: Entity) -> None:
        self.cache.clear()
        self.own[ent.name] += ent.count
        self.names[ent.name] += ent.count
        self.types[ent.type] += ent.count
        self.articles += [a for a in ent.articles if a not in self.articles]
        self.aliases += [a for a in (ent.name, *ent.aliases) if a not in self.aliases]

    def absorb(self, other: _Group) -> None:
        """Take a partial name in; the full name's type stands (NER often mistypes "Kim").

        A person keeps the full name; an organisation the name the sources use most
        ("Goldman Sachs" over "Goldman Sachs Group"), unless that is an acronym.
        """
        mine, theirs = sum(self.own.values()), sum(other.own.values())
        if self.type == "ORG" and theirs > mine and not other.name.isupper():
            self.own = other.own
            self.cache.clear()
        self.names.update(other.names)
        self.articles += [a for a in other.articles if a not in self.articles]
        self.aliases += [a for a in other.aliases if a not in self.aliases]

    @property
    def name(self) -> str:
        """The most used spelling, in normal case when the sources have one."""
        if "name" not in self.cache:
            own = self.own
            self.cache["name"] = min(own, key=lambda n: (abnormal_case(n), -own[n]))
        return self.cache["name"]

    @property
    def type(self) -> str:
        if "type" not in self.cache:
            types = self.types
            kind = max(types, key=lambda t: (types[t], -TYPE_ORDER.index(t)))
            self.cache["type"] = "ORG" if any(is_company(a) for a in self.aliases) else kind
        return self.cache["type"]

    def entity(self) -> Entity:
        name = self.name
        aliases = tuple(a for a in self.aliases if a != name)
        count = sum(self.names.values())
        return Entity(name, self.type, count, tuple(self.articles), aliases)


def _part_of(short: _Group, long: _Group) -> bool:
    """Is ``short`` a partial name of ``long`` (Kim of Kim Jong Un, IAEA of its full name,
    Goldman of Goldman Sachs)? Places are not, Korea is not North Korea, except a bare
    compass word: "the North" in a story naming North Korea is North Korea."""
    s, full = short.name.split(), long.name.split()
    ends = s in (full[: len(s)], full[-len(s) :])
    if short.type == long.type == "PLACE" and len(full) == 2 and s == full[:1]:
        return s[0].lower() in COMPASS  # "the North" of North Korea, "the South" of South Sudan
    # a nationality ("Israeli", NER's NORP) is no part of an organisation's name
    kinds = ("PERSON", "ORG", "OTHER") if long.type in ("PERSON", "OTHER") else ("PERSON", "ORG")
    named = short.type in kinds and len(s) < len(full)
    if long.type == "PERSON" and named:
        return ends
    if long.type == "ORG" and named and len(full) <= len(s) + 2:
        return ends
    if short.name.isupper() and 2 <= len(short.name) <= 6 and long.type != "PERSON":
        return initials(long.name) == short.name
    return False


def _skeleton(word: str) -> str:
    """A word's consonant skeleton: first letter, then the other consonants with doubles
    collapsed ("Mohammed", "Mohamed", "Muhammad" → "mhmd"): how transliterations differ."""
    letters = [c for c in word.lower() if c.isalpha()]
    if not letters:
        return ""
    out = letters[0]
    for c in letters[1:]:
        if c not in "aeiouy" and c != out[-1]:
            out += c
    return out


def _variant(one: _Group, other: _Group) -> bool:
    """Are two full names of a person spellings of one name, as outlets transliterate it
    ("Mohammed Morsi" and "Mohamed Morsi")? Word for word the same skeleton, one word spelt
    the same, every differing word at least 5 letters (so "Jon"/"Jan" never merge), and no
    article names both (one outlet keeps one spelling; two people with near names in one
    story appear side by side)."""
    if not one.type == other.type == "PERSON" or set(one.articles) & set(other.articles):
        return False
    a, b = name_key(one.name).split(), name_key(other.name).split()
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    same = [x == y for x, y in zip(a, b, strict=True)]
    if not any(same):
        return False
    return all(
        ok or (min(len(x), len(y)) >= 5 and _skeleton(x) == _skeleton(y))
        for ok, x, y in zip(same, a, b, strict=True)
    )


def _shape(group: _Group) -> tuple[str, ...]:
    """The skeletons of a person's name words (empty for other kinds): names that may be
    spellings of one another share it, so each is compared with those few only."""
    if group.type != "PERSON":
        return ()
    words = name_key(group.name).split()
    return tuple(_skeleton(w) for w in words) if len(words) > 1 else ()


def _target(short: _Group, longer: list[_Group]) -> _Group | None:
    fits = [g for g in longer if _part_of(short, g)]
    return max(fits, key=lambda g: sum(g.names.values())) if fits else None


def merge_entities(entities: list[Entity]) -> tuple[Entity, ...]:
    """Merge entities that name the same thing; most mentioned first.

    Exact names (after aliases and case/hyphen folding) merge first, then a person's name
    spelt another way by other articles joins it (:func:`_variant`), and a partial name joins
    the most mentioned longer name it is part of.
    """
    groups: dict[str, _Group] = {}
    for ent in entities:
        name = resolve_alias(ent.name)
        if name != ent.name:
            ent = Entity(name, ent.type, ent.count, ent.articles, (ent.name, *ent.aliases))
        key = person_key(ent.name) if ent.type == "PERSON" else name_key(ent.name)
        groups.setdefault(key, _Group()).add(ent)
    ordered = sorted(groups.values(), key=lambda g: -len(g.name.split()))
    kept: list[_Group] = []
    people: dict[tuple[str, ...], list[_Group]] = {}  # kept people by their names' skeletons
    for group in ordered:
        shape = _shape(group)
        spelt = next((g for g in people.get(shape, ()) if _variant(group, g)), None)
        if spelt is not None:  # one person, two spellings: the name the sources use most
            spelt.own.update(group.own)
            spelt.absorb(group)
            spelt.cache.clear()
            continue
        target = _target(group, kept)
        if target is None:
            kept.append(group)
            if shape:
                people.setdefault(shape, []).append(group)
        else:
            target.absorb(group)
    first = {id(g): i for i, g in enumerate(groups.values())}
    kept.sort(key=lambda g: (-sum(g.names.values()), first[id(g)]))
    return tuple(g.entity() for g in kept)
