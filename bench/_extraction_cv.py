"""Out-of-fold figures for every rule glimpse adds on top of trafilatura.

Each page's stage outputs (trafilatura's paragraphs in three modes, readability's text and
blocks, the words of the page's ``<p>`` elements, the page title) are computed once; a *config*
picks the trafilatura mode and the value of each rule (the vote's two gates, readability's text
replacing a shorter one, dropping the headline, cutting a related list, furniture) and is
applied with glimpse's own functions (:mod:`glimpse.extract.body`, `finish` in article.py).
Pages are split into 5 folds per page set (fixed seed); on each fold the config with the best
mean page F1 on the other four folds is scored on the held-out fold. A rule is kept in the
shipped defaults only when it wins on folds it was not fitted on.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass

import trafilatura

from glimpse.extract.article import finish, parse_html
from glimpse.extract.body import (
    _blocks,
    _lines,
    _readability,
    extend,
    needs_vote,
    page_words,
    refine,
)
from glimpse.extract.metadata import read_metadata
from glimpse.extract.options import ExtractOptions

SHIPPED = ExtractOptions()
SHIPPED_FURNITURE = SHIPPED.drop_furniture or ("caption", "credit", "prompt", "bio")
MODES = {
    "defaults": {},
    "no comments": {"include_comments": False},
    "recall, no comments": {"include_comments": False, "favor_recall": True},
}
RULES = {
    "vote_max_words": (0, 300),  # wider gates run readability on most pages: too slow
    "vote_min_share": (0.0, 0.4, 0.6),
    "extend_ratio": (0.0, 1.3, 2.0),
    "drop_title": (False, True),
    "cut_related": (False, True),
    "drop_furniture": ((), SHIPPED_FURNITURE),
}


@dataclass(frozen=True)
class Stages:
    modes: dict[str, tuple[str, ...]]
    voter: str
    blocks: tuple[str, ...]
    in_page: int
    title: str | None


@dataclass(frozen=True)
class Config:
    mode: str
    options: ExtractOptions

    def label(self) -> str:
        o = self.options
        return (
            f"{self.mode}; vote ≤{o.vote_max_words} words or <{o.vote_min_share:g} of <p>; "
            f"extend ×{o.extend_ratio:g}; drop_title={o.drop_title}; "
            f"cut_related={o.cut_related}; furniture={bool(o.drop_furniture)}"
        )


def stages(html: str, url: str | None) -> Stages:
    tree = parse_html(html)
    modes = {}
    for name, kwargs in MODES.items():
        doc = trafilatura.bare_extraction(
            copy.deepcopy(tree), url=url, with_metadata=False, **kwargs
        )
        modes[name] = _lines(getattr(doc, "text", None) or "")
    readable = _readability(tree, url)
    voter = readable.text_content() if readable is not None else ""
    blocks = _blocks(readable) if readable is not None else ()
    title = read_metadata(tree, url, html_dates=False).title
    return Stages(modes, voter, blocks, page_words(tree), title)


def apply(config: Config, page: Stages) -> str:
    base = page.modes[config.mode]
    o = config.options
    if base and needs_vote(base, o, page.in_page) and page.voter:
        base = extend(base, page.voter, page.blocks, o) or refine(base, page.voter, o)
    return "\n".join(finish(base, page.title, o))


def configs() -> list[Config]:
    found = []
    for mode, *values in itertools.product(MODES, *RULES.values()):
        changes = dict(zip(RULES, values, strict=True))
        found.append(Config(mode, dataclasses.replace(SHIPPED, **changes)))  # type: ignore[arg-type]
    return found


def folds(groups: dict[str, list[str]], k: int = 5, seed: int = 0) -> dict[str, int]:
    """Page id → fold, dealt round-robin after a seeded shuffle within each page set."""
    out: dict[str, int] = {}
    for ids in groups.values():
        shuffled = sorted(ids)
        random.Random(seed).shuffle(shuffled)
        out.update({page: i % k for i, page in enumerate(shuffled)})
    return out


Scorer = Callable[[str, str], float]  # (page id, prediction) → page F1


def cross_validate(
    pages: dict[str, Stages],
    fold_of: dict[str, int],
    page_f1: Scorer,
    k: int = 5,
    fixtures: frozenset[str] = frozenset(),
) -> list[dict[str, object]]:
    """Per fold: the config fitted on the other folds, its held-out mean page F1, and the
    held-out F1 of trafilatura's defaults and of the shipped defaults (both also without the
    hand-written ``fixtures``); plus, per rule, what
    switching that rule off in the fitted config would have changed on the held-out fold."""
    grid = configs()
    page_f1 = _memo(page_f1)
    scores = {c: {p: page_f1(p, apply(c, s)) for p, s in pages.items()} for c in grid}
    baseline = Config("defaults", dataclasses.replace(SHIPPED, **_OFF))  # type: ignore[arg-type]
    shipped = Config("recall, no comments", SHIPPED)
    rows: list[dict[str, object]] = []
    for fold in range(k):
        train = [p for p in pages if fold_of[p] != fold]
        test = [p for p in pages if fold_of[p] == fold]
        real = [p for p in test if p not in fixtures]  # captured pages only
        best = max(grid, key=lambda c: _mean(scores[c], train))
        row: dict[str, object] = {
            "fold": fold,
            "pages": len(test),
            "fitted": best.label(),
            "fitted_f1": _mean(scores[best], test),
            "trafilatura_f1": _mean(_score_of(scores, baseline, page_f1, pages), test),
            "shipped_f1": _mean(_score_of(scores, shipped, page_f1, pages), test),
            "fitted_real_f1": _mean(scores[best], real),
            "trafilatura_real_f1": _mean(scores[baseline], real),
        }
        for rule, off in _OFF.items():
            flipped = Config(best.mode, dataclasses.replace(best.options, **{rule: off}))
            row[rule] = _mean(scores[best], test) - _mean(scores[flipped], test)
        flipped_mode = Config("defaults", best.options)
        row["mode"] = _mean(scores[best], test) - _mean(scores[flipped_mode], test)
        rows.append(row)
    return rows


_OFF: dict[str, object] = {
    "vote_max_words": 0,
    "vote_min_share": 0.0,
    "extend_ratio": 0.0,
    "drop_title": False,
    "cut_related": False,
    "drop_furniture": (),
}


def _memo(page_f1: Scorer) -> Scorer:
    """``page_f1`` computed once per distinct (page, text): most configs agree on most pages."""
    seen: dict[tuple[str, str], float] = {}

    def scored(page: str, pred: str) -> float:
        if (page, pred) not in seen:
            seen[page, pred] = page_f1(page, pred)
        return seen[page, pred]

    return scored


def _score_of(
    scores: dict[Config, dict[str, float]],
    config: Config,
    page_f1: Scorer,
    pages: dict[str, Stages],
) -> dict[str, float]:
    if config not in scores:
        scores[config] = {p: page_f1(p, apply(config, s)) for p, s in pages.items()}
    return scores[config]


def _mean(values: dict[str, float], keys: list[str]) -> float:
    return sum(values[k] for k in keys) / len(keys) if keys else 0.0
