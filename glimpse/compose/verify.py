"""The verification gate: is a claim sentence supported by its sources?

:func:`verify_claim` picks the source sentences closest to the claim (term overlap, and
MiniLM similarity when an embedder is given), then runs the named checks of
:mod:`glimpse.compose.checks` against them: ``numbers``, ``names``, ``quotes`` (verbatim in
the sources), ``negation``, ``attribution``, ``terms`` (share of the claim's content terms
in its support) and ``similarity`` (MiniLM cosine to the closest support sentence). Last,
``consistency``: a logistic model (:mod:`glimpse.compose.consistency`, weights in
:mod:`glimpse.compose.gate_weights`) weighs what the claim adds to its support on spaCy's
parse and, with MiniLM, how its worst word piece aligns; its probability is the verdict's
``score``. Which checks decide (:class:`GateOptions`) and the model were fitted on SummEdits
news with cross-validation grouped by document (``bench/grounding.py`` reports the
out-of-fold figures).

The same function backs ``glimpse verify``, the LLM writer's gate and the benchmarks; it
never writes anything.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
import numpy.typing as npt

from glimpse.compose import alignment as al
from glimpse.compose import consistency as cs
from glimpse.compose import gate_weights as gw
from glimpse.compose.checks import (
    STRUCTURAL,
    canonical,
    quote_failures,
    strict_attribution_failures,
    term_share,
)
from glimpse.compose.terms import content_words
from glimpse.extract.sentences import split_sentences

CHECKS = (
    "numbers", "names", "quotes", "negation", "attribution", "roles", "terms", "similarity",
    "consistency",
)  # fmt: skip
#: the checks whose failure the learned verdict also sees (as ``chk_<name>`` features)
HARD = ("numbers", "names", "quotes", "negation")


class Embedder(Protocol):
    """What the gate needs of :class:`glimpse.enrich.embed.Embedder`."""

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]: ...


Parser = Callable[[Sequence[str]], list[al.Sentence]]


@dataclass(frozen=True, slots=True)
class GateOptions:
    """Thresholds of the gate.

    Attributes:
        support_sentences: the claim is checked against this many closest source sentences.
        min_terms: at least this share of the claim's content terms must be in its support.
        min_similarity: MiniLM cosine to the closest support sentence must reach this (only
            when an embedder is given).
        checks: the checks that decide ``supported`` (all of :data:`CHECKS` by default).
        strict_attribution: a claim whose closest support has any attribution word ("said")
            must keep one (a writer's gate); otherwise only a quoted speaker must be kept.
    """

    support_sentences: int = 3
    min_terms: float = 0.0
    min_similarity: float = 0.6
    # chosen on SummEdits news by bench/grounding.py: attribution and the terms floor
    # rejected more faithful summary sentences than unfaithful ones there, and the learned
    # ``consistency`` verdict weighs MiniLM's alignment better than a similarity floor
    checks: tuple[str, ...] = ("numbers", "names", "quotes", "negation", "roles", "consistency")
    strict_attribution: bool = False


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the gate found. ``checks`` maps each check run to whether it passed; ``failed``
    names the failed ones in :data:`CHECKS` order, ``reasons`` what failed ("numbers:
    3,380"); ``score`` is in [0, 1], higher means better supported (the ``consistency``
    model's probability when that check runs); ``support`` are the source sentences the
    claim was checked against, closest first; ``terms`` and ``similarity`` the measured
    values (lowest over the claim's sentences); ``features`` the alignment measures the
    model weighs (empty when ``consistency`` does not run)."""

    supported: bool
    score: float
    checks: Mapping[str, bool]
    failed: tuple[str, ...]
    reasons: tuple[str, ...] = ()
    support: tuple[str, ...] = field(default=())
    terms: float = 1.0
    similarity: float | None = None
    features: Mapping[str, float] = field(default_factory=dict)


def source_sentences(sources: Sequence[str]) -> list[str]:
    """Every sentence of ``sources`` (rule-based splitter of :mod:`glimpse.extract`)."""
    return [s.text for text in sources for s in split_sentences(text)]


def _overlap(claim: str, sentences: Sequence[str]) -> list[float]:
    """IDF-weighted share of the claim's terms each sentence has."""
    keys = set(content_words(canonical(claim)))
    bags = [set(content_words(canonical(s))) for s in sentences]
    df = Counter(k for bag in bags for k in bag & keys)
    idf = {k: math.log(1 + len(bags) / (1 + df[k])) for k in keys}
    total = sum(idf.values()) or 1.0
    return [sum(idf[k] for k in bag & keys) / total for bag in bags]


def select_support(
    claim: str,
    sentences: Sequence[str],
    k: int,
    similarity: Sequence[float] | None = None,
) -> list[int]:
    """Indexes of the ``k`` sentences closest to ``claim``, closest first: IDF-weighted term
    overlap, averaged with ``similarity`` (MiniLM cosine per sentence) when given."""
    scores = _overlap(claim, sentences)
    if similarity is not None:
        scores = [(a + b) / 2 for a, b in zip(scores, similarity, strict=True)]
    order = sorted(range(len(sentences)), key=lambda i: -scores[i])
    return order[:k]


def cosines(claim: str, sentences: Sequence[str], embedder: Embedder) -> list[float]:
    """MiniLM cosine of ``claim`` with each sentence (vectors are unit length)."""
    vectors = embedder.embed([claim, *sentences])
    return [float(v) for v in vectors[1:] @ vectors[0]]


def _score(share: float, similarity: float | None, failures: int) -> float:
    base = share if similarity is None else (share + max(similarity, 0.0)) / 2
    return round(base / (1 + failures), 4)


def verify_claim(
    claim: str,
    sources: Sequence[str],
    *,
    embedder: Embedder | None = None,
    options: GateOptions | None = None,
    sentences: Sequence[str] | None = None,
    parse: Parser | None = None,
) -> Verdict:
    """Check ``claim`` (one sentence or several) against ``sources`` (whole texts: quotes
    must be verbatim in them). Each sentence of the claim is checked on its own, against its
    own closest support; a check fails when it fails for any sentence. Then the learned
    ``consistency`` verdict weighs the alignment measures of every sentence (the worst of
    each, :func:`glimpse.compose.consistency.combine`); its probability is the ``score``.

    ``sentences`` are the candidate support sentences (default: every sentence of
    ``sources``); a writer passes the sentences a generated sentence cites. ``parse`` is
    the spaCy parser (default :func:`glimpse.compose.alignment.parse`; the benchmarks pass
    a cached one).
    """
    options = options or GateOptions()
    pool = list(sentences) if sentences is not None else source_sentences(sources)
    pool = [s for s in pool if s.strip()] or [" ".join(sources)]
    parts = [s.text for s in split_sentences(claim)] or [claim]
    verdicts = [_verify_sentence(p, sources, pool, embedder, options, parse) for p in parts]
    merged = verdicts[0] if len(verdicts) == 1 else _merge(verdicts)
    if "consistency" not in options.checks:
        return merged
    return _learned(merged)


def _merge(verdicts: Sequence[Verdict]) -> Verdict:
    checks = {c: all(v.checks.get(c, True) for v in verdicts) for c in verdicts[0].checks}
    failed = tuple(c for c in CHECKS if any(c in v.failed for v in verdicts))
    return Verdict(
        supported=not failed,
        score=min(v.score for v in verdicts),
        checks=checks,
        failed=failed,
        reasons=tuple(r for v in verdicts for r in v.reasons),
        support=tuple(dict.fromkeys(s for v in verdicts for s in v.support)),
        terms=min(v.terms for v in verdicts),
        similarity=min((v.similarity for v in verdicts if v.similarity is not None), default=None),
        features=cs.combine([v.features for v in verdicts]),
    )


def _learned(verdict: Verdict) -> Verdict:
    """``verdict`` with the ``consistency`` check decided by the fitted model (MiniLM's when
    the token alignment was measured) and its probability as the score."""
    model = gw.MODELS["minilm" if "tok_min" in verdict.features else "structural"]
    p = cs.probability(verdict.features, model)
    passed = p >= model.threshold
    failed = tuple(c for c in CHECKS if c in verdict.failed or (c == "consistency" and not passed))
    why = f"consistency: {p:.2f}, {cs.weakest(verdict.features, model)}"
    reasons = verdict.reasons if passed else (*verdict.reasons, why)
    return replace(
        verdict,
        supported=not failed,
        score=round(p, 4),
        checks={**verdict.checks, "consistency": passed},
        failed=failed,
        reasons=reasons,
    )


def _verify_sentence(
    claim: str,
    sources: Sequence[str],
    pool: Sequence[str],
    embedder: Embedder | None,
    options: GateOptions,
    parse: Parser | None = None,
) -> Verdict:
    sims = cosines(claim, pool, embedder) if embedder is not None else None
    chosen = select_support(claim, pool, options.support_sentences, sims)
    support = [pool[i] for i in chosen]
    reasons: list[str] = []
    checks: dict[str, bool] = {}
    for name, check in STRUCTURAL.items():
        # facts (numbers, names) may come from any candidate sentence; how a claim is framed
        # (negation, attribution) must match the sentences closest to it
        if name == "attribution" and options.strict_attribution:
            check = strict_attribution_failures
        found = check(claim, pool if name in ("numbers", "names") else support)
        checks[name] = not found
        reasons += [f"{name}: {', '.join(found)}"] if found else []
    quotes = quote_failures(claim, [*sources, *pool])
    checks["quotes"] = not quotes
    reasons += [f"quotes: {', '.join(quotes)}"] if quotes else []
    share = term_share(claim, support)
    checks["terms"] = share >= options.min_terms
    best = max((sims[i] for i in chosen), default=0.0) if sims is not None else None
    if best is not None:
        checks["similarity"] = best >= options.min_similarity
    features: dict[str, float] = {}
    if "consistency" in options.checks or "roles" in options.checks:
        features = _measure(claim, pool, chosen, embedder, parse or al.parse)
        features.update({f"chk_{c}": float(not checks[c]) for c in HARD})
        features.update(terms=share, **({} if best is None else {"cosine": best}))
        checks["roles"] = not features["swapped"]
        reasons += [] if checks["roles"] else ["roles: who did what to whom turned round"]
    deciding = [c for c in CHECKS if c in checks and c in options.checks]
    failed = tuple(c for c in deciding if not checks[c])
    reasons += [f"{c}: {share:.2f}" for c in failed if c == "terms"]
    reasons += [f"{c}: {best:.2f}" for c in failed if c == "similarity" and best is not None]
    hard = sum(1 for c in failed if c not in ("terms", "similarity"))
    return Verdict(
        supported=not failed,
        score=_score(share, best, hard),
        checks={c: checks[c] for c in CHECKS if c in checks},
        failed=failed,
        reasons=tuple(reasons),
        support=tuple(support),
        terms=share,
        similarity=best,
        features=features,
    )


def _measure(
    claim: str, pool: Sequence[str], chosen: Sequence[int], embedder: Embedder | None, parse: Parser
) -> dict[str, float]:
    """The alignment measures of :mod:`glimpse.compose.consistency` for one claim sentence:
    the token alignment too when ``embedder`` gives word-piece vectors."""
    parsed = parse([claim, *pool])
    doc = parsed[1:]
    features = cs.sentence_features(parsed[0], [doc[i] for i in chosen], doc)
    embed_tokens = getattr(embedder, "embed_tokens", None)
    if embed_tokens is not None:
        texts = [claim, *(pool[i] for i in chosen)]
        pieces = [cs.Pieces(tuple(t), v) for t, v in embed_tokens(texts)]
        features.update(cs.token_alignment(pieces[0], pieces[1:]))
    return features


class Entailment(Protocol):
    """What the gate needs of :class:`glimpse.compose.judge.Judge`: True, False, or None when
    the endpoint could not judge."""

    def __call__(self, claim: str, support: Sequence[str]) -> bool | None: ...


def verify_record(
    record: Mapping[str, object],
    embedder: Embedder | None = None,
    judge: Entailment | None = None,
) -> dict[str, object]:
    """One ``glimpse verify`` line: ``{"id", "sources": [text, ...] | "source": text, "claim"}``
    in, ``{"id", "supported", "score", "failed"}`` out. With ``judge``, a claim that passed
    every check is also put to it against its closest support (``entailment`` fails when
    it says no). Raises ``ValueError`` naming what is missing when the record has no claim
    or no source text."""
    claim = record.get("claim")
    raw = record.get("sources", record.get("source"))
    sources = [raw] if isinstance(raw, str) else raw
    if not isinstance(claim, str) or not claim.strip():
        raise ValueError('needs a "claim" string')
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        raise ValueError('needs "sources" (a list of texts) or "source" (a text)')
    verdict = verify_claim(claim, [str(s) for s in sources], embedder=embedder)
    failed = list(verdict.failed)
    if verdict.supported and judge is not None and judge(claim, verdict.support) is False:
        failed.append("entailment")
    return {
        "id": record.get("id"),
        "supported": not failed,
        "score": verdict.score if not failed else round(verdict.score / 2, 4),
        "failed": failed,
    }
