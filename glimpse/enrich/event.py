"""The event tag: what happened, in the words of the sources ("Putin–Kim summit").

The event noun the titles and ledes agree on most ("bid", used by most sources for Broadcom's
offer) is qualified by the names the sources write in the same sentences as that noun: the
one or two people or organisations taking part ("Broadcom raises bid for Qualcomm" gives
"Broadcom–Qualcomm bid"), else the place ("North Korea missile launch"). Noun modifiers the
sources agree on stay ("missile launch"); adjectives ("hostile bid") do not. With no
agreed noun or no name beside it there is no event tag: a bare "summit" tells a reader
nothing, and a name the sources never put beside the event would be invented.
The event-noun list is hand-written: WordNet's noun.event/noun.act classes would do this,
but NLTK data is not available offline.
"""

from __future__ import annotations

import math
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
    ceremony raid siege massacre execution walkout boycott bailout downgrade hike bid
    split breakup snowfall snowstorm blizzard win victory defeat rout firing sacking
    dismissal ouster""".split()  # noqa: SIM905
)
TITLE_WEIGHT = 2.0
DETERMINERS = frozenset({"the", "a", "an"})
VAGUE_ZIPF = 4.5  # "killing of people" says no more than "killing"
ACTORS = ("PERSON", "ORG")
SENTENCE_ENDS = frozenset({".", "!", "?"})
DASH = "–"  # between two names: "Broadcom–Qualcomm bid"


def _object(ws: list[Word], of: int, spans: dict[int, int]) -> tuple[Word, ...]:
    """The short, specific noun phrase after "of" at ``of`` ("of the gorilla"), or ()."""
    if of >= len(ws) or ws[of].text.lower() != "of":
        return ()
    start = of + 2 if of + 1 < len(ws) and ws[of + 1].text.lower() in DETERMINERS else of + 1
    end = spans.get(start, start)
    if not 0 < end - start <= 2 or zipf(ws[end - 1].key) >= VAGUE_ZIPF:
        return ()
    return tuple(ws[start:end])


def _phrases(ws: list[Word]) -> list[tuple[tuple[str, ...], str, str]]:
    """(noun modifiers, head, head as written) of the noun phrases ending in an event noun:
    "missile launches" gives (("missile",), "launch", "launches"); a bare event noun takes
    the object it is "of" ("killing of a gorilla" gives (("gorilla",), "killing", …)).
    Adjectives and names are not kept: names come back as qualifiers, adjectives
    ("hostile", "failed") are the writer's view."""
    out = []
    found = chunks(ws, 5)
    spans = dict(found)
    for a, b in found:
        head = ws[b - 1]
        if head.key not in EVENT_NOUNS or head.pos != "NOUN":
            continue
        mods = tuple(w.key for w in ws[max(a, b - 3) : b - 1] if w.pos == "NOUN")
        obj = () if mods else tuple(w.key for w in _object(ws, b, spans) if w.pos == "NOUN")
        out.append(((*obj, *mods), head.key, head.text.lower()))
    return out


def _sentences(ws: list[Word]) -> list[list[Word]]:
    out: list[list[Word]] = [[]]
    for w in ws:
        out[-1].append(w)
        if w.text in SENTENCE_ENDS:
            out.append([])
    return [s for s in out if s]


class _Uses:
    """Where each event noun is used: by which articles (and by which titles), how often,
    with which modifiers, in which sentences (lowercased)."""

    def __init__(self) -> None:
        self.titles: dict[str, set[int]] = {}
        self.articles: dict[str, set[int]] = {}
        self.score: dict[str, float] = {}
        self.mods: dict[str, Counter[tuple[str, ...]]] = {}
        self.sentences: dict[str, list[tuple[int, str]]] = {}
        self.surfaces: dict[str, Counter[str]] = {}  # "talks", never its singular "talk"

    def add(self, article: int, ws: list[Word], weight: float) -> None:
        for sentence in _sentences(ws):
            text = " ".join(w.text for w in sentence).lower()
            for mods, head, surface in _phrases(sentence):
                self.surfaces.setdefault(head, Counter())[surface] += 1
                if weight == TITLE_WEIGHT:
                    self.titles.setdefault(head, set()).add(article)
                self.articles.setdefault(head, set()).add(article)
                self.score[head] = self.score.get(head, 0.0) + weight
                self.mods.setdefault(head, Counter())[mods] += 1
                self.sentences.setdefault(head, []).append((article, text))


def _agreed_head(uses: _Uses, ledes: Sequence[list[Word]], n: int) -> str | None:
    """The event noun most titles use, then most articles (the titles name the event: a
    lede may speak of the "largest technology deal" where the titles say "bid"); used as a
    noun in a lede (headline case misleads the tagger: "North Korea Fires Missile"), and by
    at least two articles when there are two."""
    in_ledes = {w.key for ws in ledes for w in ws if w.pos == "NOUN"}
    heads = [h for h in uses.articles if h in in_ledes and len(uses.articles[h]) >= min(2, n)]
    if not heads:
        return None
    titled = uses.titles
    return max(heads, key=lambda h: (len(titled.get(h, ())), len(uses.articles[h]), uses.score[h]))


def _forms(entity: Entity) -> list[str]:
    return [f for f in (entity.name, *entity.aliases) if len(f) > 1 and not f.islower()]


def _mentions(form: str, sentence: str) -> int:
    """Where ``form`` (any case, whole words) starts in a lowercased sentence, or -1."""
    found = re.search(rf"(?<!\w){re.escape(form.lower())}(?!\w)", sentence)
    return found.start() if found else -1


def _beside(entity: Entity, sentences: list[tuple[int, str]]) -> tuple[int, float]:
    """In how many articles ``entity`` is named in a sentence with the event noun, and
    where in those sentences on average (to order two names as the sources do)."""
    articles, places = set(), []
    for article, sentence in sentences:
        at = [p for p in (_mentions(f, sentence) for f in _forms(entity)) if p >= 0]
        if at:
            articles.add(article)
            places.append(min(at) / max(len(sentence), 1))
    return len(articles), (sum(places) / len(places) if places else 1.0)


def _short(entity: Entity, sentences: list[tuple[int, str]]) -> str:
    """The form to name ``entity`` by in the tag: a person's surname, a place's name, or
    the shortest form the event sentences use ("Qualcomm" for "Qualcomm Inc")."""
    if entity.type == "PERSON":
        singles = [a for a in entity.aliases if len(a.split()) == 1 and a[:1].isupper()]
        return singles[0] if singles else entity.name.split()[-1]
    used = [f for f in _forms(entity) if any(_mentions(f, s) >= 0 for _, s in sentences)]
    if entity.type == "PLACE":  # "North Korea", never its short "North"
        return entity.name if entity.name in used or not used else max(used, key=len)
    return min(used or [entity.name], key=lambda f: (len(f.split()), f.isupper(), len(f)))


def _qualifier(entities: Sequence[Entity], sentences: list[tuple[int, str]], n: int) -> str:
    """Up to two people or organisations named beside the event noun in at least half the
    articles that use it, in the sources' order; else the place named beside it most."""
    need = max(1, math.ceil(n / 2))
    beside = {id(e): _beside(e, sentences) for e in entities}
    named = [e for e in entities if beside[id(e)][0] >= need]
    actors = [e for e in named if e.type in ACTORS]
    actors = sorted(actors, key=lambda e: -beside[id(e)][0])[:2]
    if actors:
        actors.sort(key=lambda e: beside[id(e)][1])
        return DASH.join(_short(e, sentences) for e in actors)
    places = sorted((e for e in named if e.type == "PLACE"), key=lambda e: -beside[id(e)][0])
    return _short(places[0], sentences) if places else ""


def _own_name(
    qualifier: str, entities: Sequence[Entity], titles: Sequence[list[Word]], n: int
) -> str | None:
    """A longer name, taking in the qualifier, that more titles use than the articles using
    the event noun: the event's own name ("Panama Papers" rather than "Panama leak")."""
    texts = [" ".join(w.text for w in ws).lower() for ws in titles]
    for entity in entities:
        name = entity.name
        if entity.type == "PERSON" or len(name) <= len(qualifier) or qualifier not in name:
            continue
        if sum(_mentions(name, t) >= 0 for t in texts) > max(n, 1):
            return name
    return None


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
    """The event tag from the words of titles and ledes (``titles[i]`` and ``ledes[i]`` are
    one article's), or None.

    ``entities`` are the salient ones, most mentioned first; ``text`` is all source text.
    """
    uses = _Uses()
    for i, ws in enumerate(titles):
        uses.add(i, ws, TITLE_WEIGHT)
    for i, ws in enumerate(ledes):
        uses.add(i, ws, 1.0)
    head = _agreed_head(uses, ledes, max(len(titles), len(ledes)))
    if head is None:
        return None
    n = len(uses.articles[head])
    agreed = [m for m, k in uses.mods[head].most_common() if m and k >= min(2, n)]
    qualifier = _qualifier(entities, uses.sentences[head], n)
    if not qualifier:
        return None
    own = _own_name(qualifier, entities, titles, n)
    if own:
        return own
    written = uses.surfaces[head]
    noun = head if head in written else written.most_common(1)[0][0]  # "talks" stays plural
    words = " ".join((qualifier, *(agreed[0] if agreed else ()), noun))
    return words if from_sources(words, text) else None


def named_event(entities: Sequence[Entity], titles: str) -> str | None:
    """An event entity a title names ("World Cup"): the fallback when no phrase is found."""
    low = titles.lower()
    for entity in entities:
        if entity.type == "EVENT" and entity.name.lower() in low:
            return entity.name
    return None
