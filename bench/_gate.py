"""The verification gate (``glimpse.compose.verify``) as a detector, calibrated out of fold.

Each claim is verified once with every check recorded; a *configuration* is the set of
structural checks that decide, a floor on the share of the claim's terms in its support and
a floor on MiniLM similarity. The configuration is chosen on four fifths of the documents
and scored on the fifth (``GroupKFold`` by document: SummEdits' news part has 25 documents,
so a claim is never scored by thresholds tuned on its own document); only these out-of-fold
predictions are reported. ``fit`` gives the configuration chosen on all documents, the
shipped defaults.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import GroupKFold

from glimpse.compose.verify import Verdict, verify_claim

STRUCTURAL = ("numbers", "names", "quotes", "negation", "attribution")
TERMS = (0.0, 0.3, 0.5, 0.6, 0.7)
SIMILARITY = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)


@dataclass(frozen=True, slots=True)
class Item:
    group: str
    label: int
    verdict: Verdict


class CachedEmbedder:
    """Embeds each distinct text once (a document's sentences serve all its claims)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.memo = inner, {}  # type: ignore[var-annotated]

    def embed(self, texts: list[str]) -> Any:
        new = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if new:
            self.memo.update(zip(new, self.inner.embed(new), strict=True))
        return np.stack([self.memo[t] for t in texts])


def summedits_items(path: Path, split: str | None, embedder: Any = None) -> list[Item]:
    rows = [r for r in json.loads(path.read_text()) if split in (None, r["split"])]
    return [
        Item(
            r["doc"][:200],
            int(r["label"]),
            verify_claim(r["summary"], [r["doc"]], embedder=embedder),
        )
        for r in rows
    ]


def rank19_items(path: Path, embedder: Any = None) -> list[Item]:
    items = []
    for line in path.read_text().splitlines():
        row = json.loads(line)
        for summ in row["sys_summs"]:
            verdict = verify_claim(summ["summary"], [row["src"]], embedder=embedder)
            items.append(Item(row["doc_id"], int(summ["human_scores"]["fact"]), verdict))
    return items


Config = tuple[tuple[str, ...], float, float]


def configs(with_similarity: bool) -> list[Config]:
    subsets = [
        tuple(c for c, on in zip(STRUCTURAL, mask, strict=True) if on)
        for mask in itertools.product((0, 1), repeat=len(STRUCTURAL))
    ]
    sims = SIMILARITY if with_similarity else (0.0,)
    return [(s, t, m) for s in subsets for t in TERMS for m in sims]


def predict(items: Sequence[Item], config: Config) -> np.ndarray:
    checks, terms, sim = config
    return np.array(
        [
            all(i.verdict.checks[c] for c in checks)
            and i.verdict.terms >= terms
            and (i.verdict.similarity or 0.0) >= sim
            for i in items
        ],
        dtype=int,
    )


def balanced(labels: np.ndarray, predicted: np.ndarray) -> float:
    pos, neg = predicted[labels == 1], predicted[labels == 0]
    return float(0.5 * (pos.mean() + (1 - neg).mean()))


def fit(items: Sequence[Item], with_similarity: bool) -> tuple[Config, float]:
    """The configuration with the best balanced accuracy on ``items`` (ties: fewer checks)."""
    labels = np.array([i.label for i in items])
    scored = [
        (balanced(labels, predict(items, c)), -len(c[0]), c) for c in configs(with_similarity)
    ]
    best = max(scored, key=lambda s: (s[0], s[1]))
    return best[2], best[0]


def out_of_fold(items: Sequence[Item], with_similarity: bool, folds: int = 5) -> float:
    """Balanced accuracy of predictions each made by a configuration fitted without the
    claim's document."""
    labels = np.array([i.label for i in items])
    groups = np.array([i.group for i in items])
    predicted = np.zeros(len(items), dtype=int)
    for train, test in GroupKFold(folds).split(labels, labels, groups):
        config, _ = fit([items[i] for i in train], with_similarity)
        predicted[test] = predict([items[i] for i in test], config)
    return balanced(labels, predicted)


def per_check(items: Sequence[Item], check: str) -> float:
    labels = np.array([i.label for i in items])
    return balanced(labels, np.array([int(i.verdict.checks.get(check, True)) for i in items]))
