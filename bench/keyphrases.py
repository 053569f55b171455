"""Keyphrase quality and speed: glimpse vs YAKE on DUC-2001 and 500N-KPCrowd.

Metric: precision, recall and F1 at 5 and 10 after lowercasing and Porter stemming (nltk's
PorterStemmer, which needs no nltk data), exact match, averaged over documents as pke does;
F1@10 is also given micro-averaged (counts pooled over all documents). Both systems get the
same text (title, when the set has one, then the body). Speed is articles per second on one
core for the whole ``glimpse.enrich.tag_articles`` call (entities, keyphrases, tags) and for
``yake.KeywordExtractor.extract_keywords``.

glimpse's keyphrase weights were tuned on the *tune* part only (DUC-2001 documents at even
positions in id order, and the kpcrowd train split); figures are reported on every part.

    .venv/bin/python -m bench.keyphrases
"""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bench._report import BENCHMARKS, DATA, machine, table, write_section
from glimpse.models import Article

COMMAND = ".venv/bin/python -m bench.keyphrases"


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    text: str
    gold: tuple[str, ...]  # stemmed gold keyphrases


@functools.cache
def _stemmer() -> Any:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def stem_phrase(phrase: str) -> str:
    return " ".join(_stemmer().stem(w) for w in phrase.lower().split())


def _gold(entries: list[list[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(stem_phrase(variants[0]) for variants in entries))


def _reflow(raw: str) -> str:
    """DUC bodies keep the original line wrapping; paragraphs start with indentation."""
    paras = re.split(r"\n\s*\n|\n(?=[ \t]+)", raw.strip())
    return "\n\n".join(" ".join(p.split()) for p in paras if p.strip())


def load_duc() -> list[Item]:
    root = DATA / "duc2001-keyphrase"
    refs = json.loads((root / "test.reader.json").read_text())
    items = []
    for path in sorted((root / "docs").glob("*.txt")):
        text = _reflow(path.read_text(encoding="utf-8", errors="replace"))
        items.append(Item(path.stem, "", text, _gold(refs[path.stem])))
    return items


def load_kpcrowd(split: str) -> list[Item]:
    root = DATA / "kpcrowd-500n"
    refs = json.loads((root / f"boudin-split.{split}.reader.json").read_text())
    items = []
    for doc_id in sorted(refs):
        raw = (root / split / f"{doc_id}.txt").read_text(encoding="utf-8", errors="replace")
        title, _, body = raw.strip().partition("\n")
        items.append(Item(doc_id, title.strip(), body.strip(), _gold(refs[doc_id])))
    return items


def datasets() -> dict[str, dict[str, list[Item]]]:
    """Each set with its parts: the part glimpse was tuned on, the rest, and all of it."""
    duc = load_duc()
    train, test = load_kpcrowd("train"), load_kpcrowd("test")
    return {
        "DUC-2001": {"tune (even ids)": duc[0::2], "held-out (odd ids)": duc[1::2], "all": duc},
        "kpcrowd-500n": {"train (tune)": train, "test": test, "all": train + test},
    }


def prf(pred: Sequence[str], gold: Sequence[str], k: int) -> tuple[int, int, int]:
    """(matches, predicted, gold) for the top ``k`` predictions, stemmed, duplicates dropped."""
    top = list(dict.fromkeys(stem_phrase(p) for p in pred))[:k]
    return len(set(top) & set(gold)), len(top), len(gold)


def f1(m: int, p: int, g: int) -> float:
    prec, rec = (m / p if p else 0.0), (m / g if g else 0.0)
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def scores(preds: list[Sequence[str]], items: list[Item]) -> dict[str, float]:
    out: dict[str, float] = {}
    for k in (5, 10):
        counts = [prf(p, it.gold, k) for p, it in zip(preds, items, strict=True)]
        out[f"F1@{k}"] = sum(f1(*c) for c in counts) / max(len(counts), 1)
        if k == 10:
            out["F1@10 micro"] = f1(*(sum(c[i] for c in counts) for i in range(3)))
    return out


def article(item: Item) -> Article:
    return Article(id=item.id, title=item.title, text=item.text)


def run_glimpse(items: list[Item]) -> list[Sequence[str]]:
    from glimpse.enrich import tag_articles

    return [f.keyphrases for f in tag_articles([article(it) for it in items], top=10)]


def run_yake(items: list[Item]) -> list[Sequence[str]]:
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
    return [
        [kw for kw, _ in extractor.extract_keywords(f"{it.title}\n\n{it.text}".strip())]
        for it in items
    ]


def timed(
    fn: Callable[[list[Item]], list[Sequence[str]]], items: list[Item]
) -> tuple[list[Sequence[str]], float]:
    """Predictions and articles per CPU second of this process (other jobs on the machine
    do not count against it; spaCy and YAKE both run single-threaded here)."""
    start = time.process_time()
    preds = fn(items)
    return preds, len(items) / (time.process_time() - start)


def warm_up() -> None:
    from glimpse.enrich import tag_articles

    tag_articles([Article(id="w", title="Warm up", text="The summit began in Moscow.")])


def rows_for(name: str, parts: dict[str, list[Item]]) -> list[list[object]]:
    everything = parts["all"]
    systems = (("glimpse", run_glimpse), ("YAKE", run_yake))
    rows: list[list[object]] = []
    for system, fn in systems:
        preds, rate = timed(fn, everything)
        by_id = dict(zip((it.id for it in everything), preds, strict=True))
        for part, items in parts.items():
            s = scores([by_id[it.id] for it in items], items)
            row = [f"{name} {part}", system, len(items), s["F1@5"], s["F1@10"], s["F1@10 micro"]]
            rows.append([*row, rate])
            print(" | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in rows[-1]))
    return sorted(rows, key=lambda r: str(r[0]))


def main() -> None:
    warm_up()
    rows = [row for name, parts in datasets().items() for row in rows_for(name, parts)]
    headers = ["set", "system", "docs", "F1@5", "F1@10", "F1@10 micro", "articles/s"]
    md = "\n\n".join(
        [
            "## Keyphrases (issue 7)",
            "Porter-stemmed exact match; F1@5/F1@10 averaged over documents (pke), "
            "F1@10 micro pools the counts. glimpse articles/s is the whole `tag_articles` "
            "(entities, keyphrases, tags) on one core over the whole set; YAKE n=3, top=10, "
            "same text. Speed is articles per CPU second of the benchmark process (one core). "
            "glimpse was tuned on the *tune* rows only; its background word "
            "frequencies come from `wordfreq`, not from these documents.",
            table(headers, rows),
            f"Reproduce: `{COMMAND}` (from the repo root). Measured on {machine()}.",
        ]
    )
    write_section("keyphrases", md)
    print(f"\nwritten to {BENCHMARKS}")


if __name__ == "__main__":
    main()
