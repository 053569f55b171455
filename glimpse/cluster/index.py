"""StoryIndex: the active stories and the indexes that keep per-article cost flat.

* an inverted index (term or entity -> active story ids) for blocked candidate retrieval;
* a datasketch MinHash LSH over the active articles, for near-duplicates;
* document frequencies for IDF, updated online;
* a time window: stories whose newest article is older than ``window_hours`` behind the stream
  clock are retired (dropped from every index), so the index holds only what can still grow.
"""

from __future__ import annotations

import heapq
import json
import math
import zlib
from dataclasses import asdict
from typing import Any

from datasketch import MinHashLSH

from glimpse.cluster.minhash import lean
from glimpse.cluster.options import ALGORITHM, ClusterOptions
from glimpse.cluster.story import StoryProfile

STATE_VERSION = 1
_ENTITY = "\x00e:"  # prefix that keeps entity keys apart from term keys in shared maps


class StoryIndex:
    """The state of the clusterer between articles (and, serialised, between builds)."""

    def __init__(self, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        self.stories: dict[str, StoryProfile] = {}
        self.postings: dict[str, set[str]] = {}
        self.df: dict[str, int] = {}
        self.n_docs = 0
        self.clock: float | None = None
        self.article_story: dict[str, str] = {}
        self.signatures: dict[str, tuple[int, ...]] = {}
        self.redirects: dict[str, str] = {}
        self._heap: list[tuple[float, str]] = []
        self._lsh = self._new_lsh()

    def _new_lsh(self) -> MinHashLSH:
        return MinHashLSH(threshold=self.options.near_duplicate, num_perm=self.options.num_perm)

    @property
    def window(self) -> float | None:
        hours = self.options.window_hours
        return None if hours is None else hours * 3600.0

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
    def candidates(self, q: dict[str, float], entities: tuple[str, ...]) -> list[str]:
        """Active stories sharing a term or entity with the article, best-overlapping first."""
        hits: dict[str, float] = {}
        keys = [(t, w) for t, w in q.items()] + [(_ENTITY + e, 1.0) for e in entities]
        for key, w in keys:
            for sid in self.postings.get(key, ()):
                hits[sid] = hits.get(sid, 0.0) + w
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        return [sid for sid, _ in ranked[: self.options.max_candidates]]

    def near_duplicates(self, signature: tuple[int, ...]) -> list[str]:
        """Active stories holding an article whose MinHash matches ``signature``."""
        if len(signature) != self.options.num_perm:
            return []
        found = {self.article_story[a] for a in self._lsh.query(lean(signature))}
        return sorted(found)

    # -- mutation -------------------------------------------------------------------------
    def post(self, story: StoryProfile, keys: Any) -> None:
        for key in keys:
            self.postings.setdefault(key, set()).add(story.id)

    def post_entities(self, story: StoryProfile, entities: tuple[str, ...]) -> None:
        self.post(story, (_ENTITY + e for e in entities))

    def remember(self, article: str, story: StoryProfile, signature: tuple[int, ...]) -> None:
        """Record the article's story and index its MinHash for later near-duplicates."""
        self.article_story[article] = story.id
        if len(signature) == self.options.num_perm and article not in self.signatures:
            self.signatures[article] = signature
            self._lsh.insert(article, lean(signature))
        if story.last is not None:
            heapq.heappush(self._heap, (story.last, story.id))

    def unpost(self, story: StoryProfile) -> None:
        keys = [*story.terms, *(_ENTITY + e for e in story.entities)]
        for key in keys:
            ids = self.postings.get(key)
            if ids is not None:
                ids.discard(story.id)
                if not ids:
                    del self.postings[key]

    def merge(self, absorbed: str, survivor: str) -> None:
        """Fold story ``absorbed`` into ``survivor``; the old id redirects to the new one."""
        old, new = self.stories.pop(absorbed), self.stories[survivor]
        self.unpost(old)
        new.absorb(old, self.options.member_memory)
        self.post(new, old.terms)
        self.post_entities(new, tuple(old.entities))
        for article in old.members:
            self.article_story[article] = survivor
        for src, dst in self.redirects.items():
            if dst == absorbed:
                self.redirects[src] = survivor
        self.redirects[absorbed] = survivor
        if new.last is not None:
            heapq.heappush(self._heap, (new.last, new.id))

    def advance(self, when: float | None) -> None:
        """Move the stream clock to ``when`` and retire stories that fell out of the window."""
        if when is None or (self.clock is not None and when <= self.clock):
            return
        self.clock = when
        window = self.window
        if window is None:
            return
        cutoff = when - window
        while self._heap and self._heap[0][0] < cutoff:
            _, sid = heapq.heappop(self._heap)
            story = self.stories.get(sid)
            if story is not None and story.last is not None and story.last < cutoff:
                self.retire(story)

    def retire(self, story: StoryProfile) -> None:
        """Drop a story from every index; its articles stay assigned in the store."""
        self.unpost(story)
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
        signatures = {a: tuple(s) for a, s in state["signatures"].items()}
        for raw in state["stories"]:
            story = StoryProfile.from_json(raw)
            index.stories[story.id] = story
            index.post(story, story.terms)
            index.post_entities(story, tuple(story.entities))
            for article in story.members:
                index.remember(article, story, signatures.get(article, ()))
        return index

    def resolve(self, story_id: str) -> str:
        """Follow merge redirects to the surviving story id."""
        return self.redirects.get(story_id, story_id)
