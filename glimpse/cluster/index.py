"""StoryIndex: the active stories and the indexes that keep per-article cost flat.

* an inverted index (term or entity -> active story ids) for blocked candidate retrieval;
* a datasketch MinHash LSH over the articles of the last base window, for near-duplicates;
* document frequencies for IDF, updated online;
* a time window: stories whose newest article is older than their window (``window_hours``,
  widened for larger stories, see :func:`story_window`) behind the stream clock leave the
  active index. With ``reopen_hours`` they go *dormant*: they move to a second inverted
  index that only full articles query, and are retired (dropped from every index) once
  silent for ``reopen_hours``; without it they are retired at once. Headlines therefore
  search only the active stories, whatever the number of dormant ones.
"""

from __future__ import annotations

import heapq
import json
import math
import operator
import zlib
from collections import defaultdict, deque
from dataclasses import asdict
from itertools import islice
from typing import Any

from datasketch import MinHashLSH

from glimpse.cluster.minhash import lean
from glimpse.cluster.options import ALGORITHM, ClusterOptions
from glimpse.cluster.story import HEAD_TERMS, StoryProfile, head_cosine

STATE_VERSION = 1
DORMANT_MEMORY = 4  # member vectors a dormant story keeps (4 and 32 score the same)
PAIR_MEMO = 50_000  # story pairs whose head cosine is kept
_ENTITY = "\x00e:"  # prefix that keeps entity keys apart from term keys in shared maps
_weight = operator.itemgetter(1)


def story_window(options: ClusterOptions, size: int) -> float | None:
    """The window in seconds of a story of ``size`` articles (None: no window): the base
    window, widened by ``window_growth`` base windows per doubling of the size, at most
    ``max_window_hours``.

    A story many articles have reported keeps developing for longer (trials, summits,
    disasters are followed up weeks later); a lone article that nobody picked up is closed
    after the base window.
    """
    if options.window_hours is None:
        return None
    window = options.window_hours * 3600.0
    span = window * (1.0 + options.window_growth * math.log2(max(size, 1)))
    if options.max_window_hours is not None:
        span = min(span, max(options.max_window_hours * 3600.0, window))
    return span


def story_horizon(options: ClusterOptions, span: float | None) -> float | None:
    """How long after its newest article a story of window ``span`` stays in the index at
    all, in seconds: its window, or ``reopen_hours`` when that is longer (None: for ever)."""
    if span is None or options.reopen_hours is None:
        return span
    return max(span, options.reopen_hours * 3600.0)


def _within(story: StoryProfile, when: float | None, span: float | None) -> bool:
    """Whether ``when`` falls inside the story's time range widened by ``span`` each side."""
    if when is None or span is None or story.last is None or story.first is None:
        return True
    return story.first - span <= when <= story.last + span


class StoryIndex:
    """The state of the clusterer between articles (and, serialised, between builds)."""

    def __init__(self, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        self.stories: dict[str, StoryProfile] = {}
        self.postings: dict[str, dict[str, float]] = {}  # active stories
        self.archive: dict[str, dict[str, float]] = {}  # dormant stories, same layout
        self.dormant: dict[str, None] = {}  # dormant story ids, oldest first (sleep order)
        self.df: dict[str, int] = {}
        self.n_docs = 0
        self.clock: float | None = None
        self.article_story: dict[str, str] = {}
        self.signatures: dict[str, tuple[int, ...]] = {}
        self.redirects: dict[str, str] = {}
        self._redirected: dict[str, list[str]] = {}  # survivor -> the ids redirecting to it
        self._heap: list[tuple[float, str]] = []
        self._lsh = self._new_lsh()
        self._signed: deque[tuple[float, str]] = deque()  # (clock, article), in LSH order
        self._pairs: dict[tuple[str, str], tuple[tuple[int, int], float]] = {}
        self._spans: dict[int, float | None] = {}

    def _new_lsh(self) -> MinHashLSH:
        return MinHashLSH(threshold=self.options.near_duplicate, num_perm=self.options.num_perm)

    @property
    def window(self) -> float | None:
        """The base window in seconds (a one-article story's), None when disabled."""
        hours = self.options.window_hours
        return None if hours is None else hours * 3600.0

    def span(self, story: StoryProfile) -> float | None:
        """``story``'s window in seconds (see :func:`story_window`), memoised by size: this
        sits in the scoring loop."""
        size = story.size
        if size not in self._spans:
            self._spans[size] = story_window(self.options, size)
        return self._spans[size]

    def horizon(self, story: StoryProfile) -> float | None:
        """``story``'s :func:`story_horizon`."""
        return story_horizon(self.options, self.span(story))

    def expiry(self, story: StoryProfile) -> float | None:
        """Stream time of ``story``'s next change of state (None: never): the end of its
        window while active (it goes dormant, or is retired), the end of its horizon while
        dormant (it is retired)."""
        span = self.horizon(story) if story.id in self.dormant else self.span(story)
        return None if span is None or story.last is None else story.last + span

    def accepts(self, story: StoryProfile, when: float | None) -> bool:
        """Whether ``story`` is still open to an article published at ``when``."""
        return _within(story, when, self.span(story))

    def reopens(self, story: StoryProfile, when: float | None) -> bool:
        """Whether a dormant ``story`` may still be reopened by an article at ``when``."""
        return _within(story, when, self.horizon(story))

    def staleness(self, story: StoryProfile, when: float | None) -> float:
        """How far into its window ``story`` has gone silent at ``when``: 0 when the article
        comes right after the story's newest one, 1 at the end of the story's window."""
        span = self.span(story)
        if when is None or span is None or span <= 0 or story.last is None:
            return 0.0
        return min(1.0, max(0.0, (when - story.last) / span))

    def _schedule(self, story: StoryProfile) -> None:
        expiry = self.expiry(story)
        if expiry is not None:
            heapq.heappush(self._heap, (expiry, story.id))

    # -- document frequencies -------------------------------------------------------------
    def observe(self, terms: list[str], entities: tuple[str, ...]) -> None:
        """Count one article's distinct terms and entities into the document frequencies."""
        self.n_docs += 1
        for key in {*terms, *(_ENTITY + e for e in entities)}:
            self.df[key] = self.df.get(key, 0) + 1

    def idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def entity_idf(self, name: str) -> float:
        return self.idf(_ENTITY + name)

    # -- candidates -----------------------------------------------------------------------
    def candidates(
        self, q: dict[str, float], entities: tuple[str, ...], dormant: bool = False
    ) -> list[tuple[str, float]]:
        """Up to ``max_candidates`` active (``dormant``: dormant) stories sharing a term or
        entity with the article, with their centroid cosine to ``q``, highest first (ties by
        id).

        The term postings carry each story's centroid weight for the term, so one pass over
        them yields the centroid dot product of every story reached. Each posting list is
        read from its most recently updated end, at most ``max_postings`` entries: a word
        that hundreds of open stories use ("police", a country) carries little weight, and
        reading all of it would make the cost of one article grow with the number of open
        stories. All lists together are read up to ``max_reads`` entries, the article's
        heaviest words first. A story reached only through some of the article's words then
        gets a lower cosine here; it only orders the candidates, :func:`score_story`
        recomputes it. The dormant stories sit in an index of their own, read with the same
        bounds, so they never take an active story's place among the candidates.
        """
        dots: defaultdict[str, float] = defaultdict(float)
        postings = self.archive if dormant else self.postings
        cap, budget = self.options.max_postings, self.options.max_reads
        # heaviest (rarest) words first: when the budget runs out, what is left unread is the
        # common words, whose stories the rare ones mostly reach anyway
        for key, w in sorted(q.items(), key=_weight, reverse=True):
            posting = postings.get(key)
            if not posting:
                continue
            n = min(len(posting), cap, budget)
            entries: Any = posting.items()
            if n < len(posting):
                entries = islice(reversed(entries), n)
            for sid, weight in entries:
                dots[sid] += w * weight
            budget -= n
            if budget <= 0:
                break
        for e in entities:
            posting = postings.get(_ENTITY + e)
            if posting:
                for sid in islice(reversed(posting), cap) if len(posting) > cap else posting:
                    dots[sid] += 0.0
        stories, sqrt = self.stories, math.sqrt
        scored = [
            (-d / sqrt(n2) if (n2 := stories[sid].norm2) > 0 else 0.0, sid)
            for sid, d in dots.items()
        ]
        best = heapq.nsmallest(self.options.max_candidates, scored)
        return [(sid, -neg) for neg, sid in best]

    def head_cosine(self, a: StoryProfile, b: StoryProfile) -> float:
        """:func:`~glimpse.cluster.story.head_cosine` of two stories, memoised per pair.

        An article that nearly reaches two stories asks how alike they are; the next
        article on the same event asks again. The answer is kept until either story's head
        changes (:meth:`StoryProfile.head_version`), so it is always the exact one.
        """
        key, version = (a.id, b.id), (a.head_version(HEAD_TERMS), b.head_version(HEAD_TERMS))
        hit = self._pairs.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        if len(self._pairs) >= PAIR_MEMO:
            self._pairs.clear()  # bounded: a full memo starts over
        value = head_cosine(a, b)
        self._pairs[key] = (version, value)
        return value

    def near_duplicates(self, signature: tuple[int, ...]) -> list[str]:
        """Active stories holding an article whose MinHash matches ``signature``."""
        if len(signature) != self.options.num_perm:
            return []
        found = {self.article_story[a] for a in self._lsh.query(lean(signature))}
        return sorted(found)

    # -- mutation -------------------------------------------------------------------------
    def post(self, story: StoryProfile, keys: Any) -> None:
        """(Re)post ``story`` under term ``keys`` with its current centroid weights."""
        terms = story.terms
        for key in keys:
            self._put(key, story.id, terms.get(key, 0.0))

    def post_entities(self, story: StoryProfile, entities: tuple[str, ...]) -> None:
        for e in entities:
            self._put(_ENTITY + e, story.id, 0.0)

    def _put(self, key: str, sid: str, weight: float) -> None:
        postings = self.archive if sid in self.dormant else self.postings
        posting = postings.setdefault(key, {})
        posting.pop(sid, None)  # re-insert: a posting list runs oldest to newest update
        posting[sid] = weight

    def remember(self, article: str, story: StoryProfile, signature: tuple[int, ...]) -> None:
        """Record the article's story and index its MinHash for later near-duplicates."""
        self.article_story[article] = story.id
        if len(signature) == self.options.num_perm and article not in self.signatures:
            self.signatures[article] = signature
            self._lsh.insert(article, lean(signature))
            if self.clock is not None:
                self._signed.append((self.clock, article))
        self._schedule(story)

    def unpost(self, story: StoryProfile) -> None:
        postings = self.archive if story.id in self.dormant else self.postings
        keys = [*story.terms, *(_ENTITY + e for e in story.entities)]
        for key in keys:
            ids = postings.get(key)
            if ids is not None:
                ids.pop(story.id, None)
                if not ids:
                    del postings[key]

    def _repost(self, story: StoryProfile) -> None:
        self.post(story, story.terms)
        self.post_entities(story, tuple(story.entities))

    def sleep(self, story: StoryProfile) -> None:
        """Move ``story`` from the active index to the dormant one."""
        if story.id not in self.dormant:
            self.unpost(story)
            self.dormant[story.id] = None
            story.forget(DORMANT_MEMORY)
            self._repost(story)
            self._schedule(story)
            cap = self.options.max_dormant
            while cap is not None and len(self.dormant) > cap:
                self.retire(self.stories[next(iter(self.dormant))])

    def wake(self, story: StoryProfile) -> None:
        """Move a dormant ``story`` back to the active index (an article reopened it)."""
        if story.id in self.dormant:
            self.unpost(story)
            del self.dormant[story.id]
            self._repost(story)

    def merge(self, absorbed: str, survivor: str) -> None:
        """Fold story ``absorbed`` into ``survivor``; the old id redirects to the new one."""
        old, new = self.stories.pop(absorbed), self.stories[survivor]
        self.unpost(old)
        self.dormant.pop(absorbed, None)
        terms, entities = list(old.terms), tuple(old.entities)  # absorb may reuse old's maps
        new.absorb(old, self.options.member_memory)
        self.post(new, terms)
        self.post_entities(new, entities)
        for article in old.members:
            self.article_story[article] = survivor
        # every id that redirected to ``absorbed`` now redirects to ``survivor`` (one hop)
        moved = self._redirected.pop(absorbed, [])
        for src in moved:
            self.redirects[src] = survivor
        self.redirects[absorbed] = survivor
        self._redirected.setdefault(survivor, []).extend([*moved, absorbed])
        self._schedule(new)

    def advance(self, when: float | None) -> None:
        """Move the stream clock to ``when``: stories whose window has passed go dormant (or
        are retired without ``reopen_hours``), dormant ones past their horizon are retired.

        The heap holds (expiry, story id) entries; a story that grew since an entry was
        pushed has a later one, so a popped entry acts only if the story is still due.
        """
        if when is None or (self.clock is not None and when <= self.clock):
            return
        self.clock = when
        while self._heap and self._heap[0][0] < when:
            _, sid = heapq.heappop(self._heap)
            story = self.stories.get(sid)
            expiry = None if story is None else self.expiry(story)
            if story is None or expiry is None or expiry >= when:
                continue
            if story.id in self.dormant or self.horizon(story) == self.span(story):
                self.retire(story)
            else:  # sleep schedules its horizon; past that too, a later pop retires it
                self.sleep(story)
        # copies of a wire story run within days of it: signatures older than the base
        # window leave the LSH even while their (long-running) story stays open, so the
        # LSH holds a window's articles, not every article of every open story
        window = self.window
        signed = self._signed
        while window is not None and signed and signed[0][0] < when - window:
            _, article = signed.popleft()
            if self.signatures.pop(article, None) is not None:
                self._lsh.remove(article)

    def retire(self, story: StoryProfile) -> None:
        """Drop a story from every index; its articles stay assigned in the store."""
        self.unpost(story)
        self.dormant.pop(story.id, None)
        for article in story.members:
            self.article_story.pop(article, None)
            if self.signatures.pop(article, None) is not None:
                self._lsh.remove(article)
        del self.stories[story.id]

    # -- state ----------------------------------------------------------------------------
    def to_state(self) -> bytes:
        """The whole index as zlib-compressed JSON (no pickle); see :meth:`from_state`."""
        state = {
            "version": STATE_VERSION,
            "algorithm": ALGORITHM,
            "options": asdict(self.options),
            "n_docs": self.n_docs,
            "clock": self.clock,
            "df": self.df,
            "redirects": self.redirects,
            "stories": [s.to_json() for s in self.stories.values()],
            "signatures": {a: list(s) for a, s in self.signatures.items()},
            "signed": [[t, a] for t, a in self._signed if a in self.signatures],
            "dormant": list(self.dormant),
        }
        return zlib.compress(json.dumps(state, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_state(cls, data: bytes, options: ClusterOptions | None = None) -> StoryIndex:
        """Rebuild an index saved by :meth:`to_state`; ``options`` overrides the saved ones."""
        state = json.loads(zlib.decompress(data).decode("utf-8"))
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported StoryIndex state version {state.get('version')!r}")
        index = cls(options or ClusterOptions(**state["options"]))
        index.n_docs, index.clock = state["n_docs"], state["clock"]
        index.df, index.redirects = dict(state["df"]), dict(state["redirects"])
        for src, dst in index.redirects.items():
            index._redirected.setdefault(dst, []).append(src)
        signatures = {a: tuple(s) for a, s in state["signatures"].items()}
        index.dormant = dict.fromkeys(state.get("dormant", ()))  # older states: all active
        for raw in state["stories"]:
            story = StoryProfile.from_json(raw)
            index.stories[story.id] = story
            index._repost(story)
            for article in story.members:
                index.remember(article, story, signatures.get(article, ()))
        if "signed" in state:  # states written before signatures expired lack it
            index._signed = deque((t, a) for t, a in state["signed"] if a in index.signatures)
        return index

    def resolve(self, story_id: str) -> str:
        """Follow merge redirects to the surviving story id."""
        return self.redirects.get(story_id, story_id)
