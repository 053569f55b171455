"""Feature tables of the gate's learned verdict on SummEdits and Rank19, cached.

spaCy parses and MiniLM vectors of every distinct text are kept in ``GLIMPSE_GATE_CACHE``
(default ``/tmp/glimpse-gate-cache``) so that refitting takes seconds.
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from glimpse.compose import alignment as al
from glimpse.compose.verify import source_sentences

CACHE = Path(os.environ.get("GLIMPSE_GATE_CACHE", "/tmp/glimpse-gate-cache"))
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Raw:
    group: str
    label: int
    claim: str
    sources: tuple[str, ...]


def summedits(path: Path) -> list[Raw]:
    return [
        Raw(r["doc"][:200], int(r["label"]), r["summary"], (r["doc"],))
        for r in json.loads(path.read_text())
    ]


def rank19(path: Path) -> list[Raw]:
    out = []
    for line in path.read_text().splitlines():
        row = json.loads(line)
        for s in row["sys_summs"]:
            out.append(Raw(f"r{row['doc_id']}", int(s["human_scores"]["fact"]), s["summary"],
                           (row["src"],)))  # fmt: skip
    return out


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


def sentences_of(raws: Sequence[Raw]) -> tuple[list[list[str]], list[list[str]]]:
    """Per item, the claim's sentences and the sources' sentences."""
    claims = [[s for s in source_sentences([r.claim])] or [r.claim] for r in raws]
    docs = [source_sentences(list(r.sources)) or list(r.sources) for r in raws]
    return claims, docs


def parser() -> Memo:
    return Memo("spacy", lambda texts: al.parse(texts))
