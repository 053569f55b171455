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

import re
from collections.abc import Iterable, Mapping, Sequence
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


@lru_cache(maxsize=4096)
def _cue(phrase: str) -> str:
    """A cue as the padded word run it must match: ``"u.s. open"`` → ``" u.s open "``."""
    return " " + " ".join(words(phrase)) + " "


def _padded(text_words: Sequence[str]) -> str:
    return " " + " ".join(text_words) + " "


def _hits(joined: str, cues: Iterable[str]) -> int:
    """How many of ``cues`` occur in ``joined`` (padded words; a cue phrase: its words in a row)."""
    return sum(1 for cue in cues if _cue(cue) in joined)


def section_scores(
    tags: Sequence[str], headline: str, summary: str, mapping: Mapping[str, Sequence[str]]
) -> dict[str, int]:
    """Each section's cue score for one story (step 1 of :func:`section_of`)."""
    tag_words = _padded(words(" | ".join(tags)))
    head, body = _padded(words(headline)), _padded(words(summary))
    return {
        name: TAG_WEIGHT * _hits(tag_words, cues)
        + HEADLINE_WEIGHT * _hits(head, cues)
        + SUMMARY_WEIGHT * _hits(body, cues)
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
