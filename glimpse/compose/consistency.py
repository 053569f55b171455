"""The gate's learned verdict: a handful of alignment measures weighed by a logistic model.

For each claim sentence :func:`sentence_features` measures what it adds to its closest
source sentences (:mod:`glimpse.compose.alignment`): content words no source has and how
rare they are, names and numbers no source has, a negation gained or lost, hedges, degree
words and prefix antonyms added, subjects and objects turned round or moved to another verb;
and, with MiniLM, how close the sentence and its least-supported word piece come to the
support (a BERTScore-style token alignment). :func:`probability` weighs them with a
:class:`Model` of :mod:`glimpse.compose.gate_weights`, fitted by ``bench/grounding.py``.

The verdict is only as good as the data it was fitted on: on SummEdits news (minimal edits of
a summary) and Rank19 it does a little better than the hand-set rules, well short of an
entailment model (see BENCHMARKS.md, section grounding).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from glimpse.compose import alignment as al
from glimpse.compose.terms import STOP_WORDS

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Pieces:
    """A sentence's MiniLM word pieces and their unit contextual vectors."""

    tokens: tuple[str, ...]
    vectors: Vectors


def _content_piece(token: str) -> bool:
    return token.isalnum() and not token.startswith("##") and token not in STOP_WORDS


def token_alignment(claim: Pieces, support: Sequence[Pieces]) -> dict[str, float]:
    """How well the claim's content word pieces align with the support's (BERTScore-style:
    each piece's best cosine to any support piece): ``tok_min``, ``tok_p10``, ``tok_mean``
    over all of them; ``tok_gap``, how far the worst piece falls below the mean (one word
    that finds no counterpart in an otherwise well-aligned sentence: what a changed fact
    looks like, whether the sentence is a near copy or a free paraphrase); ``new_min`` and
    ``new_low`` (how many below 0.6) over the pieces the support lacks verbatim."""
    keep = [i for i, t in enumerate(claim.tokens) if _content_piece(t)]
    pool = [p.vectors for p in support if len(p.tokens)]
    if not keep or not pool:
        return {"tok_min": 1.0, "tok_p10": 1.0, "tok_mean": 1.0, "tok_gap": 0.0,
                "new_min": 1.0, "new_low": 0.0}  # fmt: skip
    best = (claim.vectors[keep] @ np.concatenate(pool).T).max(axis=1)
    have = {t for p in support for t in p.tokens}
    new = np.array([b for i, b in zip(keep, best, strict=True) if claim.tokens[i] not in have])
    return {
        "tok_min": float(best.min()),
        "tok_p10": float(np.percentile(best, 10)),
        "tok_mean": float(best.mean()),
        "tok_gap": float(best.mean() - best.min()),
        "new_min": float(new.min()) if len(new) else 1.0,
        "new_low": float((new < 0.6).sum()),
    }


def sentence_features(
    claim: al.Sentence,
    support: Sequence[al.Sentence],
    sources: Sequence[al.Sentence],
) -> dict[str, float]:
    """The structural measures of one claim sentence against its ``support`` (closest
    first) and every sentence of its ``sources``."""
    known = al.keys(sources)
    close = al.keys(support)
    new = al.novel(claim, known)
    n_content = max(len(al.content(claim)), 1)
    swapped, moved = al.role_changes(claim, support)
    head = support[:1]
    return {
        "novel": len(new) / n_content,
        "novel_support": len(al.novel(claim, close)) / n_content,
        "rare_max": max((al.rarity(w.text) for w in new), default=0.0),
        "rare_sum": sum(al.rarity(w.text) for w in new),
        "names": float(len(al.novel_names(claim, known))),
        "numbers": float(len(al.novel_numbers(claim, known))),
        "negation": float((al.negations(claim) > 0) != any(al.negations(s) > 0 for s in head)),
        "hedges": float(len(al.added_hedges(claim, support))),
        "degrees": float(len(al.added_degrees(claim, support))),
        "antonyms": float(len(al.prefix_antonyms(claim, support))),
        "units": float(len(al.changed_units(claim, sources))),
        "swapped": float(swapped),
        "moved": float(moved),
        "length": math.log1p(n_content),
    }


def combine(per_sentence: Sequence[Mapping[str, float]]) -> dict[str, float]:
    """A claim's measures from its sentences': the worst of each (highest count, lowest
    similarity)."""
    lowest = {"cosine", "tok_min", "tok_p10", "tok_mean", "new_min", "terms"}
    out: dict[str, float] = {}
    for name in per_sentence[0]:
        values = [f[name] for f in per_sentence]
        out[name] = min(values) if name in lowest else max(values)
    return out


@dataclass(frozen=True, slots=True)
class Model:
    """A fitted logistic verdict: ``features`` standardised by ``mean`` and ``scale``,
    weighed by ``coef`` plus ``intercept``; a claim is supported at ``threshold`` or above."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float


def probability(features: Mapping[str, float], model: Model) -> float:
    """The model's probability that a claim with ``features`` is supported (a feature the
    claim lacks counts as 0)."""
    z = model.intercept
    for name, mean, scale, coef in zip(
        model.features, model.mean, model.scale, model.coef, strict=True
    ):
        z += coef * (features.get(name, 0.0) - mean) / (scale or 1.0)
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


#: what each measure means to a writer asked to rewrite a refused sentence
EXPLAIN = {
    "names": "a name no source gives",
    "numbers": "a number no source gives",
    "negation": "a negation its closest source lacks (or drops one)",
    "hedges": "a hedge ('may', 'reportedly') its sources lack",
    "swapped": "who did what to whom turned round",
    "tok_gap": "a word with no counterpart in its sources",
}


def weakest(features: Mapping[str, float], model: Model) -> str:
    """What pulled the probability down most, in words ("a name no source gives")."""
    pulls = {
        name: coef * (features.get(name, 0.0) - mean) / (scale or 1.0)
        for name, mean, scale, coef in zip(
            model.features, model.mean, model.scale, model.coef, strict=True
        )
        if name in EXPLAIN
    }
    worst = min(pulls, key=lambda n: pulls[n], default=None)
    return EXPLAIN[worst] if worst is not None and pulls[worst] < 0 else "too far from its sources"
