"""Threads: stories about the same ongoing subject, linked over weeks.

A story's *subjects* are its first :data:`MAIN_TAGS` tags (the tagger orders them: the event,
the main place, then the main people and organisations), compared by :func:`subject_key`
(case, accents and punctuation folded: "Kim Jong-un" = "Kim Jong Un").

Two stories are weighed by the subjects they share, each subject weighted by how rare it is
on the desk: ``weight = log(1 + stories / stories_with_subject)`` (so "United States" on half
the desk counts little, "Kwangmyongsong" a lot). Their *overlap* is the shared weight over
the smaller of the two stories' total weights (1.0: one story's subjects are all in the other).

- **Thread**: at least :data:`THREAD_MIN_SHARED` shared subjects, overlap ≥
  :data:`THREAD_OVERLAP`, first reports at most :data:`THREAD_WINDOW` apart. Split by first
  report into *earlier* (newest first) and *later* (oldest first).
- **Related**: any other story with overlap ≥ :data:`RELATED_OVERLAP`, best overlap first.

The thresholds were set by reading linked pairs of ``bench/threads.py`` (see BENCHMARKS.md).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

MAIN_TAGS = 5
THREAD_MIN_SHARED = 2
THREAD_OVERLAP = 0.5
THREAD_WINDOW = timedelta(days=60)
RELATED_OVERLAP = 0.3
MAX_EARLIER = MAX_LATER = 8
MAX_RELATED = 6
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Subject:
    """What threading needs of one story: its tags and its first report."""

    story: str
    tags: tuple[str, ...]
    first_seen: datetime | None


@dataclass(frozen=True, slots=True)
class Thread:
    """Story ids linked to one story: earlier and later in its thread, and related."""

    story: str
    earlier: tuple[str, ...] = ()
    later: tuple[str, ...] = ()
    related: tuple[str, ...] = ()


@lru_cache(maxsize=65536)
def subject_key(tag: str) -> str:
    """``"Kim Jong-un"`` → ``"kim jong un"``: the form subjects are compared in."""
    ascii_tag = unicodedata.normalize("NFKD", tag).encode("ascii", "ignore").decode()
    return _NON_WORD.sub(" ", ascii_tag.lower()).strip() or tag.lower()


def main_subjects(tags: Sequence[str]) -> frozenset[str]:
    return _main(tuple(tags))


@lru_cache(maxsize=65536)
def _main(tags: tuple[str, ...]) -> frozenset[str]:
    """:func:`main_subjects`, memoized: a desk-wide pass compares each story many times."""
    return frozenset(subject_key(t) for t in tags[:MAIN_TAGS])


def subject_weights(counts: Mapping[str, int], stories: int) -> dict[str, float]:
    """``log(1 + stories / n)`` per subject key, from tag → number of stories carrying it."""
    out: dict[str, float] = {}
    for tag, n in counts.items():
        key = subject_key(tag)
        out[key] = max(out.get(key, 0.0), math.log1p(max(stories, 1) / max(n, 1)))
    return out


def _rare(weights: Mapping[str, float]) -> float:
    """The weight of a subject never counted: as rare as the rarest counted one."""
    return max(weights.values(), default=1.0)


def overlap(a: frozenset[str], b: frozenset[str], weights: Mapping[str, float]) -> float:
    """Shared weight over the smaller total weight (0 when either has no subjects)."""
    return _overlap(a, b, weights, _rare(weights))


def _overlap(
    a: frozenset[str], b: frozenset[str], weights: Mapping[str, float], default: float
) -> float:
    def total(keys: frozenset[str]) -> float:
        return sum(weights.get(k, default) for k in keys)

    smaller = min(total(a), total(b))
    return total(a & b) / smaller if smaller > 0 else 0.0


def _utc(value: datetime | None) -> datetime | None:
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def in_thread(a: Subject, b: Subject, weights: Mapping[str, float]) -> bool:
    """Whether ``a`` and ``b`` are steps of one thread (see the module docstring)."""
    pair = (_main(a.tags), _main(b.tags))
    return _in_thread(a, b, pair, weights, _rare(weights))


def _in_thread(
    a: Subject,
    b: Subject,
    subjects: tuple[frozenset[str], frozenset[str]],
    weights: Mapping[str, float],
    default: float,
) -> bool:
    sa, sb = subjects
    if len(sa & sb) < THREAD_MIN_SHARED or _overlap(sa, sb, weights, default) < THREAD_OVERLAP:
        return False
    ta, tb = _utc(a.first_seen), _utc(b.first_seen)
    return ta is None or tb is None or abs(ta - tb) <= THREAD_WINDOW


def link_thread(story: Subject, others: Sequence[Subject], weights: Mapping[str, float]) -> Thread:
    """The thread and the related stories of ``story`` among ``others`` (itself is skipped)."""
    mine = _main(tuple(story.tags))
    default = _rare(weights)
    earlier: list[Subject] = []
    later: list[Subject] = []
    related: list[tuple[float, Subject]] = []
    start = _utc(story.first_seen)
    for other in others:
        if other.story == story.story:
            continue
        theirs = _main(tuple(other.tags))
        if _in_thread(story, other, (mine, theirs), weights, default):
            seen = _utc(other.first_seen)
            is_earlier = seen is not None and start is not None and seen < start
            (earlier if is_earlier else later).append(other)
            continue
        score = _overlap(mine, theirs, weights, default)
        if score >= RELATED_OVERLAP:
            related.append((score, other))
    never = datetime.min.replace(tzinfo=UTC)
    earlier.sort(key=lambda s: (_utc(s.first_seen) or never, s.story), reverse=True)
    later.sort(key=lambda s: (_utc(s.first_seen) or never, s.story))
    related.sort(key=lambda item: (-item[0], item[1].story))
    return Thread(
        story.story,
        tuple(s.story for s in earlier[:MAX_EARLIER]),
        tuple(s.story for s in later[:MAX_LATER]),
        tuple(s.story for _, s in related[:MAX_RELATED]),
    )


def link_all(subjects: Sequence[Subject]) -> dict[str, Thread]:
    """:func:`link_thread` for every story of the desk at once (what ``build`` stores).

    ``subjects`` are all the desk's live stories. Each story's thread is the one
    ``glimpse.publish.thread_view.load_thread`` computes for it alone: its candidates are the
    stories carrying any of its main tags (at any position), and the weights are those of the
    candidates' main tags, counted over the whole desk. An inverted index from tag to stories
    makes it one pass instead of one query per story.
    """
    by_tag: dict[str, list[Subject]] = {}
    for subject in subjects:
        for tag in dict.fromkeys(subject.tags):
            by_tag.setdefault(tag, []).append(subject)
    counts = {tag: len(found) for tag, found in by_tag.items()}
    return {s.story: _link_one(s, by_tag, counts, len(subjects)) for s in subjects}


def _link_one(
    story: Subject, by_tag: Mapping[str, list[Subject]], counts: Mapping[str, int], total: int
) -> Thread:
    candidates = {c.story: c for t in story.tags[:MAIN_TAGS] for c in by_tag.get(t, ())}
    if story.story not in candidates:  # no tags: nothing links to it
        return Thread(story.story)
    tags = {t for c in candidates.values() for t in c.tags[:MAIN_TAGS]}
    weights = subject_weights({t: counts.get(t, 0) for t in sorted(tags)}, total)
    return link_thread(story, list(candidates.values()), weights)
