"""Disk caches for the gate benchmark: spaCy parses and MiniLM vectors of every text.

Kept in ``GLIMPSE_GATE_CACHE`` (default ``/tmp/glimpse-gate-cache``), so that refitting the
gate's model (``bench.grounding --refit``) after a change to its measures takes a minute,
not ten: the parses and vectors of SummEdits' and Rank19's texts do not change.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from glimpse.compose import alignment as al

CACHE = Path(os.environ.get("GLIMPSE_GATE_CACHE", "/tmp/glimpse-gate-cache"))


class Memo:
    """A text-keyed cache of ``compute`` (batched), pickled to ``CACHE / name``."""

    def __init__(self, name: str, compute: Callable[[list[str]], Sequence[Any]]) -> None:
        self.path = CACHE / f"{name}.pkl"
        self.compute = compute
        self.memo: dict[str, Any] = (
            pickle.loads(self.path.read_bytes()) if self.path.exists() else {}
        )
        self.dirty = False

    def __call__(self, texts: Sequence[str]) -> list[Any]:
        new = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if new:
            self.memo.update(zip(new, self.compute(new), strict=True))
            self.dirty = True
        return [self.memo[t] for t in texts]

    def save(self) -> None:
        if self.dirty:
            CACHE.mkdir(parents=True, exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.memo))
            self.dirty = False


def parser() -> Memo:
    """spaCy parses (:func:`glimpse.compose.alignment.parse`), cached on disk."""
    return Memo("spacy", al.parse)
