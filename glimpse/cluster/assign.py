"""Online story assignment: each article joins the best active story or starts a new one.

The decision cascade of :func:`assign_story`:

1. an article already in the index keeps its story (re-running is a no-op);
2. an article with no content words starts its own story (``empty``);
3. a near-duplicate (MinHash LSH, Jaccard >= ``near_duplicate``) of an active article joins
   that article's story (``near-duplicate``), merging stories if copies sit in several;
4. otherwise candidates come from the inverted index and each is scored
   (:func:`score_story`); a full article also scores the dormant stories (silent past their
   window), which ask ``reopen_margin`` more; the best at or above its threshold wins
   (``similar``, which reopens a dormant story), and every
   other candidate at or above ``merge_threshold`` is merged into the oldest of them;
   failing that, every other candidate the article nearly reaches (``story_merge_margin``)
   whose centroid is within ``story_merge`` of the winner's (:func:`story_similarity`) is
   merged the same way: two stories that turn out to be one become one;
5. otherwise the article starts a new story (``new``), whose id derives from the article id.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from glimpse.cluster.index import StoryIndex
from glimpse.cluster.item import ClusterItem, timestamp
from glimpse.cluster.options import ClusterOptions
from glimpse.cluster.story import FloatArray, StoryProfile, Vec
from glimpse.models import Article, Features, content_id


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went; ``merged`` lists (old_story_id, surviving_story_id) pairs."""

    article: str
    story: str
    new_story: bool
    reason: str
    merged: tuple[tuple[str, str], ...] = ()


def story_id_for(article_id: str) -> str:
    """A story's id derives from its first article, so rebuilding gives the same ids."""
    return content_id(article_id, prefix="s")


def tfidf_vector(index: StoryIndex, item: ClusterItem) -> Vec:
    """The article's unit TF-IDF vector under the index's current document frequencies."""
    raw = {t: w * index.idf(t) for t, w in item.terms}
    norm = math.sqrt(sum(v * v for v in raw.values()))
    return {t: v / norm for t, v in raw.items()} if norm > 0 else {}


def _entity_share(index: StoryIndex, item: ClusterItem, story: StoryProfile) -> float:
    total = sum(index.entity_idf(e) for e in item.entities)
    if total <= 0:
        return 0.0
    shared = sum(index.entity_idf(e) for e in item.entities if e in story.entities)
    return shared / total


def _vector_similarity(vector: FloatArray | None, story: StoryProfile, floor: float) -> float:
    if vector is None or story.vsum is None:
        return -1.0
    norm = float(np.linalg.norm(story.vsum))
    cos = float(vector @ story.vsum) / norm if norm > 0 else 0.0
    return max(0.0, (cos - floor) / (1.0 - floor))


def score_story(
    index: StoryIndex,
    q: Vec,
    item: ClusterItem,
    vector: FloatArray | None,
    story: StoryProfile,
) -> float:
    """Combined similarity of an article to a story, in [0, ~1.2].

    Lexical part: weighted mean of the cosine to the centroid and to the closest recent member.
    Entities add a bonus for the share of the article's (IDF-weighted) entities the story holds.
    With vectors on both sides the rescaled MiniLM cosine is blended in with ``vector_weight``.
    """
    o = index.options
    centroid = story.centroid_cosine(q)
    # a one-article story's centroid is its member: skip the member index
    member = centroid if story.size == 1 else story.best_member_cosine(q)
    lexical = (o.lexical_weight * centroid + o.member_weight * member) / (
        o.lexical_weight + o.member_weight
    )
    score = lexical + o.entity_weight * _entity_share(index, item, story)
    semantic = _vector_similarity(vector, story, o.vector_floor)
    if semantic >= 0.0:
        score = (1.0 - o.vector_weight) * score + o.vector_weight * semantic
    return score


def _vector_of(item: ClusterItem, options: ClusterOptions) -> FloatArray | None:
    if not options.use_vectors or not item.vector:
        return None
    vec = np.asarray(item.vector, dtype=np.float64)
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm > 0 else None


def _join(
    index: StoryIndex, story: StoryProfile, item: ClusterItem, q: Vec, vector: FloatArray | None
) -> None:
    index.wake(story)
    story.add(q, item.entities, vector, index.options.member_memory)
    story.touch(item.time)
    story.members.append(item.id)
    index.post(story, q)
    index.post_entities(story, item.entities)
    index.remember(item.id, story, item.minhash)


def _merge_all(index: StoryIndex, ids: list[str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Merge stories ``ids`` into the oldest one; returns the survivor and the merge pairs."""

    def age(sid: str) -> tuple[float, str]:
        first = index.stories[sid].first
        return (math.inf if first is None else first, sid)

    ordered = sorted(ids, key=age)
    survivor = ordered[0]
    for absorbed in ordered[1:]:
        index.merge(absorbed, survivor)
    return survivor, tuple((absorbed, survivor) for absorbed in ordered[1:])


def shared_terms(item: ClusterItem, q: Vec, story: StoryProfile, count_places: bool) -> int:
    """Distinct terms the article shares with the story, not counting place names unless
    ``count_places``; a multi-word entity counts once."""
    held = story.terms
    shared = {t for t in q if t in held}  # q is short; a story's terms can run to thousands
    if not count_places:
        shared -= item.places
    for group in item.groups:
        overlap = sum(1 for t in group if t in shared)
        if overlap > 1:
            shared.difference_update(group[1:])
    return len(shared)


def _threshold(options: ClusterOptions, item: ClusterItem, with_vectors: bool) -> float:
    """The score an article must reach: full articles, vector-scored and lexical headlines
    each have their own scale."""
    if item.body_words >= options.body_min_words:
        return options.body_threshold
    return options.threshold if with_vectors else options.lexical_threshold


def _scored(
    index: StoryIndex, item: ClusterItem, q: Vec, vector: FloatArray | None
) -> list[tuple[float, float, str]]:
    """(margin over the threshold, score, story id) of the candidates that pass the gates,
    best margin first.

    Gates: inside the time window, at least ``min_shared_terms`` shared terms, and a score of
    ``lone_term_threshold`` when only one term (or one multi-word entity) is shared. Only the
    ``rescore`` candidates closest to the article's centroid cosine get the full score. A
    full article also searches the dormant stories, which it must score ``reopen_margin``
    above its threshold to reopen.
    """
    o = index.options
    out = _gated(index, item, q, vector, index.candidates(q, item.entities), None)
    if index.dormant and o.reopen_hours is not None and item.body_words >= o.reopen_min_words:
        dormant = index.candidates(q, item.entities, dormant=True)
        out += _gated(index, item, q, vector, dormant, o.reopen_margin)
    out.sort(key=lambda sv: (-sv[0], sv[2]))
    return out


def _gated(
    index: StoryIndex,
    item: ClusterItem,
    q: Vec,
    vector: FloatArray | None,
    candidates: list[tuple[str, float]],
    reopen: float | None,
) -> list[tuple[float, float, str]]:
    """:func:`_scored` for one candidate list; ``reopen`` is the extra margin a dormant
    story asks (None: the list holds active stories)."""
    o = index.options
    stories = index.stories
    out = []
    gated = 0
    for sid, _ in candidates:
        if gated == o.rescore:
            break
        story = stories[sid]
        extra = 0.0
        if not index.accepts(story, item.time):
            if reopen is None or not index.reopens(story, item.time):
                continue
            extra = reopen
        shared = shared_terms(item, q, story, o.count_places)
        if shared < o.min_shared_terms:
            continue
        gated += 1
        score = score_story(index, q, item, vector, story)
        if shared > 1 or score >= o.lone_term_threshold:
            needed = _threshold(o, item, vector is not None and story.vsum is not None) + extra
            if o.stale_penalty:
                needed += o.stale_penalty * index.staleness(story, item.time)
            out.append((score - needed, score, sid))
    return out


def _choose(
    index: StoryIndex, item: ClusterItem, q: Vec, vector: FloatArray | None
) -> tuple[list[str], str]:
    """The stories the article belongs to (several means: merge them) and why."""
    dups = [
        s for s in index.near_duplicates(item.minhash) if index.accepts(index.stories[s], item.time)
    ]
    if dups:
        return dups, "near-duplicate"
    scored = _scored(index, item, q, vector)
    if not scored or scored[0][0] < 0.0:
        return [], "new"
    merge_at = index.options.merge_threshold
    best_score, best = scored[0][1], scored[0][2]
    merge = [sid for _, s, sid in scored[1:] if s >= merge_at]
    if merge and best_score >= merge_at:
        return [best, *merge], "similar"
    floor = index.options.story_merge_margin
    close = _close_stories(index, best, [sid for m, _, sid in scored[1:] if m >= floor])
    return [best, *close], "similar"


def story_similarity(a: StoryProfile, b: StoryProfile, lexical: float, floor: float) -> float:
    """Similarity of two stories: mean of their centroid TF-IDF cosine ``lexical``
    (:meth:`StoryIndex.head_cosine`) and the rescaled MiniLM centroid cosine (``lexical``
    alone when either has no vectors)."""
    if a.vsum is None or b.vsum is None:
        return lexical
    vnorm = float(np.linalg.norm(a.vsum) * np.linalg.norm(b.vsum))
    cos = float(a.vsum @ b.vsum) / vnorm if vnorm > 0 else 0.0
    return 0.5 * lexical + 0.5 * max(0.0, (cos - floor) / (1.0 - floor))


def _close_stories(index: StoryIndex, best: str, others: list[str]) -> list[str]:
    """The stories among ``others`` close enough to ``best`` to be the same story."""
    o = index.options
    if o.story_merge is None:
        return []
    story = index.stories[best]
    close = []
    for sid in others:
        other = index.stories[sid]
        lexical = index.head_cosine(story, other)
        if story_similarity(story, other, lexical, o.vector_floor) >= o.story_merge:
            close.append(sid)
    return close


def assign_story(index: StoryIndex, item: ClusterItem) -> Assignment:
    """Put ``item`` into the best active story of ``index`` or start a new one (mutates index)."""
    known = index.article_story.get(item.id)
    if known is not None:
        return Assignment(item.id, index.resolve(known), False, "known")
    index.advance(item.time)
    index.observe([t for t, _ in item.terms], item.entities)
    q = tfidf_vector(index, item)
    vector = _vector_of(item, index.options)
    chosen, reason = _choose(index, item, q, vector) if q or item.minhash else ([], "empty")
    merged: tuple[tuple[str, str], ...] = ()
    if chosen:
        sid, merged = _merge_all(index, chosen) if len(chosen) > 1 else (chosen[0], ())
        story = index.stories[sid]
    else:
        story = StoryProfile(story_id_for(item.id), first=None, last=None)
        index.stories[story.id] = story
    _join(index, story, item, q, vector)
    return Assignment(item.id, story.id, not chosen, reason, merged)


def _order_key(pair: tuple[Article, Features]) -> tuple[int, float, str]:
    stamp = timestamp(pair[0].published)
    return (1, 0.0, pair[0].id) if stamp is None else (0, stamp, pair[0].id)


def cluster_articles(
    articles: list[Article],
    features: list[Features],
    index: StoryIndex | None = None,
    options: ClusterOptions | None = None,
) -> list[Assignment]:
    """Assign ``articles`` (with their features, same order) in time order; undated go last.

    Ties in time are broken by article id, so the result does not depend on input order.
    The assignments come back in that processing order, each with its story's final id:
    when a later article merged two stories, earlier assignments name the survivor (the
    ``merged`` pairs stay on the article that caused the merge).
    """
    if len(articles) != len(features):
        raise ValueError("articles and features must have the same length")
    idx = index if index is not None else StoryIndex(options)
    opts = idx.options
    pairs = sorted(zip(articles, features, strict=True), key=_order_key)
    done = [assign_story(idx, ClusterItem.from_records(a, f, opts)) for a, f in pairs]
    return [replace(a, story=idx.resolve(a.story)) for a in done]
