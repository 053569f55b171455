"""What the headline-ROUGE target asks of the copy rule: the leave-one-out cases re-read.

For each leave-one-out brief of ``bench.briefs``'s headline table this keeps the headline
candidates glimpse scored (:func:`glimpse.compose.headline.headline_candidates` on what the
brief's headline was made from), so the table can say

- how glimpse and the most central source title do when the left-out title is its outlet's own
  and when it is a syndicated copy of another article's title (``copied``, as the brief's copy
  rule reads it: the most central title then scores it nearly word for word);
- the best any fresh (not copied) candidate of glimpse's pool could score: a bound on what a
  better chooser could reach without copying;
- ROUGE-1 and the share of copied headlines as ``COPY_RATIO`` varies: what copying buys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import mean

from rouge_score import rouge_scorer

from glimpse.compose import ComposeOptions
from glimpse.compose.conflicts import find_conflicts
from glimpse.compose.headline import headline_candidates
from glimpse.compose.headline_text import clean_title, copied, plain
from glimpse.models import Article, Brief

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


def make_case(
    half: str, held: Article, others: Sequence[Article], draft: Brief, central: str
) -> Case:
    """The case of one leave-one-out brief: ``draft`` is :func:`glimpse.compose.draft_brief`
    of ``others`` with the default options. Its headline was chosen from the candidates of its
    articles in the brief's (time) order, its lead sentence and the story's disputed figures,
    which are all read back from it here."""
    by_id = {a.id: a for a in others}
    articles = [by_id[source.article] for source in draft.sources]
    lead = draft.summary[0].text if draft.summary else ""
    limit = ComposeOptions().headline_words
    pool = headline_candidates(articles, lead, limit, find_conflicts(articles))
    scored = tuple((c.score, c.text, c.copied) for c in pool)
    others_titles = [f" {plain(clean_title(a.title))} " for a in others]
    syndicated = copied(clean_title(held.title), others_titles)
    return Case(half, held.title, syndicated, draft.headline, central, scored)


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
