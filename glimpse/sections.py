"""Front-page sections: which desk (World, Business, Sport, …) a story belongs on.

:func:`section_of` is a small, documented cascade over what the store already knows about a
story — its tags (the event, the main place, the main people and organisations), its headline
and summary, and the types of its entities:

1. **Words.** Each section has a list of cue words and phrases (:data:`SECTION_WORDS`). A cue
   found in a tag scores :data:`TAG_WEIGHT`, in the headline :data:`HEADLINE_WEIGHT`, in the
   summary :data:`SUMMARY_WEIGHT`. The section with the highest score wins (ties: the earlier
   section in the mapping) if it reaches :data:`MIN_SCORE`. A desk replaces the mapping in
   ``glimpse.toml``::

       [desk]
       sections = { Climate = ["climate", "emissions"], Sport = ["football", "match"] }

2. **Places.** A story no cue matched but that names a place (a ``PLACE`` entity) goes to
   *World* — unless every place is one of the desk's ``home_places`` (e.g. ``["United
   States", "U.S."]`` for an American desk), which puts it under *National*.
3. Everything else is filed under *More news*.

Hand-written rather than a trained classifier: no model to ship or download, and an editor can
read and change the mapping (the word lists were written from the categories of the
giveme5w1h and UCI datasets: world, business, technology, science, health, sports).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

WORLD, NATIONAL, OTHER = "World", "National", "More news"
TAG_WEIGHT, HEADLINE_WEIGHT, SUMMARY_WEIGHT = 3, 2, 1
MIN_SCORE = 2  # one cue word in the summary alone is not enough to file a story

#: Section → cue words and phrases (lower case; a phrase matches whole words in order).
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "Politics": (
        "election", "elections", "vote", "voters", "ballot", "parliament", "congress", "senate",
        "senator", "campaign", "referendum", "white house", "prime minister", "president",
        "government", "minister", "opposition", "democrats", "republicans", "impeachment",
        "brexit", "lawmakers", "legislation", "coalition", "cabinet",
    ),
    "Business": (
        "business", "market", "markets", "stocks", "shares", "investors", "economy", "economic",
        "bank", "banks", "earnings", "profit", "revenue", "takeover", "merger", "acquisition",
        "deal", "bid", "billion", "ipo", "inflation", "interest rates", "oil prices", "trade",
        "tariffs", "ceo", "company", "retail", "wall street", "dow", "nasdaq", "federal reserve",
    ),
    "Technology": (
        "technology", "tech", "software", "app", "apps", "smartphone", "iphone", "android",
        "google", "apple", "microsoft", "facebook", "amazon", "twitter", "internet", "cyber",
        "hackers", "hack", "data breach", "artificial intelligence", "ai", "robot", "chip",
        "chips", "qualcomm", "broadcom", "intel", "samsung", "tesla", "bitcoin", "startup",
    ),
    "Science": (
        "science", "scientists", "research", "researchers", "study", "nasa", "space", "mars",
        "moon", "planet", "asteroid", "telescope", "spacecraft", "astronauts", "orbit",
        "climate", "species", "fossil", "dinosaur", "physics", "genome", "solar eclipse",
    ),
    "Health": (
        "health", "hospital", "hospitals", "doctors", "patients", "disease", "virus", "vaccine",
        "vaccines", "cancer", "outbreak", "ebola", "flu", "drug", "drugs", "medical", "medicine",
        "obesity", "diabetes", "fda", "nhs", "mental health", "pandemic", "infection",
    ),
    "Sport": (
        "sport", "sports", "football", "soccer", "league", "cup", "world cup", "olympic",
        "olympics", "tennis", "golf", "cricket", "rugby", "nba", "nfl", "mlb", "nhl", "fifa",
        "uefa", "grand prix", "formula one", "f1", "championship", "tournament", "match",
        "coach", "season", "wimbledon", "super bowl", "marathon", "boxing",
    ),
    "Entertainment": (
        "film", "movie", "box office", "actor", "actress", "singer", "album", "concert",
        "oscars", "oscar", "grammy", "hollywood", "celebrity", "tv", "series", "netflix",
        "festival", "music", "divorce", "showtime",
    ),
}  # fmt: skip

_WORD = re.compile(r"[a-z0-9]+(?:['’.-][a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class DeskOptions:
    """The ``[desk]`` keys of ``glimpse.toml``: the section mapping and the desk's home places.

    ``sections`` (section name → cue words) replaces :data:`SECTION_WORDS` when not empty, in
    the order given; ``home_places`` are places that do not make a story *World* news.
    """

    sections: Mapping[str, Sequence[str]] = field(default_factory=dict)
    home_places: Sequence[str] = ()

    def mapping(self) -> dict[str, tuple[str, ...]]:
        if not self.sections:
            return SECTION_WORDS
        return {name: tuple(w.lower() for w in words) for name, words in self.sections.items()}


def words(text: str) -> tuple[str, ...]:
    """Lower-case words of ``text``: ``"U.S. Open"`` → ``("u.s", "open")``."""
    return tuple(_WORD.findall(text.lower().replace("u.s.", "u.s")))


@lru_cache(maxsize=256)
def _split_cues(cues: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """One-word cues as a set (a set lookup each), phrases as padded word runs
    (``"u.s. open"`` → ``" u.s open "``, found by substring)."""
    single, phrases = set(), []
    for cue in cues:
        cue_words = words(cue)
        if len(cue_words) == 1:
            single.add(cue_words[0])
        elif cue_words:
            phrases.append(" " + " ".join(cue_words) + " ")
    return frozenset(single), tuple(phrases)


class _Text:
    """A text's words, as a set and as a padded run, made once for every section's cues."""

    def __init__(self, text: str) -> None:
        found = words(text)
        self.set = frozenset(found)
        self.joined = " " + " ".join(found) + " "

    def hits(self, cues: Sequence[str]) -> int:
        """How many of ``cues`` occur (a phrase: its words in a row)."""
        single, phrases = _split_cues(tuple(cues))
        return len(single & self.set) + sum(1 for p in phrases if p in self.joined)


def section_scores(
    tags: Sequence[str], headline: str, summary: str, mapping: Mapping[str, Sequence[str]]
) -> dict[str, int]:
    """Each section's cue score for one story (step 1 of :func:`section_of`)."""
    tag_text, head, body = _Text(" | ".join(tags)), _Text(headline), _Text(summary)
    return {
        name: TAG_WEIGHT * tag_text.hits(cues)
        + HEADLINE_WEIGHT * head.hits(cues)
        + SUMMARY_WEIGHT * body.hits(cues)
        for name, cues in mapping.items()
    }


def section_of(
    tags: Sequence[str],
    headline: str = "",
    summary: str = "",
    places: Sequence[str] = (),
    options: DeskOptions = DeskOptions(),
) -> str:
    """The section a story belongs to (see the module docstring for the cascade)."""
    scores = section_scores(tags, headline, summary, options.mapping())
    best = max(scores.values(), default=0)
    if best >= MIN_SCORE:
        return next(name for name, score in scores.items() if score == best)
    if places:
        home = {p.lower() for p in options.home_places}
        return NATIONAL if all(p.lower() in home for p in places) else WORLD
    return OTHER


def section_order(options: DeskOptions = DeskOptions()) -> tuple[str, ...]:
    """The order sections appear in on the front page."""
    return (WORLD, NATIONAL, *options.mapping(), OTHER)


#: options_key's answers by the options object they were made for (kept alive with it, so
#: its id is not reused). Options are read from the config once and never changed; a server
#: asks for the key of the same object on every front-page request (a JSON dump and a digest
#: of the whole cue mapping, ~25 µs, each time before this memo).
_KEYS: dict[int, tuple[DeskOptions, str]] = {}


def options_key(options: DeskOptions = DeskOptions()) -> str:
    """A digest of the section mapping and home places: which layout stored sections follow
    (``build`` files each story once; ``serve`` uses them only under the same options)."""
    known = _KEYS.get(id(options))
    if known is not None and known[0] is options:
        return known[1]
    doc = {"sections": options.mapping(), "home": sorted(p.lower() for p in options.home_places)}
    text = json.dumps(doc, sort_keys=False, ensure_ascii=False)
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    if len(_KEYS) >= 64:
        _KEYS.clear()  # a long-lived process that makes options per call: stay small
    _KEYS[id(options)] = (options, key)
    return key
