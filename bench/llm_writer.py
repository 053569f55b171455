"""The LLM writer, measured: what the gate does to a model's sentences, and what it costs.

Run: ``.venv/bin/python -m bench.llm_writer [--docs N]`` from the repository root (or
``make bench-llm``). The server is the one ``GLIMPSE_LLM_BASE_URL`` names (model
``GLIMPSE_LLM_MODEL``, key in ``GLIMPSE_LLM_API_KEY``); unset, a local llama.cpp server
with Gemma 3 270M is started from ``.venv-llm``. Writes the "llm-writer" section of
BENCHMARKS.md.

For each of the first N realsumm-cnndm articles the extractive brief is composed, then
rewritten through :func:`glimpse.compose.llm.write_brief` (temperature 0, the shipped gate
with MiniLM). Per brief: the share of generated sentences accepted, rejected by each check,
rewritten, replaced by the extractive sentence, dropped; ROUGE of the written brief against
the source sentences the model was given (how much it copies) and against the reference
highlights (next to the extractive brief's); seconds and tokens in and out.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from statistics import mean
from typing import Any

from rouge_score import rouge_scorer

from bench._briefdata import realsumm_docs
from bench._llm_server import MODEL, gemma_server
from bench._report import machine, table, write_section
from glimpse.compose import compose_brief
from glimpse.compose.judge import Judge
from glimpse.compose.llm import FATES, LLMOptions, LLMUnavailable, http_chat, write_brief
from glimpse.enrich.embed import default_embedder
from glimpse.models import Article, Brief

COMMAND = ".venv/bin/python -m bench.llm_writer"
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
CHECKS = ("numbers", "names", "quotes", "negation", "attribution", "similarity", "voice",
          "entailment")  # fmt: skip


def _text(brief: Brief) -> str:
    return " ".join(s.text for s in [*brief.summary, *(x for p in brief.body for x in p)])


def _given(brief: Brief, article: Article) -> str:
    """The source sentences the extractive brief rests on: what the model was shown."""
    refs = dict.fromkeys(
        r for s in [*brief.summary, *(x for p in brief.body for x in p)] for r in s.support
    )
    return " ".join(article.sentences[r.sentence].text for r in refs)


def _rouge(candidate: str, reference: str) -> dict[str, float]:
    scores = SCORER.score(reference, candidate)
    return {k: v.fmeasure for k, v in scores.items()}


@contextmanager
def _server() -> Iterator[tuple[str, str]]:
    base = os.environ.get("GLIMPSE_LLM_BASE_URL")
    if base:
        with nullcontext():
            yield base, os.environ.get("GLIMPSE_LLM_MODEL", "local")
        return
    with gemma_server() as url:
        yield url, MODEL


def run_one(doc: Any, options: LLMOptions, embedder: Any, judge: Judge) -> dict[str, Any]:
    article = doc.article
    extractive = compose_brief(article.id, [article])
    chat = http_chat(options)
    started = time.perf_counter()
    row: dict[str, Any] = {"doc": doc.doc_id}
    try:
        written, outcome = write_brief(
            extractive,
            [article],
            chat,
            model=options.model,
            budget=options.budget,
            embedder=embedder,
            judge=judge,
        )
        row |= {"counts": outcome.counts, "rejected": outcome.rejected, "fallback": ""}
    except LLMUnavailable as exc:
        written = extractive
        counts = exc.outcome.counts if exc.outcome else dict.fromkeys(FATES, 0)
        rejected = exc.outcome.rejected if exc.outcome else {}
        row |= {"counts": counts, "rejected": rejected, "fallback": str(exc)}
        row["raw"] = chat.last[:300]
    row |= {
        "seconds": time.perf_counter() - started,
        "tokens_in": chat.tokens_in,
        "tokens_out": chat.tokens_out,
        "calls": chat.calls,
        "vs_given": _rouge(_text(written), _given(extractive, article)),
        "vs_reference": _rouge(_text(written), " ".join(doc.reference)),
        "extractive_vs_reference": _rouge(_text(extractive), " ".join(doc.reference)),
        "example": _text(written)[:200] if not row["fallback"] else "",
    }
    return row


def _share(n: int, total: int) -> str:
    return f"{n / total:.2f}" if total else "-"


def _mean(rows: list[dict[str, Any]], key: str, metric: str) -> str:
    return f"{mean(r[key][metric] for r in rows):.3f}" if rows else "-"


def report(rows: list[dict[str, Any]], base: str, model: str, judge: Judge) -> str:
    per_brief = []
    fates: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    for r in rows:
        generated = sum(r["counts"].values())
        fates.update(r["counts"])
        rejected.update(r["rejected"])
        per_brief.append(
            [
                r["doc"],
                generated,
                *(_share(r["counts"][f], generated) for f in FATES),
                *(_share(r["rejected"].get(c, 0), generated) for c in CHECKS),
                "-" if r["fallback"] else r["vs_given"]["rougeL"],
                f"{r['seconds']:.1f}",
                r["tokens_in"],
                r["tokens_out"],
                "yes" if r["fallback"] else "",
            ]
        )
    total = sum(fates.values())
    w = [r for r in rows if not r["fallback"]]
    heads = [
        "doc",
        "generated",
        *FATES,
        *(f"rej. {c}" for c in CHECKS),
        "ROUGE-L vs given",
        "s",
        "tok in",
        "tok out",
        "extractive kept",
    ]
    overall = [
        ["briefs", len(rows)],
        [
            "briefs the model wrote (else the extractive brief was kept)",
            sum(not r["fallback"] for r in rows),
        ],
        ["generated sentences", total],
        *[[f"share {f}", _share(fates[f], total)] for f in FATES],
        *[[f"share rejected by {c}", _share(rejected[c], total)] for c in CHECKS],
        *[
            [f"{k} vs the source sentences given (briefs the model wrote)", _mean(w, "vs_given", k)]
            for k in ("rouge1", "rouge2", "rougeL")
        ],
        ["ROUGE-1 vs reference highlights: model's briefs", _mean(w, "vs_reference", "rouge1")],
        [
            "ROUGE-1 vs reference highlights: extractive briefs, same articles",
            _mean(w, "extractive_vs_reference", "rouge1"),
        ],
        ["seconds per brief (mean)", f"{mean(r['seconds'] for r in rows):.1f}"],
        [
            "tokens in / out per brief (mean)",
            f"{mean(r['tokens_in'] for r in rows):.0f} / {mean(r['tokens_out'] for r in rows):.0f}",
        ],
        ["model calls per brief (mean)", f"{mean(r['calls'] for r in rows):.1f}"],
        [
            "entailment judge (same model)",
            f"not used: {judge.down}" if judge.down else f"used ({judge.calls} calls)",
        ],
    ]
    reasons = Counter(r["fallback"].split(":")[0] for r in rows if r["fallback"])
    examples = [f"- {r['doc']}: {r['example']}" for r in rows if r["example"]][:3]
    return "\n\n".join(
        [
            f"Server `{base}`, model `{model}`, temperature 0; first {len(rows)} realsumm-cnndm "
            f"articles; {machine()}. Command: `{COMMAND} --docs {len(rows)}`.",
            table(["what", "value"], overall),
            "Why the extractive brief was kept: "
            + (", ".join(f"{k} ({n})" for k, n in reasons.items()) or "never"),
            "Per brief (shares of that brief's generated sentences):",
            table(heads, per_brief),
            "Written sentences that were kept (first 200 characters of a brief):\n"
            + ("\n".join(examples) or "- none"),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=8, help="how many articles")
    parser.add_argument("--budget", type=float, default=120.0, help="seconds per brief")
    args = parser.parse_args()
    docs = realsumm_docs()[: args.docs]
    embedder = default_embedder()
    with _server() as (base, model):
        options = LLMOptions(
            base_url=base,
            model=model,
            temperature=0.0,
            timeout=300.0,
            max_concurrency=1,
            budget=args.budget,
        )
        judge = Judge(http_chat(options))
        rows = []
        for doc in docs:
            rows.append(run_one(doc, options, embedder, judge))
            r = rows[-1]
            print(
                f"{r['doc']}: {r['counts']} rejected={r['rejected']} "
                f"{r['seconds']:.1f}s fallback={r['fallback'][:80]!r} {r.get('raw', '')!r}",
                flush=True,
            )
    markdown = report(rows, base, model, judge)
    print(markdown)
    write_section("llm-writer", "## LLM writer (issue 18)\n\n" + markdown)


if __name__ == "__main__":
    main()
