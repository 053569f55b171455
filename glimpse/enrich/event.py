"""The event tag: what happened, in the words of the sources ("Putin-Kim summit").

A phrase ending in an event noun is taken from the titles and ledes as written; when it names
no one, it is qualified by the two main people (meetings) or the main place, in the forms
the sources use. A tag is returned only if every word in it appears in the sources.
The event-noun list is hand-written: WordNet's noun.event/noun.act classes would do this,
but NLTK data is not available offline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from glimpse.enrich.keyphrases import Word, chunks, zipf
from glimpse.models import Entity

EVENT_NOUNS = frozenset(  # a word list reads better as one string
    """summit talk meeting visit election vote referendum primary launch test attack strike
    bombing shooting explosion blast crash collision earthquake quake tsunami flood
    storm hurricane typhoon cyclone tornado wildfire fire eruption outbreak epidemic
    pandemic protest demonstration riot rally coup war invasion offensive ceasefire
    truce deal agreement accord treaty merger acquisition takeover bankruptcy layoff
    recall lawsuit trial verdict ruling arrest indictment resignation impeachment
    inauguration funeral wedding killing murder kidnapping hijacking rescue evacuation
    spill leak shutdown ban sanction tariff hearing debate investigation probe scandal
    crisis shortage default heatwave drought landslide derailment sinking hack breach
    outage eclipse championship tournament final cup olympics festival conference
    ceremony raid siege massacre execution walkout boycott bailout downgrade hike""".split()  # noqa: SIM905
)
MEETINGS = frozenset(
    {"summit", "talk", "meeting", "visit", "deal", "agreement", "accord", "treaty"}
)


TITLE_WEIGHT = 2.0
DETERMINERS = frozenset({"the", "a", "an"})
VAGUE_ZIPF = 4.5  # "killing of people" says no more than "killing"


def _object(ws: list[Word], of: int, spans: dict[int, int]) -> tuple[Word, ...]:
    """The short, specific noun phrase after "of" at ``of`` ("of the gorilla"), or ()."""
    if of >= len(ws) or ws[of].text.lower() != "of":
        return ()
    start = of + 2 if of + 1 < len(ws) and ws[of + 1].text.lower() in DETERMINERS else of + 1
    end = spans.get(start, start)
    if not 0 < end - start <= 2 or zipf(ws[end - 1].key) >= VAGUE_ZIPF:
        return ()
    return tuple(ws[start:end])


def _phrases(ws: list[Word]) -> list[tuple[Word, ...]]:
    """Noun phrases that end in an event noun: their last three words, and a whole name
    before them ("North Korea missile launch", never "Korea missile launch"). A bare event
    noun takes the object it is "of" ("killing of a gorilla" gives "gorilla killing")."""
    out = []
    found = chunks(ws, 5)
    spans = dict(found)
    for a, b in found:
        if ws[b - 1].key in EVENT_NOUNS:
            start = max(a, b - 3)
            while start > a and ws[start - 1].pos == ws[start].pos == "PROPN":
                start -= 1
            obj = _object(ws, b, spans) if b - start == 1 else ()
            out.append((*obj, *ws[start:b]))
    return out


def _best(titles: Sequence[list[Word]], ledes: Sequence[list[Word]]) -> tuple[Word, ...] | None:
    """The most cited event phrase; its head noun must be used as a noun in a lede.

    Headline case misleads the tagger ("North Korea Fires Missile"), hence the lede check.
    """
    found: Counter[tuple[Word, ...]] = Counter()
    for weight, group in ((TITLE_WEIGHT, titles), (1.0, ledes)):
        for ws in group:
            found.update({p: weight for p in _phrases(ws)})
    in_ledes = {w.key for ws in ledes for w in ws if w.pos == "NOUN"}
    heads: Counter[str] = Counter()
    for phrase, n in found.items():
        if phrase[-1].key in in_ledes:
            heads[phrase[-1].key] += n
    if not heads:
        return None
    head = heads.most_common(1)[0][0]
    options = [(n, len(p) > 1, p) for p, n in found.items() if p[-1].key == head]
    specific = [o for o in options if o[1]] or options
    return max(specific, key=lambda o: o[0])[2]


def _short(entity: Entity, text: str) -> str:
    """The one-word form of a person the sources use most ("Putin", "Kim")."""
    singles = [a for a in entity.aliases if len(a.split()) == 1 and a in text]
    return singles[0] if singles else entity.name.split()[-1]


def _place(entity: Entity, text: str) -> str:
    forms = [f for f in (entity.name, *entity.aliases) if f in text]
    return forms[0] if forms else ""


def _qualifier(head: str, entities: Sequence[Entity], text: str) -> str:
    people = [e for e in entities if e.type == "PERSON"][:2]
    if head in MEETINGS and len(people) == 2:
        return "-".join(_short(p, text) for p in people)
    places = [e for e in entities if e.type == "PLACE"]
    return _place(places[0], text) if places else ""


def from_sources(tag: str, text: str) -> bool:
    """Does every word of ``tag`` appear in ``text`` (case-insensitive)?"""
    vocab = set(re.findall(r"\w+", text.lower()))
    return all(w in vocab for w in re.findall(r"\w+", tag.lower()))


def event_tag(
    titles: Sequence[list[Word]],
    ledes: Sequence[list[Word]],
    entities: Sequence[Entity],
    text: str,
) -> str | None:
    """The event tag from the words of titles and ledes (titles weigh more), or None.

    ``entities`` are the salient ones, most mentioned first; ``text`` is all source text.
    """
    phrase = _best(titles, ledes)
    if phrase is None:
        return None
    words = " ".join(w.text for w in phrase)
    if not any(w.pos == "PROPN" for w in phrase):
        qualifier = _qualifier(phrase[-1].key, entities, text)
        if qualifier and qualifier.lower() not in words.lower():
            if len(phrase) == 1 and words.lower() != phrase[0].key:
                # "North Korea launch", never "North Korea launches" (reads as a headline)
                words = phrase[0].key if from_sources(phrase[0].key, text) else ""
            words = f"{qualifier} {words}" if words else ""
    return words if words and from_sources(words, text) else None


def named_event(entities: Sequence[Entity], titles: str) -> str | None:
    """An event entity a title names ("World Cup"): the fallback when no phrase is found."""
    low = titles.lower()
    for entity in entities:
        if entity.type == "EVENT" and entity.name.lower() in low:
            return entity.name
    return None
