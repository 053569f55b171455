"""The ordered tag list: the event, the main place, then the main people and organisations."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from glimpse.enrich.canon import name_key
from glimpse.enrich.keyphrases import JUNK
from glimpse.enrich.lexicon import can_be_noun, is_word
from glimpse.enrich.options import TagOptions
from glimpse.enrich.topics import BOILERPLATE, is_role
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
# Lowercase words inside names: "Bank of England", "Leonardo da Vinci", "Osama bin Laden".
NAME_PARTICLES = frozenset(
    "of the and for on in at de da di du del la le van von der den bin al el y & upon".split()  # noqa: SIM905
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


# A domain label is the outlet's name without spaces, maybe with one of these words:
# "abcnews" is ABC News, "ctvnews" is CTV, "nflnetwork" would be NFL Network.
MEDIA_WORDS = ("news", "network", "online", "tv", "money", "media", "times", "daily")
SUBDOMAINS = frozenset({"www", "edition", "m", "amp", "uk", "us", "europe", "africa", "news"})


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the ", "", name_key(name)))


def _domain_labels(source: str) -> set[str]:
    """ "www.nytimes.com" → {"nytimes"}; "money.cnn.com" → {"money", "cnn"}; a name → {}."""
    if " " in source or "." not in source:
        return set()
    labels = source.lower().split(".")[:-1]
    labels = labels[:-1] if len(labels) > 1 and labels[-1] in ("co", "com", "ac") else labels
    return {f"~{label}" for label in labels if label not in SUBDOMAINS and len(label) > 1}


def outlet_keys(outlets: Sequence[str | None]) -> frozenset[str]:
    """Comparison keys of the articles' outlets (names, or the labels of their domains,
    marked "~") and the wire agencies."""
    keys = {re.sub(r"^the ", "", name_key(o)) for o in outlets if o}
    keys |= {label for o in outlets if o for label in _domain_labels(o)}
    return frozenset(keys) | AGENCY_KEYS


def _is_domain_of(name: str, label: str) -> bool:
    """Is ``name`` the outlet of a domain label: "ABC News" of abcnews, "The Sun" of thesun,
    "New York Times" of nytimes, "CTV" of ctvnews?"""
    squashed, words = _squash(name), re.sub(r"^the ", "", name_key(name)).split()
    if not squashed:
        return False
    short = "".join(w[0] for w in words[:-1]) + (words[-1] if words else "")
    forms = {squashed, f"the{squashed}", short}
    with_word = {f"{f}{w}" for f in (label, *forms) for w in MEDIA_WORDS}
    return label in forms or bool(with_word & {label, *forms})


def is_outlet(name: str, outlets: frozenset[str]) -> bool:
    """Is an organisation the outlet or agency that wrote or pictured the story ("CNN",
    "The New York Times" for "New York Times", "CNN" for "CNN Money", "ABC News" for
    abcnews.go.com)?"""
    key = re.sub(r"^the ", "", name_key(name))
    if key in outlets or any(o.startswith(f"{key} ") or key.startswith(f"{o} ") for o in outlets):
        return True
    return any(_is_domain_of(name, o[1:]) for o in outlets if o.startswith("~"))


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


# What a journalist is called before the name, capitalised ("Chief Correspondent …").
JOURNALISTS = (
    r"(?i:insider|correspondent|reporter|editor|anchor|host|columnist|analyst|writer)"
    r"(?:\s+(?i:insider|correspondent|reporter|editor|anchor|host|columnist))?"
)


@functools.lru_cache(maxsize=64)
def _staff_pattern(outlets: frozenset[str]) -> re.Pattern[str]:
    names = {o.lstrip("~") for o in outlets}
    said = "|".join(re.escape(o) for o in sorted(names, key=len, reverse=True))
    media = "|".join(MEDIA_WORDS)  # "NFL Network's Ian Rapoport" of nfl.com
    outlet = rf"(?i:(?:the\s+)?(?:{said})(?:\s+(?:{media}))?)"  # outlet keys are lowercase
    own = rf"{outlet}['’]s"
    name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}"
    roles = rf"(?:(?:[a-z-]+|{JOURNALISTS})\s+){{0,3}}"
    return re.compile(
        rf"\b{own}\s+{roles}({name})|\b({name})\s+(?:is|was)\s+(?:an?\s+)?{own}"
        rf"|\b{outlet}\s+(?:{JOURNALISTS})\s+({name})"  # "NFL Network Insider Ian Rapoport"
    )


def staff_names(text: str, outlets: frozenset[str]) -> str:
    """Names written as an outlet's journalists ("NPR's Ofeibea Quist-Arcton", "Kelly
    Wallace is CNN's …"), one a line."""
    if not text or not outlets:
        return ""
    return "\n".join(a or b or c for a, b, c in _staff_pattern(outlets).findall(text))


def common_word(name: str, text: str) -> bool:
    """A one-word dictionary word the sources also write in lowercase ("Snow", "Actress",
    "lap"), or capitalise only where a sentence or a label starts ("Media"): a common word
    NER took for a name."""
    if " " in name or not name.isalpha() or name.isupper():
        return False
    low = name.lower()
    if not is_word(low):
        return False
    lowercase = re.search(rf"\b{low}\b", text) is not None
    return lowercase or re.search(rf"[\w,;] {name}\b", text) is None  # never mid-sentence


def fragment(entity: Entity, known: Sequence[Entity]) -> bool:
    """A one-word person or organisation that is part of a longer name in the story, not a
    name of its own: a first name or surname of another person ("Bassem" of Bassem Tamimi),
    or the end of an organisation's name ("Bears" of Chicago Bears)."""
    if " " in entity.name:
        return False
    word, mine = entity.name.lower(), {name_key(f) for f in (entity.name, *entity.aliases)}
    if entity.type == "PLACE" and not word.endswith("s"):  # a team is plural: "Bears"
        return False
    for other in known:
        if name_key(other.name) in mine or other.type == "PLACE":
            continue
        words = name_key(other.name).split()
        if len(words) > 1 and (words[-1] == word or (other.type == "PERSON" and words[0] == word)):
            return True
    return False


def demonym(name: str, known: Sequence[Entity]) -> bool:
    """A nationality NER took for a name ("Israeli", "Angolan", "Chinese"): one word that
    starts like a place of the story and is longer than it."""
    places = [e.name for e in known if e.type == "PLACE" and " " not in e.name]
    return " " not in name and any(
        len(name) > len(p) and name.startswith(p[: max(4, len(p) - 2)]) for p in places
    )


def headline_words(name: str, text: str) -> bool:
    """A name that starts with a word having no noun reading ("Shattered Antarctic",
    "Add Weather") and never stands inside a sentence: words of a headline or a prompt."""
    first = name.split()[0]
    if " " not in name or not first.isalpha() or can_be_noun(first) or not is_word(first):
        return False
    return re.search(rf"[\w,;] {re.escape(name)}\b", text) is None


def short_person(name: str, text: str) -> bool:
    """A one-word name written right after a role noun ("her father Bassem", "comedian
    Silverman"): a person named in short, whatever NER typed it."""
    if " " in name:
        return False
    return any(is_role(w) for w in re.findall(rf"\b([a-z]+) {re.escape(name)}\b", text))


# Two-letter codes that are names in news copy; any other one- or two-letter capitals token
# ("GS", "AC") is an abbreviation a page used in passing, a ticker or a label, not a tag.
KNOWN_CODES = frozenset("US UK EU UN IS AU NZ HK DC NY LA SF".split())  # noqa: SIM905
SHORT_CAPS = re.compile(r"[A-Z]{1,2}")


def short_code(name: str) -> bool:
    """A one- or two-letter capitals token that is not a known country or organisation code."""
    bare = name.replace(".", "")
    return SHORT_CAPS.fullmatch(bare) is not None and bare not in KNOWN_CODES


def _junk(entity: Entity, known: Sequence[Entity], text: str, titles: str) -> bool:
    """Not a tag: page furniture, a platform, a common word, a nationality, headline words,
    a part of a longer name, a person without a full name (unless a title uses it) or with
    digits ("HA446")."""
    name = entity.name
    if BOILERPLATE.search(name) or not _said_of(name, titles) or not valid_tag(name):
        return True
    if short_code(name):
        return True
    if " - " in name or " | " in name:  # a page title run into a name
        return True
    if not re.search(rf"(?<![\"“‘'])\b{re.escape(name)}\b", f"{text}\n{titles}"):
        return True  # only ever in quotes: a nickname ("the 'Palestinian Joan of Arc'")
    if any(w.islower() and w not in NAME_PARTICLES for w in name.split()):
        return True  # a phrase, not a name: "Australia beach"
    if common_word(name, text) or fragment(entity, known) or demonym(name, known):
        return True
    if headline_words(name, f"{text}\n{titles}"):
        return True
    if entity.type == "PERSON" or short_person(name, text):
        return any(c.isdigit() for c in name) or (" " not in name and not count_words(name, titles))
    return False


def place_like(entity: Entity, places: Sequence[Entity], text: str) -> bool:
    """A one-word name written like a town, "<name>, <place>" ("Erie, Pennsylvania"),
    whatever NER typed it."""
    if " " in entity.name or entity.type == "PLACE" or not places:
        return False
    wider = "|".join(re.escape(p.name) for p in places if p is not entity)
    town = re.escape(entity.name)
    return bool(wider) and re.search(rf"\b{town}, (?:{wider})\b", text) is not None


def _in_lines(entity: Entity, lines: Sequence[str]) -> int:
    forms = [f for f in (entity.name, *entity.aliases) if len(f) > 1]
    return sum(1 for line in lines if any(count_words(f, line) for f in forms))


def _places(places: Sequence[Entity], titles: str, ledes: str, quota: int) -> list[str]:
    """The main places: named by most titles, then most ledes. A place no title names needs
    half the ledes (a place said in passing is no tag)."""
    title_lines, lede_lines = titles.split("\n"), [x for x in ledes.split("\n") if x.strip()]
    support = {id(p): (_in_lines(p, title_lines), _in_lines(p, lede_lines)) for p in places}
    half = max(1, len(lede_lines) // 2)
    ranked = sorted(places, key=lambda p: (-support[id(p)][0], -support[id(p)][1]))
    out: list[str] = []
    for place in ranked:
        in_titles, in_ledes = support[id(place)]
        if len(out) < quota and (in_titles or in_ledes >= half):
            out.append(place.name)
    return out


def _actors(
    entities: Sequence[Entity], options: TagOptions, titles: str, articles: int
) -> list[str]:
    """People and organisations, most mentioned first, within their quotas; in a story of
    three or more articles, each named by two of them or by a title."""
    quota = {"PERSON": options.max_people, "ORG": options.max_orgs}
    out: list[str] = []
    for entity in entities:
        if entity.type not in quota or quota[entity.type] <= 0:
            continue
        shared = articles < 3 or len(entity.articles) > 1 or count_words(entity.name, titles)
        if shared:
            quota[entity.type] -= 1
            out.append(entity.name)
    return out


def tag_worthy(
    entities: Sequence[Entity],
    known: Sequence[Entity] = (),
    *,
    text: str = "",
    titles: str = "",
    outlets: frozenset[str] = AGENCY_KEYS,
) -> list[Entity]:
    """The ``entities`` that may be tags or name the event: no outlet, no outlet's
    journalist, no junk (see :func:`_junk`)."""
    staff = staff_names(text, outlets)
    return [
        e
        for e in entities
        if not is_outlet(e.name, outlets)
        and not count_words(e.name, staff)
        and not _junk(e, [*entities, *known], text, titles)
    ]


SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n+")


def sentences_naming(entity: Entity, text: str) -> int:
    """How many sentences of ``text`` name ``entity`` (any of its forms)."""
    forms = sorted({f for f in (entity.name, *entity.aliases) if len(f) > 1}, key=len)
    if not forms:
        return 0
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    hits: set[int] = set()
    for form in forms:
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            whole = (at == 0 or not text[at - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            )
            if whole:
                hits.add(bisect.bisect_right(ends, at))
            at = text.find(form, at + 1)
    return len(hits)


def supported(entity: Entity, text: str, core: str) -> bool:
    """Whether the story stands behind ``entity`` as a tag: more than one source names it, or
    its core (a title or lede, ``core``) does, or more than one sentence of ``text``. A name
    one sentence of one page gives (a football club in a sidebar of a moon story) is not."""
    if len(entity.articles) > 1:
        return True
    if any(count_words(f, core) for f in (entity.name, *entity.aliases) if len(f) > 1):
        return True
    return sentences_naming(entity, text) > 1


def build_tags(
    event: str | None,
    entities: Sequence[Entity],
    options: TagOptions,
    *,
    text: str = "",
    titles: str = "",
    ledes: str = "",
    outlets: frozenset[str] = AGENCY_KEYS,
    articles: int = 1,
) -> tuple[str, ...]:
    """At most ``options.max_tags`` tags in an editor's order: the event, the main place,
    then the main people and organisations by salience. Names only: a topic word is a
    keyphrase, not a tag.

    ``entities`` are the salient, tag-worthy ones (:func:`tag_worthy`), most mentioned
    first. ``text`` is the source text, ``titles`` and ``ledes`` the titles and ledes, one
    an article a line (places named by more titles come first: the missiles flew toward
    Japan, however often South Korea is quoted), ``outlets`` the keys of the outlets and
    agencies (:func:`outlet_keys`), ``articles`` how many articles the story has.
    """
    core = f"{titles}\n{ledes}"
    entities = [e for e in entities if supported(e, text, core)] if text else list(entities)
    places = [e for e in entities if e.type == "PLACE"]
    towns = [e for e in entities if place_like(e, places, text)]
    places = sorted([*places, *towns], key=lambda e: -e.count)
    actors = [e for e in entities if e not in towns]
    picked = [event] if event and valid_tag(event) and not is_outlet(event, outlets) else []
    picked += _places(places, titles, ledes or text[:2000], options.max_places)
    picked += _actors(actors, options, titles, articles)
    out: list[str] = []
    for tag in picked:
        if name_key(tag) not in {name_key(t) for t in out}:
            out.append(tag)
    return tuple(out[: options.max_tags])
