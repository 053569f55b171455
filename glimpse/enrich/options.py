"""Typed options of the enrich stage (``enrich.*`` keys), packaged defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TagOptions:
    """Weights of the keyphrase ranker and the limits of the tag list.

    The keyphrase weights were tuned on half of the DUC-2001 development documents and the
    kpcrowd-500n train split (see ``bench/keyphrases.py``), never per item.
    """

    # keyphrases: score = sum(word tf^tf_power * idf) * position * entity * title boosts
    tf_power: float = 1.25
    idf_ceiling: float = 6.0  # idf(word) = max(idf_floor, idf_ceiling - zipf frequency)
    idf_floor: float = 0.1
    position_weight: float = 8.0  # boost for a phrase that first appears early
    position_scale: float = 30.0  # in words: how fast the early-position boost decays
    entity_boost: float = -0.2  # tuned: reader keyphrases favour concepts over names
    title_boost: float = 2.0
    max_words: int = 5  # longer noun phrases are rarely keyphrases
    dedupe: bool = False  # drop a phrase whose words are all inside a better one
    # tags
    max_tags: int = 6  # a wire brief carries 4-6 tags
    max_places: int = 2
    max_people: int = 2
    max_orgs: int = 2
    min_mentions: int = 2  # an entity seen once only becomes a tag when it is in the title
