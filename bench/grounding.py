"""Grounding: the share of brief sentences that pass the check, and how well the check's support
test separates consistent from inconsistent summary sentences.

Run: ``.venv/bin/python -m bench.grounding`` from the repository root. Writes the "grounding"
section of BENCHMARKS.md.

The detector is ``glimpse.compose.grounding.unsupported_terms``: a sentence is called consistent
when none of its content words, numbers, dates and names is missing from its support (the rule
``check_grounding`` applies). ``unsupported_facts`` is the looser variant that only counts
missing names, numbers, dates and negations. Neither has a tuned parameter.

The verification gate (``glimpse verify``) is measured by :mod:`bench._gate`: its learned
``consistency`` model fitted and scored out of fold on SummEdits and Rank19. With
``--refit`` the models fitted on all of SummEdits are written to
``glimpse/compose/gate_weights.py`` (the shipped weights). spaCy parses and MiniLM vectors
are cached in ``GLIMPSE_GATE_CACHE`` (``bench._consistency``); the first run takes about
ten minutes on two shared cores, later ones two.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence

import numpy as np

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


HOW = """Written by `.venv/bin/python -m bench.grounding --refit` (bench/_gate.py, `fit_model`):
a logistic regression (scikit-learn, L2 with C={c}, balanced classes) on standardised
alignment measures of all 819 SummEdits news pairs (`Verdict.features`: "structural"
without MiniLM, "minilm" with its token alignment), refitted without any measure whose
weight came out with the wrong sign; `threshold` maximises balanced accuracy there, in
sample, together with the four hard checks. Out-of-fold figures: BENCHMARKS.md, grounding."""


def gate_rows(refit: bool) -> tuple[list[list[object]], list[str]]:
    """The verification gate on both sets, structural alone and with MiniLM: balanced
    accuracy out of fold (5 folds grouped by document, per-fold figures), the previous
    rule's, and a model fitted on one set scored on the other. With ``refit``, the models
    fitted on all of SummEdits become the shipped weights."""
    from glimpse.enrich.embed import default_embedder

    embedder = _gate.CachedEmbedder(default_embedder())
    items = {}
    for mode, emb in (("structural", None), ("minilm", embedder)):
        items["summedits", mode] = _gate.summedits_items(SUMMEDITS, None, emb)
        items["rank19", mode] = _gate.rank19_items(RANK19, emb)
        _gate.PARSE.save()
        embedder.save()
    features = {"structural": _gate.STRUCTURAL_FEATURES, "minilm": _gate.MINILM_FEATURES}
    rows: list[list[object]] = []
    notes: list[str] = []
    fitted = {}
    for mode in ("structural", "minilm"):
        for name, other in (("summedits", "rank19"), ("rank19", "summedits")):
            data = items[name, mode]
            pooled, folds = _gate.out_of_fold(data, features[mode])
            labels = np.array([i.label for i in data])
            model = _gate.fit_model(data, features[mode])
            fitted[name, mode] = model
            rows.append([name, mode, len(data), f"{pooled:.3f}",
                         " ".join(f"{f:.3f}" for f in folds),
                         f"{_gate.balanced(labels, _gate.old_rule(data)):.3f}",
                         f"{_gate.score(items[other, mode], model):.3f} on {other}",
                         f"{_gate.auc(items[other, mode], model):.3f}"])  # fmt: skip
            notes.append(
                f"{name}, {mode}: {', '.join(model.features)} (threshold {model.threshold:.2f})"
            )
    if refit:
        models = {m: fitted["summedits", m] for m in ("structural", "minilm")}
        _gate.write_weights(models, HOW.format(c=_gate.C))
    ranks = " / ".join(
        f"{_gate.pairwise(items['rank19', m], fitted['summedits', m]):.3f}"
        for m in ("structural", "minilm")
    )
    notes.append(
        "Rank19's own task with the shipped (SummEdits) weights, structural / with MiniLM: "
        f"the correct sentence scores higher in {ranks} of the pairs (ties 1/2)"
    )
    checks = " · ".join(
        f"{c} {_gate.per_check(items['summedits', 'minilm'], c):.3f}" for c in _gate.STRUCTURAL
    )
    notes.append(f"each check alone on SummEdits: {checks}")
    return rows, notes


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
    gate = gate_section(*gate_rows("--refit" in sys.argv))
    print(gate)
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
        f"{gate}",
    )


def gate_section(rows: list[list[object]], notes: list[str]) -> str:
    """The markdown of the gate's subsection."""
    gate = table(
        ["set", "measures", "items", "out of fold (pooled)", "per fold", "previous rule",
         "fitted on this set, scored on the other", "its score's ROC AUC on the other"],
        rows,
    )  # fmt: skip
    return (
        "### The verification gate (`glimpse verify`, `glimpse.compose.verify`)\n\n"
        "Each claim sentence is checked against its closest source sentences. Four hard "
        "checks decide alone: numbers and names (against all the sources), quoted spans "
        "verbatim, negation (against the closest sentence). Then a learned verdict, "
        "`consistency`, weighs what the claim adds to its support on a spaCy parse "
        "(`glimpse.compose.alignment`: names, numbers, negations, hedges no support has, "
        "subject and object turned round) and, with MiniLM, a BERTScore-style alignment of "
        "the claim's word pieces to the support's (`tok_gap`: how far the worst-aligned piece"
        " falls below the claim's mean): a logistic regression (L2, balanced classes) whose "
        "measures must keep the sign their meaning gives them (a measure whose weight comes "
        "out the other way is dropped and the model refitted). Supported = the hard checks "
        "pass and the probability reaches the fitted threshold; `score` is that probability. "
        "Figures are out of fold only: 5 folds grouped by document, the model and its "
        "threshold fitted on four and scored on the fifth (`per fold`), pooled over the five;"
        " *previous rule* is the gate before this model (hard checks, MiniLM cosine ≥ 0.6), "
        "whose settings were chosen on all of SummEdits (in sample there; out of fold they "
        f"scored {PREVIOUS}); the last two columns fit on all of one set and score the other"
        " (balanced accuracy at the fitted threshold, and how well the probability ranks), the"
        " honest guess for data we do not have. The shipped weights "
        "(`glimpse/compose/gate_weights.py`) are the SummEdits fit (`--refit` rewrites "
        "them).\n\n"
        f"{gate}\n\n"
        f"Measures kept by each fit on all of a set: {'; '.join(notes)}.\n\n"
        f"{verdict(rows)} {VERDICT}\n"
    )


PREVIOUS = (
    "0.623 / 0.633 on SummEdits and 0.503 / 0.524 on Rank19, structural / with MiniLM, "
    "at commit cb4da0f"
)


def verdict(rows: Sequence[Sequence[object]]) -> str:
    """Whether the 0.70 target is met, by the best out-of-fold SummEdits figure."""
    best = max(float(str(r[3])) for r in rows if r[0] == "summedits")
    met = "met" if best >= 0.70 else "not met"
    return f"**The 0.70 target is {met}**: the best out-of-fold figure on SummEdits is {best:.3f}."


VERDICT = (
    "SummEdits' unfaithful summaries are minimal edits of a "
    "faithful one (a word turned into its opposite, one noun for another, 'one-year' for "
    "'one-month') and its faithful ones are free paraphrases, so everything that can be "
    "measured without an entailment model (words, names and numbers the sources lack, parse "
    "roles, MiniLM token alignment) separates them little: the faithful paraphrases add more "
    "new words and restructure more than the unfaithful edits do. Antonyms are out of reach "
    "without a lexicon (WordNet's data cannot be fetched; only prefix antonyms such as "
    "'unnamed'/'named' are measured). MiniLM's token alignment is what lifts Rank19, whose "
    "errors are summarisers' cuts and joins rather than swapped words. Across sets the "
    "threshold does not carry (fitted on SummEdits, the gate calls nearly every Rank19 "
    "sentence supported) but the probability still ranks (last column, and Rank19's pairwise "
    "figure above): on data unlike SummEdits, `score` says more than `supported`."
)


if __name__ == "__main__":
    main()
