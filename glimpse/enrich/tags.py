"""The ordered tag list: the event, then places, people, organisations, then topics."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from glimpse.enrich.canon import name_key
from glimpse.enrich.keyphrases import JUNK, zipf
from glimpse.enrich.options import TagOptions
from glimpse.models import Entity

VAGUE_ZIPF = 4.5  # background frequency from which a single word is too common to be a topic


@functools.cache
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # imported late: spacy is heavy

    return frozenset(STOP_WORDS)


def valid_tag(tag: str) -> bool:
    """Not empty, not a number or date-like string, not made of stop words only."""
    words = re.findall(r"[\w'’.-]+", tag.lower())
    if not words or not any(c.isalpha() for c in tag) or JUNK.search(tag):
        return False
    return not all(w.strip(".'’-") in stop_words() for w in words)


def salient(entities: Sequence[Entity], titles: str, options: TagOptions) -> list[Entity]:
    """Entities mentioned often enough, or named in a title, most mentioned first."""
    low = titles.lower()
    return [
        e
        for e in entities
        if e.count >= options.min_mentions
        or any(f.lower() in low for f in (e.name, *e.aliases) if len(f) > 1)
    ]


def _covered(tag: str, chosen: Sequence[str]) -> bool:
    """Is ``tag`` already said by a chosen tag (same words, or one inside the other)?"""
    key = f" {name_key(tag)} "
    for other in chosen:
        okey = f" {name_key(other)} "
        if key in okey or okey in key:
            return True
    return False


def _names_someone(phrase: str, names: set[str]) -> bool:
    """Does a keyphrase name a known entity ("Tokyo flight")? Entities have their own slots."""
    key = f" {name_key(phrase)} "
    return any(f" {n} " in key for n in names)


def _unknown_name(phrase: str) -> bool:
    """All words capitalised but no known entity: a name NER missed, or headline case."""
    return all(w[:1].isupper() for w in phrase.split())


def _vague(phrase: str) -> bool:
    """A one-word topic as common as "woman" or "death" tells a reader nothing."""
    words = phrase.split()
    return len(words) == 1 and zipf(words[0].lower()) >= VAGUE_ZIPF


def _names(entities: Sequence[Entity]) -> set[str]:
    return {name_key(f) for e in entities for f in (e.name, *e.aliases)}


def build_tags(
    event: str | None,
    entities: Sequence[Entity],
    keyphrases: Sequence[str],
    options: TagOptions,
    known: Sequence[Entity] = (),
) -> tuple[str, ...]:
    """At most ``options.max_tags`` tags in editor's order, without duplicates.

    ``entities`` are the salient ones; a keyphrase naming any ``known`` entity is no topic.
    """
    quotas = [
        ("PLACE", options.max_places),
        ("PERSON", options.max_people),
        ("ORG", options.max_orgs),
    ]
    picked: list[str] = [event] if event and valid_tag(event) else []
    for kind, quota in quotas:
        names = [e.name for e in entities if e.type == kind]
        picked += [n for n in names if valid_tag(n) and n not in picked][:quota]
    known_names = _names([*entities, *known])
    for phrase in keyphrases:
        if _names_someone(phrase, known_names) or _unknown_name(phrase) or _vague(phrase):
            continue
        if valid_tag(phrase) and not _covered(phrase, picked):
            picked.append(phrase)
    out: list[str] = []
    for tag in picked:
        if name_key(tag) not in {name_key(t) for t in out}:
            out.append(tag)
    return tuple(out[: options.max_tags])
