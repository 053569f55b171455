"""Brief quality and speed: summary ROUGE vs Lead-3 and LexRank, headline ROUGE-1, ms per brief.

Run: ``.venv/bin/python -m bench.briefs`` from the repository root. Writes the "briefs" section
of BENCHMARKS.md, then runs ``bench.grounding`` (the "grounding" section) so one command gives
every compose figure. Summaries are tuned on the first half of realsumm-cnndm (by doc id) and
reported on the second half and on all 100.

LexRank (Erkan & Radev 2004) is implemented here with scikit-learn TF-IDF and power iteration
because sumy's tokenizers need NLTK data (punkt), which is not available offline.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from statistics import mean

import numpy as np
from rouge_score import rouge_scorer
from sklearn.feature_extraction.text import TfidfVectorizer

from bench._briefdata import SummDoc, cluster_events, realsumm_docs
from bench._report import machine, table, write_section
from glimpse.compose import compose_brief
from glimpse.compose.headline import clean_title
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


def glimpse_summary(article: Article) -> list[str]:
    return [s.text for s in compose_brief(article.id, [article]).summary]


def rouge(summary: Sequence[str], reference: Sequence[str]) -> tuple[float, float, float]:
    scores = SCORER.score("\n".join(reference), "\n".join(summary))
    r1, r2, rl = (100 * scores[k].fmeasure for k in ("rouge1", "rouge2", "rougeLsum"))
    return r1, r2, rl


def summary_rows(docs: list[SummDoc]) -> tuple[list[list[object]], dict[str, list[float]]]:
    systems: dict[str, Callable[[Article], list[str]]] = {
        "glimpse": glimpse_summary,
        "Lead-3": lead3,
        "LexRank (3 sentences)": lexrank,
    }
    halves = {"tune (doc 1-50)": docs[:50], "report (doc 51-100)": docs[50:], "all 100": docs}
    rows, report = [], {}
    for name, system in systems.items():
        outputs = {d.doc_id: system(d.article) for d in docs}
        for half, part in halves.items():
            scores = np.array([rouge(outputs[d.doc_id], d.reference) for d in part])
            words = mean(len(" ".join(outputs[d.doc_id]).split()) for d in part)
            r1, r2, rl = scores.mean(axis=0)
            rows.append([name, half, float(r1), float(r2), float(rl), f"{words:.0f}"])
            if half.startswith("report"):
                report[name] = [float(r1), float(r2), float(rl)]
    return rows, report


def central_headline(articles: Sequence[Article]) -> str:
    """Baseline: the headline of the article closest to the story's TF-IDF centroid."""
    texts = [f"{a.title} {a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts).toarray()
    centroid = matrix.mean(axis=0)
    return clean_title(articles[int(np.argmax(matrix @ centroid))].title)


def headline_rows() -> list[list[object]]:
    """Leave one out: brief the other articles of each event, score against the left-out title."""
    one = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)
    ours, base, lengths = [], [], []
    for articles in cluster_events().values():
        if len(articles) < 2:
            continue
        for i, held in enumerate(articles):
            others = articles[:i] + articles[i + 1 :]
            headline = compose_brief("loo", others).headline
            lengths.append(len(headline.split()))
            ours.append(one.score(held.title, headline)["rouge1"].fmeasure)
            base.append(one.score(held.title, central_headline(others))["rouge1"].fmeasure)
    return [
        ["glimpse headline", 100 * mean(ours), f"{mean(lengths):.1f}", max(lengths), len(ours)],
        ["most central source headline", 100 * mean(base), "", "", len(base)],
    ]


def _ms_per_brief(stories: Sequence[tuple[list[Article], list[Features] | None]]) -> float:
    elapsed = 0.0
    for articles, features in stories:
        clear_caches()  # measure cold: no term cache carried over from the last brief
        start = time.perf_counter()
        compose_brief("speed", articles, features)
        elapsed += time.perf_counter() - start
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


def main() -> None:
    docs = realsumm_docs()
    rows, report = summary_rows(docs)
    summary_table = table(["system", "docs", "ROUGE-1", "ROUGE-2", "ROUGE-Lsum", "words"], rows)
    print(summary_table)
    d1 = report["glimpse"][0] - report["Lead-3"][0]
    d2 = report["glimpse"][1] - report["Lead-3"][1]
    print(f"report half: glimpse - Lead-3 = ROUGE-1 {d1:+.2f}, ROUGE-2 {d2:+.2f}")
    if "--summary-only" in sys.argv:
        return
    head = table(["headline", "ROUGE-1", "mean words", "max words", "headlines"], headline_rows())
    print(head)
    speed = table(["story", "ms per brief"], speed_rows(docs))
    print(speed)
    write_section(
        "briefs",
        "## Story briefs (compose)\n\n"
        f"Reproduce: `{COMMAND}` ({machine()}).\n\n"
        "### Summary vs reference highlights, realsumm-cnndm (one article per brief)\n\n"
        "ROUGE F1 with stemming (rouge-score), detokenized text, sentences split by "
        "`glimpse.extract.split_sentences`. Rules were tuned on docs 1-50 only; docs 51-100 "
        "are the reported figures. LexRank is implemented in the script (scikit-learn TF-IDF, "
        "power iteration) because sumy needs NLTK data.\n\n"
        f"{summary_table}\n\nReport half: glimpse − Lead-3 = ROUGE-1 {d1:+.2f}, "
        f"ROUGE-2 {d2:+.2f}.\n\n"
        "### Headline, giveme5w1h-news-cluster, leave one out\n\n"
        "For each article of an event with at least two articles, the brief of the *other* "
        "articles is scored (ROUGE-1 F1) against the left-out article's title.\n\n"
        f"{head}\n\n### Speed (one core, after warm-up)\n\n{speed}\n",
    )
    from bench import grounding

    grounding.main()


if __name__ == "__main__":
    main()
