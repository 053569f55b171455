"""Disagreements between sources: different figures for the same thing ("50 dead" vs "59 dead").

:func:`find_conflicts` compares the figures (:func:`glimpse.compose.figures.figures`) of a
story's articles; :func:`locate_conflicts` points each conflict at the brief sentence that states
one of its figures; :func:`disputed` and :func:`newest_value` let a selector avoid stating two
figures side by side and prefer the newest one. It is conservative on purpose: a false conflict
(two different tolls read as one disputed toll) misleads more than a missed one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from glimpse.compose.amounts import years
from glimpse.compose.figures import FAMILY_WORDS, PEOPLE, Figure, figures, same_figure
from glimpse.compose.terms import content_words
from glimpse.models import Article, BriefSentence, Conflict, ConflictValue

__all__ = [
    "Figure",
    "disputed",
    "figures",
    "find_conflicts",
    "locate_conflicts",
    "newest_value",
    "other_toll",
    "stated_value",
]

# Two figures are about the same thing when their sentences share this many distinctive
# content words (besides the figure itself, and besides the words most of the story's articles
# use) and this share of the shorter sentence's distinctive words.
MIN_SHARED = 2
MIN_SHARE = 0.2
# A story has one toll of its own: casualty-like figures also match when neither sentence names
# anyone or anything (a capitalised word) the other does not and the story does not commonly.
EVENT_FAMILIES = frozenset({"dead", "injured", "missing", "arrested", "evacuated", "affected"})
NAME = re.compile(r"(?<=\s)[A-Z][\w'’.-]+")
# Who gives a figure is not what it counts: a run of capitalised words right before a reporting
# verb ("Interior Minister Bernard Cazeneuve said 80 ...", "with Hollande saying 77 ...") or
# right after one ("..., according to Nice-Matin") names a source, not another event.
_RUN = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*"
SPEAKER = re.compile(
    rf"{_RUN}(?=,?\s+(?:said|says|saying|told|tells|confirmed|added|announced|wrote|reported)\b)"
    rf"|(?<=according to\s){_RUN}|(?<=said\s){_RUN}|(?<=, says\s){_RUN}"
)
_EPOCH = datetime.min.replace(tzinfo=UTC)
# Words of the figure itself, not of what the sentence is about.
_FIGURE_WORDS = frozenset(
    content_words(" ".join([*FAMILY_WORDS, *PEOPLE, "least", "more", "nearly", "about",
                            "million", "billion", "thousand", "said", "says", "toll"]))
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Seen:
    """A figure where it was read: article, time, outlet, and what its sentence is about."""

    figure: Figure
    article: str
    outlet: str | None
    published: datetime | None
    context: frozenset[str]
    names: frozenset[str]
    background: bool
    years: frozenset[int] = frozenset()


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _context(text: str) -> frozenset[str]:
    return frozenset(k for k in content_words(text) if not k[:1].isdigit()) - _FIGURE_WORDS


def _names(text: str) -> frozenset[str]:
    """Content keys of the capitalised words after the first: the names a sentence uses,
    less the names of whoever gives the figure (``SPEAKER``)."""
    named = frozenset(k for m in NAME.finditer(text) for k in content_words(m.group()))
    speakers = frozenset(k for m in SPEAKER.finditer(text) for k in content_words(m.group()))
    return named - speakers


def _common(articles: Sequence[Article]) -> frozenset[str]:
    """Words that most of the story's articles use (at least two of them): they say what the
    story is about, not which of its figures a sentence gives."""
    counts: Counter[str] = Counter()
    for a in articles:
        counts.update({k for s in a.sentences for k in content_words(s.text)})
    least = max(2, math.ceil(len(articles) / 2))
    return frozenset(k for k, n in counts.items() if n >= least)


def _read(
    article: Article, common: frozenset[str], readable: Callable[[str], bool] | None
) -> list[_Seen]:
    published = _utc(article.published or article.updated)
    out: list[_Seen] = []
    for sentence in article.sentences:
        found = figures(sentence.text)
        if not found or (readable is not None and not readable(sentence.text)):
            continue
        context = _context(sentence.text) - common
        names = _names(sentence.text) - common
        # A year before the article's own names another event ("the 2015 attack killed 130").
        old = published is not None and any(y < published.year for y in years(sentence.text))
        named = years(sentence.text)
        out.extend(
            _Seen(f, article.id, article.source, published, context, names, old, named)
            for f in found
        )
    return out


def _about_the_same(x: _Seen, y: _Seen) -> bool:
    if x.figure.key != y.figure.key or x.figure.prior != y.figure.prior:
        return False
    if x.background or y.background:
        return False
    if x.article == y.article and x.years != y.years:
        return False  # one article's tolls of different years ("a 2011 collapse killed seven")
    shared = len(x.context & y.context)
    if shared >= MIN_SHARED and shared >= MIN_SHARE * min(len(x.context), len(y.context)):
        return True
    if x.figure.key not in EVENT_FAMILIES:
        return False
    return x.names <= y.context and y.names <= x.context


def _components(seen: list[_Seen]) -> list[list[_Seen]]:
    """Groups of figures linked by being about the same thing (union-find over pairs)."""
    parent = list(range(len(seen)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(seen)):
        for j in range(i + 1, len(seen)):
            if _about_the_same(seen[i], seen[j]):
                parent[root(i)] = root(j)
    groups: dict[int, list[_Seen]] = {}
    for i, s in enumerate(seen):
        groups.setdefault(root(i), []).append(s)
    return [g for g in groups.values() if len(g) > 1]


def _values(group: list[_Seen]) -> list[list[_Seen]]:
    """The figures of a group clustered by value (exact ones first, so rounding joins them)."""
    clusters: list[list[_Seen]] = []
    for s in sorted(group, key=lambda s: (s.figure.tolerance, s.figure.hedge != "")):
        home = next((c for c in clusters if same_figure(c[0].figure, s.figure)), None)
        if home is None:
            clusters.append([s])
        else:
            home.append(s)
    return clusters


def _conflict(clusters: list[list[_Seen]]) -> Conflict:
    """The conflict of value ``clusters``, newest value first: first reported latest, then
    last repeated latest. A tally of casualties only grows, so a value that one article gives
    beside a larger one is that article's older figure and ranks after every value no article
    has superseded ("The death toll grew through the night, with Hollande saying 77 people
    died." / "Cazeneuve said 80 people were killed.")."""
    tally = clusters[0][0].figure.key in EVENT_FAMILIES
    top = [max(s.figure.value for s in c) for c in clusters]

    def superseded(n: int) -> bool:
        mine = {s.article for s in clusters[n]}
        return any(
            top[m] > top[n] and mine & {s.article for s in c} for m, c in enumerate(clusters)
        )

    def newness(n: int) -> tuple[bool, datetime, datetime]:
        first = min((_utc(s.published) or _EPOCH for s in clusters[n]), default=_EPOCH)
        latest = max((_utc(s.published) or _EPOCH for s in clusters[n]), default=_EPOCH)
        return not (tally and superseded(n)), first, latest

    order = sorted(range(len(clusters)), key=newness, reverse=True)
    return Conflict(clusters[0][0].figure.quantity, tuple(_value(clusters[n]) for n in order))


def _value(cluster: list[_Seen]) -> ConflictValue:
    ordered = sorted(cluster, key=lambda s: s.published or _EPOCH)
    articles = tuple(dict.fromkeys(s.article for s in ordered))
    outlets = tuple(dict.fromkeys(s.outlet for s in ordered if s.outlet))
    newest = max(cluster, key=lambda s: s.published or _EPOCH)
    return ConflictValue(_display(newest.figure), articles, ordered[0].published, outlets)


def _display(figure: Figure) -> str:
    """The figure as written, its hedge in lower case mid-sentence ("at least 84", also from
    a drop-cap "AT least 84")."""
    text = figure.text
    if not (text[:1].isupper() and figure.hedge):
        return text
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if rest else first.lower()


def find_conflicts(
    articles: Sequence[Article], readable: Callable[[str], bool] | None = None
) -> list[Conflict]:
    """Quantities the story's articles give different figures for, each with its values
    newest first (the value first reported latest leads). With ``readable``, only sentences
    it accepts are read: a photo gallery's "28 November 2017 People queue outside ..." is
    page furniture, not "2017 people" disputing a toll.

    Two figures are compared only when they count the same thing (the same quantity key), are
    both current (neither marked earlier/initial/previous nor in a sentence naming an older
    year) and their sentences share enough words. A toll of the event (dead, injured, missing,
    arrested, evacuated, affected) is one quantity even within one article: an article that
    gives 77 and then 80 dead tells a toll over time, and a brief must not state both silently.
    For other quantities ("$70 a share", "20,000 companies"), a group in which one article
    itself gives two of the figures is dropped: that article tells them apart.
    """
    common = _common(articles)
    seen = [s for a in articles for s in _read(a, common, readable)]
    conflicts = []
    for group in _components(seen):
        clusters = _values(group)
        tally = clusters[0][0].figure.key in EVENT_FAMILIES
        if len(clusters) < 2 or (not tally and _told_apart(clusters)):
            continue
        conflicts.append(_conflict(clusters))
    return sorted(conflicts, key=lambda c: (c.quantity, c.values[0].value))


def _told_apart(clusters: list[list[_Seen]]) -> bool:
    owners: dict[str, int] = {}
    for n, cluster in enumerate(clusters):
        for s in cluster:
            if owners.setdefault(s.article, n) != n:
                return True
    return False


def _figure_of(value: ConflictValue, quantity: str) -> Figure | None:
    found = [f for f in figures(f"{value.value} {quantity}") if f.quantity == quantity]
    if quantity == "money":
        found = [f for f in figures(value.value) if f.quantity == "money"]
    return found[0] if found else None


def stated_value(text: str, conflict: Conflict) -> ConflictValue | None:
    """The value of ``conflict`` that ``text`` states, or None."""
    stated = [f for f in figures(text) if f.quantity == conflict.quantity]
    for value in conflict.values:
        mine = _figure_of(value, conflict.quantity)
        if mine is not None and any(same_figure(mine, f) for f in stated):
            return value
    return None


def other_toll(text: str, conflicts: Sequence[Conflict]) -> bool:
    """Whether ``text`` gives a count of a disputed toll that is none of the disputed values
    ("injuring 40 passengers" where sources give "51 injured" and "more than 50 injured"): a
    third figure, or a part the reader cannot tell from the whole, stated beside the disputed
    ones would read as one more contradiction."""
    for conflict in conflicts:
        if conflict.quantity not in EVENT_FAMILIES:
            continue
        told = any(f.quantity == conflict.quantity for f in figures(text))
        if told and stated_value(text, conflict) is None:
            return True
    return False


def disputed(text: str, conflicts: Sequence[Conflict]) -> bool:
    """Whether ``text`` states a figure that the sources dispute."""
    return any(stated_value(text, c) is not None for c in conflicts)


def newest_value(conflict: Conflict) -> ConflictValue:
    """The newest figure of a conflict (the one a brief should state, attributed)."""
    return conflict.values[0]


def locate_conflicts(
    conflicts: Sequence[Conflict],
    summary: Sequence[BriefSentence],
    body: Sequence[Sequence[BriefSentence]],
    articles: Sequence[Article] = (),
) -> tuple[Conflict, ...]:
    """``conflicts`` with ``part`` and ``sentence`` set to the first brief sentence (summary
    first, paragraph 0) that states one of their figures; unlocated ones keep None.

    ``articles`` is accepted for callers that pass the story; the location is read from the
    brief sentences' own text, which is what a reader sees.
    """
    del articles
    places = [("summary", 0, i, s) for i, s in enumerate(summary)]
    places += [("body", p, i, s) for p, para in enumerate(body) for i, s in enumerate(para)]
    located = []
    for conflict in conflicts:
        where = next(
            ((part, p, i) for part, p, i, s in places if stated_value(s.text, conflict)), None
        )
        if where is None:
            located.append(replace(conflict, part=None, sentence=None))
        else:
            located.append(replace(conflict, part=where[0], sentence=(where[1], where[2])))
    return tuple(located)
