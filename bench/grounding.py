"""Grounding: the share of brief sentences that pass the check, and how well the check's support
test separates consistent from inconsistent summary sentences.

Run: ``.venv/bin/python -m bench.grounding`` from the repository root. Writes the "grounding"
section of BENCHMARKS.md.

The detector is ``glimpse.compose.grounding.unsupported_terms``: a sentence is called consistent
when none of its content words, numbers, dates and names is missing from its support (the rule
``check_grounding`` applies). ``unsupported_facts`` is the looser variant that only counts
missing names, numbers, dates and negations. Neither has a tuned parameter.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from bench import _gate
from bench._briefdata import cluster_events, realsumm_docs
from bench._report import DATA, machine, table, write_section
from glimpse.compose import check_grounding
from glimpse.compose.brief import draft_brief
from glimpse.compose.grounding import unsupported_facts, unsupported_terms
from glimpse.models import Article

COMMAND = ".venv/bin/python -m bench.grounding"
SUMMEDITS = DATA / "summedits" / "summedits_news.json"
RANK19 = DATA / "falke-rank19" / "rank19_373.jsonl"
WHERE = re.compile(r"^(summary|body)\[")


def pass_rate(stories: Sequence[list[Article]]) -> tuple[int, int, int, int]:
    """(sentences, sentences passing, briefs, briefs passing) over composed ``stories``."""
    sentences = passing = briefs_ok = 0
    for i, articles in enumerate(stories):
        brief = draft_brief(f"s{i}", articles)
        problems = check_grounding(brief, articles)
        n = len(brief.summary) + sum(len(p) for p in brief.body)
        failed = {p.split(":")[0] for p in problems if WHERE.match(p)}
        sentences += n
        passing += n - len(failed)
        briefs_ok += not problems
    return sentences, passing, len(stories), briefs_ok


def balanced_accuracy(labels: Sequence[int], predicted: Sequence[int]) -> float:
    pos = [p for y, p in zip(labels, predicted, strict=True) if y == 1]
    neg = [p for y, p in zip(labels, predicted, strict=True) if y == 0]
    return 0.5 * (sum(pos) / len(pos) + sum(1 - p for p in neg) / len(neg))


def summedits() -> dict[str, tuple[list[int], list[int], list[int]]]:
    """Per split: labels, and whether the strict / facts-only test calls each summary faithful."""
    out: dict[str, tuple[list[int], list[int], list[int]]] = {}
    for row in json.loads(SUMMEDITS.read_text()):
        labels, strict, facts = out.setdefault(row["split"], ([], [], []))
        labels.append(int(row["label"]))
        strict.append(int(not unsupported_terms(row["summary"], [row["doc"]])))
        facts.append(int(not unsupported_facts(row["summary"], [row["doc"]])))
    return out


def rank19() -> tuple[list[int], list[int], list[int], float]:
    """Labels, strict and facts-only predictions per summary sentence, and ranking accuracy."""
    labels, strict, facts, wins = [], [], [], 0.0
    rows = [json.loads(line) for line in RANK19.read_text().splitlines()]
    for row in rows:
        counts = {}
        for summ in row["sys_summs"]:
            missing = unsupported_terms(summ["summary"], [row["src"]])
            counts[summ["system"]] = len(missing)
            labels.append(int(summ["human_scores"]["fact"]))
            strict.append(int(not missing))
            facts.append(int(not unsupported_facts(summ["summary"], [row["src"]])))
        if counts["correct"] < counts["incorrect"]:
            wins += 1.0
        elif counts["correct"] == counts["incorrect"]:
            wins += 0.5
    return labels, strict, facts, wins / len(rows)


def detector_rows() -> list[list[object]]:
    edits = summedits()
    r_labels, r_strict, r_facts, rank_acc = rank19()
    sets: list[tuple[str, list[int], list[int], list[int]]] = [
        ("SummEdits news, test split", *edits["test"]),
        ("SummEdits news, evaluation split", *edits["evaluation"]),
        ("Rank19 (Falke et al. 2019), lower-cased", r_labels, r_strict, r_facts),
    ]
    rows: list[list[object]] = [
        [name, len(labels), balanced_accuracy(labels, strict), balanced_accuracy(labels, facts)]
        for name, labels, strict, facts in sets
    ]
    ranking = (
        f"Rank19 pairwise: correct sentence has fewer missing terms (ties 1/2): {rank_acc:.3f}"
    )
    return [*rows, [ranking, "", "", ""]]


def gate_rows() -> tuple[list[list[object]], str]:
    """The verification gate on both sets: balanced accuracy out of fold (configuration
    chosen without the claim's document), structural checks alone and with MiniLM, and the
    configuration fitted on all of SummEdits (the shipped defaults)."""
    from glimpse.enrich.embed import default_embedder

    embedder = _gate.CachedEmbedder(default_embedder())
    sets = {
        "SummEdits news (all 819, 25 documents)": lambda e: _gate.summedits_items(
            SUMMEDITS, None, e
        ),
        "Rank19 (373 source sentences)": lambda e: _gate.rank19_items(RANK19, e),
    }
    rows: list[list[object]] = []
    fitted = ""
    for name, load in sets.items():
        plain, embedded = load(None), load(embedder)
        checks = " · ".join(
            f"{c} {_gate.per_check(embedded, c):.3f}" for c in (*_gate.STRUCTURAL, "similarity")
        )
        rows.append([name, len(plain), _gate.out_of_fold(plain, False),
                     _gate.out_of_fold(embedded, True), checks])  # fmt: skip
        if not fitted:
            fitted = f"{_gate.fit(plain, False)} / with MiniLM {_gate.fit(embedded, True)}"
    return rows, fitted


def main() -> None:
    cnndm = [[d.article] for d in realsumm_docs()]
    events = list(cluster_events().values())
    rate_rows = []
    for name, stories in (("realsumm-cnndm (1 article each)", cnndm),
                          ("giveme5w1h-news-cluster (whole events)", events)):  # fmt: skip
        n, ok, briefs, briefs_ok = pass_rate(stories)
        rate_rows.append([name, briefs, briefs_ok, n, ok, f"{100 * ok / n:.1f}%"])
    rates = table(
        ["stories", "briefs", "briefs passing", "sentences", "passing", "share"], rate_rows
    )
    print(rates)
    detector = table(
        ["set", "items", "balanced acc., strict (the check)", "balanced acc., facts only"],
        detector_rows(),
    )
    print(detector)
    rows, fitted = gate_rows()
    gate = table(
        ["set", "items", "out of fold: structural", "out of fold: + MiniLM",
         "each check alone (balanced acc.)"],
        rows,
    )  # fmt: skip
    print(gate)
    print(fitted)
    write_section(
        "grounding",
        "## Grounding (compose)\n\n"
        f"Reproduce: `{COMMAND}` ({machine()}).\n\n"
        "### Brief sentences passing `check_grounding`\n\n"
        "Briefs are drafted without the check, then checked; `compose_brief` refuses any "
        "brief with a problem.\n\n"
        f"{rates}\n\n"
        "### The support test as a detector of unfaithful summary sentences\n\n"
        "`unsupported_terms(sentence, [source]) == []` predicts *consistent* (strict: the rule "
        "the check applies); *facts only* uses `unsupported_facts` (missing names, numbers, "
        "dates, negations). No parameter is tuned. Published balanced accuracy on SummEdits news "
        "(factualNLG README): SummaC-Conv 61.9, DAE 60.9, QAFactEval 74.4, ChatGPT 74.4, "
        "GPT-4 83.3.\n\n"
        f"{detector}\n\n"
        "### The verification gate (`glimpse verify`, `glimpse.compose.verify`)\n\n"
        "Each claim sentence is checked against its closest source sentences: numbers and "
        "names (against all the sources), quoted spans verbatim, negation and attribution "
        "(against the closest sentence), the share of its terms in its support, MiniLM "
        "similarity. Which structural checks decide and the two floors are chosen by 5-fold "
        "cross-validation grouped by document; the figures are out of fold only (each claim "
        "judged by a configuration chosen without its document). SummEdits' negatives are "
        "minimal edits and its positives free paraphrases, so lexical overlap and MiniLM "
        "similarity barely separate them; the target of 0.70 is not reached.\n\n"
        f"{gate}\n\n"
        f"Fitted on all of each first set (checks, terms floor, similarity floor), balanced "
        f"accuracy in sample: {fitted}.\n",
    )


if __name__ == "__main__":
    main()
