"""The page sets the extraction benchmark reads, each with the metric its SOURCE.md gives."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from bench._report import DATA

AEB = DATA / "article-extraction-benchmark"
RTP = DATA / "readability-testpages"
_TOKEN = re.compile(r"\w+")
_BOW = re.compile(r"\W+")


@dataclass(frozen=True)
class Page:
    id: str
    html: str
    url: str | None
    truth: str
    meta: dict[str, str | None] = field(default_factory=dict)  # gold title, byline, lang...
    synthetic: bool = False  # a hand-written fixture testing one rule, not a captured page


@dataclass(frozen=True)
class PageSet:
    name: str
    metric: str  # "shingles" (AEB) or "bow" (Readability test pages)
    pages: list[Page]


def load_sets() -> list[PageSet]:
    return [_aeb(), _rtp()]


def _aeb() -> PageSet:
    gold = json.loads((AEB / "ground-truth.json").read_text())
    pages = [
        Page(k, (AEB / "html" / f"{k}.html").read_text(encoding="utf-8"), v.get("url") or None,
             v["articleBody"])
        for k, v in sorted(gold.items())
    ]  # fmt: skip
    return PageSet("article-extraction-benchmark (dev half)", "shingles", pages)


def _rtp() -> PageSet:
    pages = []
    for line in (RTP / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        meta = {k: r.get(k) for k in ("title", "byline", "lang", "site_name")}
        pages.append(Page(r["id"], r["html"], r.get("url"), r["text"], meta, bool(r["synthetic"])))
    return PageSet("readability-testpages (dev)", "bow", pages)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_prf(metric: str, truth: str, pred: str) -> tuple[float | None, float | None]:
    """Precision and recall of one page (None where undefined) under the set's metric.

    shingles: the Zyte benchmark's 4-gram shingle multisets with tp/fp/fn normalised by their
    sum; bow: lower-cased ``\\W+`` word multisets (the Readability set's SOURCE.md baseline).
    """
    if metric == "shingles":
        gold, got = shingles(truth), shingles(pred)
    else:
        gold = Counter(w.lower() for w in _BOW.split(truth) if w)
        got = Counter(w.lower() for w in _BOW.split(pred or "") if w)
    tp = sum((gold & got).values())
    fp, fn = sum(got.values()) - tp, sum(gold.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def page_f1(metric: str, truth: str, pred: str) -> float:
    p, r = page_prf(metric, truth, pred)
    p, r = p or 0.0, r or 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def aggregate(metric: str, prfs: list[tuple[float | None, float | None]]) -> dict[str, float]:
    """Mean P, mean R; F1 = F1 of the means (shingles, as the Zyte table) or the mean page F1
    (bow, as the Readability set's SOURCE.md baseline)."""
    ps = [p for p, _ in prfs if p is not None]
    rs = [r for _, r in prfs if r is not None]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    if metric == "shingles":
        f1 = 2 * p * r / (p + r) if p + r else 0.0
    else:
        f1s = [2 * (a or 0) * (b or 0) / ((a or 0) + (b or 0)) if (a or 0) + (b or 0) else 0.0
               for a, b in prfs]  # fmt: skip
        f1 = sum(f1s) / len(f1s) if f1s else 0.0
    return {"p": p, "r": r, "f1": f1}
