"""Brief quality and speed: summary ROUGE vs Lead-3 and LexRank, headline ROUGE-1, ms per brief.

Run: ``.venv/bin/python -m bench.briefs [--summary-only | --headline-only]`` from the repository
root. Writes the "briefs" section
of BENCHMARKS.md, then runs ``bench.grounding`` (the "grounding" section) so one command gives
every compose figure. Summaries are reported by 2-fold cross-validation on realsumm-cnndm:
the selector's signal weights are tuned (``tune_signals``) on docs 1-50 and scored on docs
51-100, and the reverse; every glimpse figure printed is held-out, and Lead-3 and LexRank are
scored on the same documents in the same process.

LexRank (Erkan & Radev 2004) is implemented here with scikit-learn TF-IDF and power iteration
because sumy's tokenizers need NLTK data (punkt), which is not available offline.
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Callable, Sequence
from statistics import mean

import numpy as np
from numpy.typing import NDArray
from rouge_score import rouge_scorer
from sklearn.feature_extraction.text import TfidfVectorizer

from bench._briefdata import SummDoc, cluster_events, realsumm_docs
from bench._headline_bound import BOUND_HEADERS, Case, bound_rows, make_case
from bench._report import machine, table, write_section
from glimpse.compose import ComposeOptions, compose_brief, draft_brief
from glimpse.compose.headline_text import clean_title
from glimpse.compose.terms import clear_caches
from glimpse.models import Article, Features

COMMAND = ".venv/bin/python -m bench.briefs"
SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)


def lead3(article: Article) -> list[str]:
    return [s.text for s in article.sentences[:3]]


def lexrank(article: Article, k: int = 3, threshold: float = 0.1) -> list[str]:
    """Top-``k`` sentences by LexRank centrality (thresholded cosine graph), in text order."""
    texts = [s.text for s in article.sentences]
    if len(texts) <= k:
        return texts
    tfidf = TfidfVectorizer().fit_transform(texts)
    graph = ((tfidf @ tfidf.T).toarray() >= threshold) | np.eye(len(texts), dtype=bool)
    weights = graph / graph.sum(axis=1, keepdims=True)
    rank = np.full(len(texts), 1.0 / len(texts))
    for _ in range(100):  # power iteration with damping 0.85
        new = 0.15 / len(texts) + 0.85 * weights.T @ rank
        if np.abs(new - rank).sum() < 1e-8:
            break
        rank = new
    top = sorted(np.argsort(-rank)[:k])
    return [texts[i] for i in top]


def glimpse_summary(article: Article, options: ComposeOptions | None = None) -> list[str]:
    return [s.text for s in compose_brief(article.id, [article], options=options).summary]


# Tuning, run on the tuning fold only: start from the selector without its per-article signals
# (options hand-tuned on docs 1-50 before cross-validation) and add, one at a time, the signal
# weight in TRIED that most improves mean ROUGE-1 + ROUGE-2, while it gains over MIN_GAIN.
# The signals chosen on all 100 docs are what ComposeOptions() ships (main() checks it).
SIGNALS_OFF: dict[str, float] = {
    "lead_weight": 0.0,
    "importance_weight": 0.0,
    "opener_penalty": 0.0,
    "dangling_penalty": 0.0,
    "length_penalty": 0.0,
    "density_weight": 0.0,
}
TRIED = {
    "lead_weight": (0.3, 0.6),
    "importance_weight": (0.3, 0.6),
    "opener_penalty": (0.1, 0.2),
    "dangling_penalty": (0.2, 0.4),
    "length_penalty": (0.1, 0.2),
    "density_weight": (0.2, 0.5),
}
MIN_GAIN = 0.1
FOLDS = {"1-50": slice(0, 50), "51-100": slice(50, 100)}
Scores = dict[str, tuple[float, float, float]]


def rouge(summary: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
    scores = SCORER.score("\n".join(reference), "\n".join(summary))
    r1, r2, rl = (100 * scores[k].fmeasure for k in ("rouge1", "rouge2", "rougeLsum"))
    return r1, r2, rl


def score_system(docs: list[SummDoc], system: Callable[[Article], list[str]]) -> Scores:
    """doc id -> ROUGE-1/2/Lsum of ``system``'s summary (and its word count is not kept)."""
    return {d.doc_id: rouge(system(d.article), d.reference) for d in docs}


def _mean(scores: Scores, docs: Sequence[SummDoc]) -> NDArray[np.float64]:
    return np.array([scores[d.doc_id] for d in docs]).mean(axis=0)


def _label(signals: dict[str, float]) -> str:
    return ", ".join(f"{k}={v}" for k, v in signals.items()) or "no signal"


class _Configs:
    """glimpse's scores on every doc per set of signal weights, computed once each."""

    def __init__(self, docs: list[SummDoc]) -> None:
        self.docs, self.cache = docs, {}  # type: dict[str, Scores]

    def scores(self, signals: dict[str, float]) -> Scores:
        key = _label(signals)
        if key not in self.cache:
            options = dataclasses.replace(ComposeOptions(), **{**SIGNALS_OFF, **signals})
            self.cache[key] = score_system(self.docs, lambda a: glimpse_summary(a, options))
        return self.cache[key]


def tune_signals(configs: _Configs, tune: Sequence[SummDoc]) -> dict[str, float]:
    """Forward selection of signal weights on ``tune`` (see ``TRIED``)."""

    def gain(signals: dict[str, float]) -> float:
        return float(_mean(configs.scores(signals), tune)[:2].sum())

    chosen: dict[str, float] = {}
    best = gain(chosen)
    while steps := [{**chosen, k: w} for k, ws in TRIED.items() if k not in chosen for w in ws]:
        step = max(steps, key=gain)
        if gain(step) < best + MIN_GAIN:
            break
        chosen, best = step, gain(step)
    return chosen


def cross_validate(docs: list[SummDoc]) -> tuple[Scores, dict[str, dict[str, float]]]:
    """Held-out glimpse scores for every doc, and the signals each test fold was given.

    Each fold gets the signals tuned on the *other* fold; ``chosen["all"]`` are the signals
    tuned on all docs (the ones to ship).
    """
    configs = _Configs(docs)
    held: Scores = {}
    chosen: dict[str, dict[str, float]] = {}
    for test, part in FOLDS.items():
        ids = {d.doc_id for d in docs[part]}
        signals = chosen[test] = tune_signals(configs, [d for d in docs if d.doc_id not in ids])
        held.update({d.doc_id: configs.scores(signals)[d.doc_id] for d in docs[part]})
    chosen["all"] = tune_signals(configs, docs)
    return held, chosen


def summary_rows(
    docs: list[SummDoc],
) -> tuple[list[list[object]], dict[str, list[float]], str]:
    """Per test fold and pooled: held-out glimpse beside Lead-3 and LexRank on the same docs,
    and a line naming the entry chosen on all docs and whether the shipped defaults are it."""
    held, chosen = cross_validate(docs)
    shipped = dataclasses.replace(ComposeOptions(), **{**SIGNALS_OFF, **chosen["all"]})
    note = f"Tuned on all 100 docs, the procedure picks `{_label(chosen['all'])}`; " + (
        "ComposeOptions() ships it."
        if shipped == ComposeOptions()
        else "ComposeOptions() DIFFERS from it."
    )
    systems: dict[str, Scores] = {
        "glimpse (held-out)": held,
        "Lead-3": score_system(docs, lead3),
        "LexRank (3 sentences)": score_system(docs, lexrank),
    }
    parts = {f"test {k} ({_label(chosen[k])})": docs[v] for k, v in FOLDS.items()}
    parts["pooled held-out, all 100"] = docs
    rows, pooled = [], {}
    for name, scores in systems.items():
        for part, subset in parts.items():
            r1, r2, rl = (float(x) for x in _mean(scores, subset))
            rows.append([name, part, r1, r2, rl])
            if part.startswith("pooled"):
                pooled[name] = [r1, r2, rl]
    note += " " + bootstrap_note(held, systems["Lead-3"], docs)
    return rows, pooled, note


def bootstrap_note(ours: Scores, lead: Scores, docs: Sequence[SummDoc]) -> str:
    """95% paired-bootstrap intervals of glimpse − Lead-3 (ROUGE-1 and -2) over the docs."""
    diffs = np.array([np.subtract(ours[d.doc_id][:2], lead[d.doc_id][:2]) for d in docs])
    rng = np.random.default_rng(2024)
    picks = rng.integers(0, len(docs), size=(10_000, len(docs)))
    means = diffs[picks].mean(axis=1)
    lo, hi = np.percentile(means, [2.5, 97.5], axis=0)
    return (
        f"Paired bootstrap over the {len(docs)} held-out docs (10,000 resamples): glimpse − "
        f"Lead-3 ROUGE-1 95% interval [{lo[0]:+.2f}, {hi[0]:+.2f}], ROUGE-2 "
        f"[{lo[1]:+.2f}, {hi[1]:+.2f}]."
    )


def central_headline(articles: Sequence[Article]) -> str:
    """Baseline: the headline of the article closest to the story's TF-IDF centroid."""
    texts = [f"{a.title} {a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts).toarray()
    centroid = matrix.mean(axis=0)
    return clean_title(articles[int(np.argmax(matrix @ centroid))].title)


def headline_rows(cases: list[Case] | None = None) -> list[list[object]]:
    """Leave one out: brief the other articles of each event, score against the left-out title.

    Reported over all events and over each half of bench.editor's split by event id (the
    headline's copy margin was chosen on the tuning half; the held-out half was not looked at).
    """
    from bench._editor_run import is_tuning

    one = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    ours: dict[str, list[float]] = {"all": [], "tuning": [], "held-out": []}
    base: dict[str, list[float]] = {"all": [], "tuning": [], "held-out": []}
    lengths = []
    cases = [] if cases is None else cases
    for event, articles in cluster_events().items():
        if len(articles) < 2:
            continue
        half = "tuning" if is_tuning(event) else "held-out"
        for i, held in enumerate(articles):
            others = articles[:i] + articles[i + 1 :]
            # the draft's headline is the grounded brief's: grounding never changes a headline
            draft = draft_brief("loo", others)
            headline = draft.headline
            middle = central_headline(others)
            cases.append(make_case(half, held, others, draft, middle))
            lengths.append(len(headline.split()))
            score = one.score(held.title, headline)["rouge1"].fmeasure
            central = one.score(held.title, middle)["rouge1"].fmeasure
            for key in ("all", half):
                ours[key].append(score)
                base[key].append(central)

    def cells(scores: dict[str, list[float]]) -> list[object]:
        return [f"{100 * mean(scores[k]):.1f}" for k in ("all", "tuning", "held-out")]

    n = [len(ours[k]) for k in ("all", "tuning", "held-out")]
    return [
        ["glimpse headline", *cells(ours), f"{mean(lengths):.1f}", max(lengths), n[0]],
        ["most central source headline", *cells(base), "", "", n[0]],
        ["headlines", *n, "", "", ""],
    ]


HEADLINE_HEADERS = ["headline", "ROUGE-1 all", "tuning half", "held-out half", "mean words",
                    "max words", "headlines"]  # fmt: skip


def _ms_per_brief(stories: Sequence[tuple[list[Article], list[Features] | None]]) -> float:
    elapsed = 0.0
    for articles, features in stories:
        clear_caches()  # measure cold: no term cache carried over from the last brief
        # CPU seconds of this process: the other tenants of a shared machine do not count
        start = time.process_time()
        compose_brief("speed", articles, features)
        elapsed += time.process_time() - start
    return 1000 * elapsed / len(stories)


def speed_rows(docs: list[SummDoc]) -> list[list[object]]:
    """ms per brief, without and with enrich features (then ``tag_story`` runs inside)."""
    from glimpse.enrich import tag_articles

    events = cluster_events()
    pool = [a for arts in sorted(events.values(), key=len, reverse=True) for a in arts]
    story = pool[:20]
    compose_brief("warm", story)
    singles = [d.article for d in docs]
    story_features = tag_articles(story)  # spaCy: outside the timed region
    single_features = tag_articles(singles[:20])
    compose_brief("warm", story, story_features)
    runs: list[tuple[str, list[tuple[list[Article], list[Features] | None]]]] = [
        ("1 article (realsumm, 100 briefs)", [([a], None) for a in singles]),
        ("1 article with enrich features (20 briefs)",
         [([a], [f]) for a, f in zip(singles[:20], single_features, strict=True)]),
        ("20 articles (giveme5w1h, largest events, 5 runs)", [(story, None)] * 5),
        ("20 articles with enrich features (5 runs)", [(story, story_features)] * 5),
    ]  # fmt: skip
    return [[name, f"{_ms_per_brief(stories):.1f}"] for name, stories in runs]


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.briefs", description=__doc__.split("\n")[0])
    parser.add_argument("--summary-only", action="store_true", help="realsumm summaries only")
    parser.add_argument(
        "--headline-only",
        action="store_true",
        help="the giveme5w1h leave-one-out headline table only (printed, not written)",
    )
    return parser.parse_args()


def main() -> None:
    args = _args()
    if args.headline_only:
        print(f"Reproduce: `{COMMAND} --headline-only`\n")
        cases: list[Case] = []
        print(table(HEADLINE_HEADERS, headline_rows(cases)))
        print(table(BOUND_HEADERS, bound_rows(cases)))
        return
    docs = realsumm_docs()
    rows, report, note = summary_rows(docs)
    summary_table = table(["system", "docs", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum"], rows)
    print(summary_table)
    d1 = report["glimpse (held-out)"][0] - report["Lead-3"][0]
    d2 = report["glimpse (held-out)"][1] - report["Lead-3"][1]
    print(f"pooled held-out: glimpse - Lead-3 = ROUGE-1 {d1:+.2f}, ROUGE-2 {d2:+.2f}")
    print(note)
    if args.summary_only:
        return
    cases = []
    head = table(HEADLINE_HEADERS, headline_rows(cases))
    bound = table(BOUND_HEADERS, bound_rows(cases))
    print(head, bound, sep="\n\n")
    speed = table(["story", "CPU ms per brief"], speed_rows(docs))
    print(speed)
    write_section(
        "briefs",
        "## Story briefs (compose)\n\n"
        f"Reproduce: `{COMMAND}` ({machine()}).\n\n"
        "### Summary vs reference highlights, realsumm-cnndm (one article per brief)\n\n"
        "ROUGE F1 with stemming (rouge-score), detokenized text, sentences split by "
        "`glimpse.extract.split_sentences`. 2-fold cross-validation by doc id: for each "
        "test fold, the selector's per-article signal weights are tuned on the other fold "
        "(forward selection over `TRIED` in `bench/briefs.py` on mean ROUGE-1 + ROUGE-2; the "
        "row names what was chosen), so every glimpse figure is held-out; the pooled row "
        "scores each doc with the weights tuned on the other half. Caveats: the base options "
        "under the signals were hand-tuned on docs 1-50 before this "
        "protocol, and the TRIED weights were tried on both halves while developing, so the "
        "test 1-50 fold is the less clean one (the trimming of relative and concessive "
        "clauses was also developed on docs 1-50 only); with 50 docs per fold a difference "
        "under about 1 ROUGE point is within noise. Lead-3 and LexRank run "
        "on the same docs in the same process. LexRank is implemented in the script "
        "(scikit-learn TF-IDF, power iteration) because sumy needs NLTK data.\n\n"
        f"{summary_table}\n\nPooled held-out: glimpse − Lead-3 = ROUGE-1 {d1:+.2f}, "
        f"ROUGE-2 {d2:+.2f}. {note}\n\n"
        "### Headline, giveme5w1h-news-cluster, leave one out\n\n"
        "For each article of an event with at least two articles, the brief of the *other* "
        "articles is scored (ROUGE-1 F1) against the left-out article's title; the halves are "
        "bench.editor's split by event id (the headline's copy margin was chosen on the tuning "
        "half). Only the headline table: "
        f"`{COMMAND} --headline-only`.\n\n"
        f"{head}\n\nWhat the target asks of the copy rule (`bench/_headline_bound.py`, same "
        "run): the baseline's lead comes mostly from left-out titles that are syndicated "
        "copies of another article's title, which the most central title repeats nearly word "
        "for word; the bound is the best score any fresh (not copied) candidate of glimpse's "
        "pool reaches against the left-out title, which no chooser can exceed without copying; "
        "the COPY_RATIO rows replay the choice with more copying allowed (the issue caps "
        "copied headlines at 20%; the shipped ratio is 0.55).\n\n"
        f"{bound}\n\n### Speed (one core, CPU seconds, after warm-up)\n\n{speed}\n",
    )
    from bench import grounding

    grounding.main()


if __name__ == "__main__":
    main()
