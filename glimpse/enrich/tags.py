"""The ordered tag list: the event, then places, people, organisations, then topics."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from glimpse.enrich.canon import name_key
from glimpse.enrich.keyphrases import JUNK, singular
from glimpse.enrich.options import TagOptions
from glimpse.enrich.topics import BOILERPLATE, roles_in, topic_flaw
from glimpse.models import Entity

# Wire and photo agencies: credited in the copy, never what a story is about.
AGENCIES = (
    "AP", "Associated Press", "Reuters", "AFP", "Agence France-Presse", "Getty Images",
    "Getty", "EPA", "UPI", "dpa", "EFE", "ANSA", "Xinhua", "PA", "Press Association",
    "PA Wire", "PA Media", "Splash News", "Rex Features", "Shutterstock", "Invision",
)  # fmt: skip


AGENCY_KEYS = frozenset(name_key(a) for a in AGENCIES)
# Where people say things ("said on Twitter"): a tag only when a title names the platform.
PLATFORMS = frozenset(
    "twitter facebook instagram youtube tiktok snapchat reddit whatsapp telegram x".split()  # noqa: SIM905
)
PLACE_MIN_MENTIONS = 3  # in one article, unless a title or the lede names the place


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


def _often(entity: Entity, options: TagOptions) -> bool:
    """Mentioned often enough to matter. A place needs more, or several articles: news
    names places in passing ("cities such as Los Angeles and Oakland have banned…")."""
    if entity.type != "PLACE" or len(entity.articles) > 1:
        return entity.count >= options.min_mentions
    return entity.count >= max(options.min_mentions, PLACE_MIN_MENTIONS)


def salient(entities: Sequence[Entity], titles: str, options: TagOptions) -> list[Entity]:
    """Entities mentioned often enough, or named in a title, most mentioned first."""
    low = titles.lower()
    return [
        e
        for e in entities
        if _often(e, options) or any(f.lower() in low for f in (e.name, *e.aliases) if len(f) > 1)
    ]


def _singular_key(tag: str) -> str:
    return " ".join(singular(w) for w in name_key(tag).split())


def _covered(tag: str, chosen: Sequence[str]) -> bool:
    """Is ``tag`` already said by a chosen tag (same words, or one inside the other,
    plurals folded: "missiles" is said by "ballistic missile")?"""
    key = f" {_singular_key(tag)} "
    for other in chosen:
        okey = f" {_singular_key(other)} "
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


def outlet_keys(outlets: Sequence[str | None]) -> frozenset[str]:
    """Comparison keys of the articles' outlets and the wire agencies."""
    keys = {re.sub(r"^the ", "", name_key(o)) for o in outlets if o}
    return frozenset(keys) | AGENCY_KEYS


def _is_outlet(name: str, outlets: frozenset[str]) -> bool:
    """Is an organisation the outlet or agency that wrote or pictured the story ("CNN",
    "The New York Times" for "New York Times", "CNN" for "CNN Money")?"""
    key = re.sub(r"^the ", "", name_key(name))
    return key in outlets or any(
        o.startswith(f"{key} ") or key.startswith(f"{o} ") for o in outlets
    )


def _names(entities: Sequence[Entity]) -> set[str]:
    return {name_key(f) for e in entities for f in (e.name, *e.aliases)}


def _said_of(name: str, titles: str) -> bool:
    """False for a platform ("Twitter") that no title names: the medium, not the story."""
    return name.lower() not in PLATFORMS or count_words(name, titles) > 0


def count_words(name: str, text: str) -> int:
    """Whole-word occurrences of ``name`` in ``text`` (no regex: names vary, compiling
    one pattern per name cost a fifth of tagging time)."""
    n, at = 0, text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            n += 1
        at = text.find(name, at + 1)
    return n


@functools.lru_cache(maxsize=64)
def _staff_pattern(outlets: frozenset[str]) -> re.Pattern[str]:
    said = "|".join(re.escape(o) for o in sorted(outlets, key=len, reverse=True))
    own = rf"(?i:(?:the\s+)?(?:{said})['’]s)"  # outlet keys are lowercase
    name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    return re.compile(
        rf"\b{own}\s+(?:[a-z-]+\s+){{0,3}}({name})|\b({name})\s+(?:is|was)\s+(?:an?\s+)?{own}"
    )


def staff_names(text: str, outlets: frozenset[str]) -> str:
    """Names written as an outlet's journalists ("NPR's Ofeibea Quist-Arcton", "Kelly
    Wallace is CNN's …"), one a line."""
    if not text or not outlets:
        return ""
    return "\n".join(a or b for a, b in _staff_pattern(outlets).findall(text))


def _person_forms(entities: Sequence[Entity]) -> list[str]:
    people = [e for e in entities if e.type == "PERSON"]
    return [f for e in people for f in (e.name, *e.aliases, *e.name.split())]


def build_tags(
    event: str | None,
    entities: Sequence[Entity],
    keyphrases: Sequence[str],
    options: TagOptions,
    known: Sequence[Entity] = (),
    *,
    text: str = "",
    titles: str = "",
    outlets: frozenset[str] = AGENCY_KEYS,
) -> tuple[str, ...]:
    """At most ``options.max_tags`` tags in editor's order, without duplicates.

    ``entities`` are the salient ones; a keyphrase naming any ``known`` entity is no topic.
    ``text`` is the source text (topics must be said often enough in it), ``titles`` the
    titles, one a line (places named by more titles come first: the missiles flew toward
    Japan, however often South Korea is quoted), ``outlets`` the keys of the outlets and agencies
    (:func:`outlet_keys`) that are never organisation tags.
    """
    quotas = [
        ("PLACE", options.max_places),
        ("PERSON", options.max_people),
        ("ORG", options.max_orgs),
    ]
    picked: list[str] = [event] if event and valid_tag(event) else []
    staff = staff_names(text, outlets)
    for kind, quota in quotas:
        names = [e.name for e in entities if e.type == kind and not _is_outlet(e.name, outlets)]
        names = [n for n in names if not BOILERPLATE.search(n) and _said_of(n, titles)]
        names = [n for n in names if not count_words(n, staff)]
        if kind == "PERSON":  # a full name, or one a title uses ("Lmao", "Twitter": NER slips)
            names = [n for n in names if " " in n or count_words(n, titles)]
        if kind == "PLACE":
            names.sort(key=lambda n: -count_words(n, titles))
        picked += [n for n in names if valid_tag(n) and n not in picked][:quota]
    known_names = _names([*entities, *known])
    roles: frozenset[str] | None = None  # found only when a one-word topic needs them
    for phrase in keyphrases:
        if _names_someone(phrase, known_names) or _unknown_name(phrase):
            continue
        if roles is None and " " not in phrase:
            roles = roles_in(text, _person_forms([*entities, *known]))
        if topic_flaw(phrase, text, roles or frozenset()) or _is_outlet(phrase, outlets):
            continue
        if valid_tag(phrase) and not _covered(phrase, picked):
            picked.append(phrase)
    out: list[str] = []
    for tag in picked:
        if name_key(tag) not in {name_key(t) for t in out}:
            out.append(tag)
    return tuple(out[: options.max_tags])
