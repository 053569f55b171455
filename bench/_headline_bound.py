"""What the headline-ROUGE target asks of the copy rule: the leave-one-out cases re-read.

For each leave-one-out brief of ``bench.briefs``'s headline table this keeps the headline
candidates glimpse scored (``write_candidates`` and ``score_candidates`` on the arguments
``compose_brief`` gave ``make_headline``), so the table can say

- how glimpse and the most central source title do when the left-out title is its outlet's own
  and when it is a syndicated copy of another article's title (``copied``, as the brief's copy
  rule reads it: the most central title then scores it nearly word for word);
- the best any fresh (not copied) candidate of glimpse's pool could score: a bound on what a
  better chooser could reach without copying;
- ROUGE-1 and the share of copied headlines as ``COPY_RATIO`` varies: what copying buys.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from statistics import mean
from typing import Any

from rouge_score import rouge_scorer

from glimpse.compose.headline import states_older_figure
from glimpse.compose.headline_text import clean_title, copied, plain
from glimpse.compose.headline_write import score_candidates, write_candidates
from glimpse.models import Article

ONE = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
RATIOS = (0.55, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True)
class Case:
    """One leave-one-out brief: the left-out title, glimpse's and the baseline's headlines,
    and every candidate with (score, text, copied)."""

    half: str
    reference: str
    syndicated: bool
    headline: str
    central: str
    candidates: tuple[tuple[float, str, bool], ...]


@contextmanager
def captured() -> Iterator[list[tuple[Any, ...]]]:
    """The arguments of every ``make_headline`` call made by ``compose_brief`` meanwhile."""
    import glimpse.compose.brief as brief

    calls: list[tuple[Any, ...]] = []
    original = getattr(brief, "make_headline")  # noqa: B009 (patched for this run only)

    def spy(*args: Any, **kwargs: Any) -> str:
        calls.append((args, kwargs))
        return str(original(*args, **kwargs))

    setattr(brief, "make_headline", spy)  # noqa: B010
    try:
        yield calls
    finally:
        setattr(brief, "make_headline", original)  # noqa: B010


def make_case(
    half: str, held: Article, others: Sequence[Article], headline: str, central: str, call: Any
) -> Case:
    args, kwargs = call
    articles, lead = args[0], args[1]
    limit = min(args[2] if len(args) > 2 else kwargs.get("limit", 12), 12)
    conflicts = args[3] if len(args) > 3 else kwargs.get("conflicts", ())
    with_text = [a for a in articles if a.sentences] or list(articles)
    pool = [
        c
        for c in write_candidates(with_text, lead, limit)
        if not states_older_figure(c.text, conflicts)
    ]
    copies = [f" {plain(clean_title(a.title))} " for a in articles]
    ranked = score_candidates(pool, with_text)
    scored = tuple((v, c.text, copied(c.text, copies)) for v, c in ranked)
    others_titles = [f" {plain(clean_title(a.title))} " for a in others]
    syndicated = copied(clean_title(held.title), others_titles)
    return Case(half, held.title, syndicated, headline, central, scored)


def _r1(reference: str, text: str) -> float:
    return float(ONE.score(reference, text)["rouge1"].fmeasure)


def _choose(case: Case, ratio: float) -> tuple[str, bool]:
    """``make_headline``'s choice with ``COPY_RATIO`` = ``ratio``."""
    ranked = sorted(case.candidates, key=lambda c: -c[0])
    if not ranked:
        return case.headline, False
    fresh = [c for c in ranked if not c[2]]
    if fresh and fresh[0][0] >= ratio * ranked[0][0]:
        return fresh[0][1], False
    return ranked[0][1], ranked[0][2]


def bound_rows(cases: Sequence[Case]) -> list[list[object]]:
    """Rows for the halves (tuning, held-out): see the module docstring."""
    rows: list[list[object]] = []
    for half in ("tuning", "held-out"):
        mine = [c for c in cases if c.half == half]
        if not mine:
            continue
        for syndicated, label in ((False, "own title"), (True, "syndicated copy")):
            part = [c for c in mine if c.syndicated == syndicated]
            if part:
                ours = 100 * mean(_r1(c.reference, c.headline) for c in part)
                base = 100 * mean(_r1(c.reference, c.central) for c in part)
                rows.append([half, f"left-out title is its {label}", len(part),
                             f"{ours:.1f}", f"{base:.1f}"])  # fmt: skip
        best = [max((_r1(c.reference, t) for _, t, cp in c.candidates if not cp), default=0.0)
                for c in mine]  # fmt: skip
        rows.append([half, "best fresh candidate of the pool (a bound)", len(mine),
                     f"{100 * mean(best):.1f}", ""])  # fmt: skip
        for ratio in RATIOS:
            picks = [_choose(c, ratio) for c in mine]
            score = 100 * mean(_r1(c.reference, h) for c, (h, _) in zip(mine, picks, strict=True))
            share = mean(cp for _, cp in picks)
            rows.append([half, f"COPY_RATIO {ratio}: {share:.0%} copied", len(mine),
                         f"{score:.1f}", ""])  # fmt: skip
    return rows


BOUND_HEADERS = ["half", "cases", "n", "glimpse ROUGE-1", "most central title"]
