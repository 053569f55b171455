"""Story clustering quality and speed: glimpse's online clusterer against a TF-IDF baseline.

Run from the repository root (heavy: take the shared lock)::

    flock /tmp/glimpse-heavy.lock .venv/bin/python -m bench.clustering [--quick]

* Giveme5W1H news_cluster (gold events) mixed with realsumm-cnndm and duc2001-keyphrase
  articles as distractors, each its own gold singleton.
* UCI News Aggregator headlines in 3-day windows (rows are grouped by story, so each UTC day is
  shuffled with a fixed seed and given evenly spaced synthetic times in that order; the
  original TIMESTAMP is the aggregator's crawl time of the whole cluster and would leak the
  answer). Thresholds are tuned on one window and reported on the others.
* Scale: 10k, 50k and all UCI headlines streamed, lexical features only, each size in a fresh
  subprocess so peak memory is that size's own; each size runs twice and the faster run is
  reported (CPU time on a shared machine varies by 15-25% between runs).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from bench._report import DATA, machine, table, write_section
from glimpse.cluster import ClusterItem, ClusterOptions, StoryIndex, assign_story
from glimpse.cluster.index import story_horizon, story_window
from glimpse.cluster.item import body_tokens
from glimpse.headline import feature_title
from glimpse.models import Article, Entity, Features

CACHE = Path("/tmp/glimpse-cluster-bench-cache")
SEED = 2014
NER_LABELS = {"PERSON", "GPE", "LOC", "ORG", "NORP", "EVENT", "PRODUCT", "FAC", "WORK_OF_ART"}
COMMAND = "flock /tmp/glimpse-heavy.lock .venv/bin/python -m bench.clustering"

Labelled = tuple[list[Article], list[str]]


# -- metrics -------------------------------------------------------------------------------
def bcubed(pred: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (Bagga & Baldwin), averaged over items."""
    joint = Counter(zip(pred, gold, strict=True))
    psize, gsize = Counter(pred), Counter(gold)
    p = sum(n * n / psize[c] for (c, _), n in joint.items()) / len(pred)
    r = sum(n * n / gsize[g] for (_, g), n in joint.items()) / len(pred)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    """F1 over same-cluster pairs."""

    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    tp = pairs(Counter(zip(pred, gold, strict=True)))
    pp, gp = pairs(Counter(pred)), pairs(Counter(gold))
    return 2 * tp / (pp + gp) if pp + gp else 1.0


# -- data ----------------------------------------------------------------------------------
def _utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None


def load_giveme() -> Labelled:
    arts, gold = [], []
    for line in (DATA / "giveme5w1h-news-cluster" / "news_cluster.jsonl").open():
        row = json.loads(line)
        arts.append(
            Article(
                id=f"g{row['doc_id'][:16]}",
                title=row["title"] or "",
                lede=row["description"] or "",
                text=row["text"] or "",
                published=_utc(row["date_publish"]),
                source=row["source_domain"],
                url=row["url"],
            )
        )
        gold.append(f"event:{row['event_id']}")
    return arts, gold


def load_distractors() -> Labelled:
    """realsumm-cnndm (undated) and duc2001 (dated from the doc id); each its own singleton.

    Undated ones are given times later, by :func:`spread_undated`.
    """
    arts = []
    for line in (DATA / "realsumm-cnndm" / "realsumm_cnndm_100.jsonl").open():
        row = json.loads(line)
        arts.append(Article(id=f"r{row['doc_id']}", title="", text=row["src"]))
    for path in sorted((DATA / "duc2001-keyphrase" / "docs").glob("*.txt")):
        when = _duc_date(path.stem)
        text = " ".join(path.read_text(errors="replace").split())
        arts.append(Article(id=f"d{path.stem}", title="", text=text, published=when))
    return arts, [f"single:{a.id}" for a in arts]


def _duc_date(stem: str) -> datetime | None:
    """AP/WSJ ids carry YYMMDD, LA ids MMDDYY; the others (FT, FBIS, SJMN) no full date."""
    m = re.match(r"(AP|WSJ|LA)(\d{2})(\d{2})(\d{2})", stem)
    if not m:
        return None
    a, b, c = (int(g) for g in m.groups()[1:])
    yy, mm, dd = (c, a, b) if m.group(1) == "LA" else (a, b, c)
    return datetime(1900 + yy, mm, dd, 12, tzinfo=UTC)


def spread_undated(arts: list[Article], span: list[Article]) -> list[Article]:
    """Give each undated article a seeded-uniform time inside the time span of ``span``.

    The clusterer streams undated articles last, all together and exempt from the window,
    which would make 145 unrelated texts (CNN/DM, and DUC's FT/FBIS/SJMN ids, which carry
    no full date) arrive as one batch after the events. Spread over the events' span they
    arrive as distractors would on a desk: among the events and apart from each other.
    """
    dated = [a.published for a in span if a.published is not None]
    lo, hi = min(dated), max(dated)
    rng = random.Random(f"{SEED}:undated")
    seconds = (hi - lo).total_seconds()
    return [
        a
        if a.published is not None
        else dataclasses.replace(a, published=lo + timedelta(seconds=rng.uniform(0, seconds)))
        for a in arts
    ]


def load_uci() -> list[tuple[int, str, str, str]]:
    """(timestamp ms, id, title, story) for every row of the development half."""
    rows = []
    with (DATA / "uci-news-aggregator" / "newsCorpora.csv").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) == 8:
                rows.append((int(f[7]), f"u{f[0]}", f[1], f[5]))
    return rows


def uci_days(rows: list[tuple[int, str, str, str]]) -> dict[str, Labelled]:
    """Per UTC day: headlines shuffled (fixed seed) with evenly spaced synthetic times."""
    by_day: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    for row in rows:
        by_day[datetime.fromtimestamp(row[0] / 1000, UTC).date().isoformat()].append(row)
    days: dict[str, Labelled] = {}
    for day in sorted(by_day):
        items = sorted(by_day[day], key=lambda r: r[1])
        random.Random(f"{SEED}:{day}").shuffle(items)
        start, step = datetime.fromisoformat(day).replace(tzinfo=UTC), 86400 / len(items)
        arts = [
            Article(id=i, title=t, text="", published=start + timedelta(seconds=k * step))
            for k, (_, i, t, _) in enumerate(items)
        ]
        days[day] = (arts, [s for *_, s in items])
    return days


def windows(days: dict[str, Labelled], size: int = 3) -> list[tuple[str, Labelled]]:
    keys = sorted(days)
    out = []
    for k in range(0, len(keys) - size + 1, size):
        arts = [a for d in keys[k : k + size] for a in days[d][0]]
        gold = [g for d in keys[k : k + size] for g in days[d][1]]
        out.append((f"{keys[k]}..{keys[k + size - 1]}", (arts, gold)))
    return out


# -- features ------------------------------------------------------------------------------
def _cached(kind: str, texts: list[str], compute: Callable[[list[str]], object]) -> object:
    CACHE.mkdir(exist_ok=True)
    key = hashlib.sha256("\x1e".join(texts).encode()).hexdigest()[:20]
    path = CACHE / f"{kind}-{key}.json"
    if path.exists():
        return json.loads(path.read_text())
    value = compute(texts)
    path.write_text(json.dumps(value))
    return value


def entity_names(texts: list[str]) -> list[list[list[str]]]:
    from glimpse.nlp import load_spacy

    nlp = load_spacy()
    return [
        [[e.text, e.label_] for e in doc.ents if e.label_ in NER_LABELS]
        for doc in nlp.pipe(texts, batch_size=64)
    ]


def vectors(texts: list[str]) -> list[list[float]]:
    from glimpse.enrich.embed import default_embedder

    return [list(map(float, row)) for row in default_embedder().embed(texts)]


def features_for(arts: list[Article], *, ents: bool, vecs: bool) -> tuple[list[Features], float]:
    """Entities (spaCy) and MiniLM vectors over title + lede (or the first words), cached."""
    t0 = time.perf_counter()
    texts = [
        (feature_title(a) + ". " + (a.lede or " ".join(a.text.split()[:60]))).strip(". ")
        for a in arts
    ]
    names = _cached("ents", texts, entity_names) if ents else [[] for _ in arts]
    vec = _cached("vecs", texts, vectors) if vecs else [[] for _ in arts]
    feats = [
        Features(
            article=a.id,
            entities=tuple(Entity(name=n, type=label) for n, label in en),  # type: ignore[union-attr]
            vector=tuple(v),  # type: ignore[arg-type]
        )
        for a, en, v in zip(arts, names, vec, strict=True)  # type: ignore[call-overload]
    ]
    return feats, time.perf_counter() - t0


# -- runners -------------------------------------------------------------------------------
def run_glimpse(
    arts: list[Article], feats: list[Features], opts: ClusterOptions
) -> tuple[list[str], float]:
    """Assign in time order; returns each article's final story (after merges) and seconds."""
    items = [ClusterItem.from_records(a, f, opts) for a, f in zip(arts, feats, strict=True)]
    order = sorted(
        range(len(items)), key=lambda i: (items[i].time is None, items[i].time or 0, items[i].id)
    )
    index = StoryIndex(opts)
    story: dict[str, str] = {}
    t0 = time.perf_counter()
    for i in order:
        a = assign_story(index, items[i])
        story[a.article] = a.story
    elapsed = time.perf_counter() - t0
    return [index.resolve(story[a.id]) for a in arts], elapsed


def run_baseline(arts: list[Article], threshold: float) -> tuple[list[str], float]:
    """TF-IDF online centroid: join the most similar story centroid if cosine >= threshold."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    t0 = time.perf_counter()
    texts = [f"{a.title} {a.lede} {' '.join(a.text.split()[:150])}" for a in arts]
    order = sorted(
        range(len(arts)),
        key=lambda i: (arts[i].published is None, arts[i].published or 0, arts[i].id),
    )
    x = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [texts[i] for i in order]
    )
    gram = (x @ x.T).tocsr()
    diag = gram.diagonal()
    labels = np.full(len(order), -1, dtype=np.int64)
    norms2: list[float] = []
    for i in range(len(order)):
        lo, hi = gram.indptr[i], gram.indptr[i + 1]
        cols, vals = gram.indices[lo:hi], gram.data[lo:hi]
        mask = cols < i
        best, self_dot = len(norms2), 0.0
        if mask.any():
            sums = np.bincount(labels[cols[mask]], weights=vals[mask], minlength=len(norms2))
            sims = sums / np.sqrt(np.maximum(norms2, 1e-12))
            k = int(np.argmax(sims))
            if sims[k] >= threshold:
                best, self_dot = k, float(sums[k])
        if best == len(norms2):
            norms2.append(0.0)
        norms2[best] += 2 * self_dot + float(diag[i])
        labels[i] = best
    out = [""] * len(arts)
    for pos, i in enumerate(order):
        out[i] = f"b{labels[pos]}"
    return out, time.perf_counter() - t0


def best_baseline(
    arts: list[Article], gold: list[str], grid: Sequence[float]
) -> tuple[float, list[str], float]:
    best = max(((t, *run_baseline(arts, t)) for t in grid), key=lambda r: bcubed(r[1], gold)[2])
    return best


def score_row(
    name: str, pred: list[str], gold: list[str], seconds: float, extra: str = ""
) -> list[object]:
    p, r, f = bcubed(pred, gold)
    rate = f"{len(pred) / seconds:,.0f}" if seconds > 0 else "-"
    return [name, p, r, f, pairwise_f1(pred, gold), len(set(pred)), rate, extra]


# -- sections ------------------------------------------------------------------------------
LEXICAL = {"use_vectors": False}


def window_bound(arts: list[Article], gold: list[str], o: ClusterOptions) -> list[str]:
    """Gold clusters split wherever a gap between consecutive articles exceeds the window of
    the part so far (:func:`glimpse.cluster.index.story_window` under ``o``), or for a full
    article the reopening horizon when that is longer: the best any clusterer with that
    window can do."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        members[g].append(i)
    out = [""] * len(arts)
    for g, idx in members.items():
        idx.sort(key=lambda i: (arts[i].published is None, arts[i].published or 0))
        part, last, size = 0, None, 0
        for i in idx:
            when, span = arts[i].published, story_window(o, size)
            if len(body_tokens(arts[i])) >= o.reopen_min_words:  # it may reopen the part
                span = story_horizon(o, span)
            gap = None if when is None or last is None else (when - last).total_seconds()
            if gap is not None and span is not None and gap > span:
                part, size = part + 1, 0
            last, size = when or last, size + 1
            out[i] = f"{g}#{part}"
    return out


def giveme_data() -> tuple[list[Article], list[str], int]:
    """Giveme5W1H events plus the distractors (undated ones spread over the events' span)."""
    arts, gold = load_giveme()
    d_arts, d_gold = load_distractors()
    return spread_undated(arts + d_arts, arts), gold + d_gold, len(d_arts)


def giveme_section(opts: ClusterOptions) -> str:
    arts, gold, n_distract = giveme_data()
    feats, _ = features_for(arts, ents=True, vecs=True)
    rows, first = [], None
    for label, o in [
        ("glimpse (entities + MiniLM)", opts),
        ("glimpse, lexical + entities", dataclasses.replace(opts, **LEXICAL)),
        ("glimpse, no story merge", dataclasses.replace(opts, story_merge=None)),
        ("glimpse, no reopening (stories retire with their window)", no_reopening(opts)),
        ("glimpse, size-aware window (growth 1)", dataclasses.replace(opts, window_growth=1.0)),
    ]:
        pred, sec = run_glimpse(arts, feats, o)
        first = pred if first is None else first
        setting = f"body_threshold {o.body_threshold}, window {window_label(o)}, "
        setting += reopen_label(o)
        rows.append(score_row(label, pred, gold, sec, setting))
    for o in (opts, no_reopening(opts), dataclasses.replace(opts, window_growth=1.0)):
        bound = window_bound(arts, gold, o)
        label = f"(bound for window {window_label(o)}, {reopen_label(o)})"
        rows.append(score_row(label, bound, gold, 0.0, "gold"))
    t, pred, sec = best_baseline(arts, gold, [0.1, 0.15, 0.2, 0.25, 0.3, 0.4])
    rows.append(score_row(BASELINE, pred, gold, sec, f"threshold {t}"))
    head = f"Giveme5W1H news_cluster ({len(arts) - n_distract} articles) + "
    head += f"{n_distract} distractors (realsumm-cnndm, duc2001), {len(set(gold))} gold clusters"
    note = (
        "Undated distractors (100 CNN/DM, 45 DUC FT/FBIS/SJMN) get seeded-uniform times over "
        "the events' span; dated DUC ones keep their 1987-92 dates."
    )
    return f"### {head}\n\n{note}\n\n" + table(HEADERS, rows) + distractor_note(arts, first, gold)


def distractor_note(arts: list[Article], pred: list[str] | None, gold: list[str]) -> str:
    """How much of glimpse's precision loss is distractors grouped with distractors.

    DUC-2001 is a multi-document summarisation set: its documents come in topic sets, and
    some of them report one event. The protocol counts every distractor as its own story,
    so grouping those costs precision. The note quotes the opening words of the largest
    such group so a reader can judge it. A diagnostic only; the table keeps the protocol.
    """
    if pred is None:
        return ""
    members: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(pred):
        members[p].append(i)
    only = sorted(
        (
            ids
            for ids in members.values()
            if len(ids) > 1 and all(gold[i].startswith("single:") for i in ids)
        ),
        key=len,
        reverse=True,
    )
    if not only:
        return "\n\nNo glimpse story holds only distractors."
    relabel = list(gold)
    for ids in only:
        for i in ids:
            relabel[i] = f"distractors:{pred[ids[0]]}"
    p, _, f = bcubed(pred, relabel)
    openings = "; ".join(
        f'{arts[i].id}: "{" ".join(arts[i].text.split()[:10])} …"' for i in only[0]
    )
    return (
        f"\n\nDiagnostic, not the protocol's figure: {len(only)} glimpse stories hold only "
        f"distractors (sizes {', '.join(str(len(ids)) for ids in only)}). The largest: "
        f"{openings}. Counting these groupings as correct, glimpse's B3 P would be {p:.3f} "
        f"and F1 {f:.3f}."
    )


# The window before size-aware windows: 168 h of silence for every story, no stale penalty.
FIXED_168: dict[str, object] = {"window_hours": 168.0, "window_growth": 0.0, "stale_penalty": 0.0}
NO_REOPEN: dict[str, object] = {"reopen_hours": None}


def no_reopening(o: ClusterOptions) -> ClusterOptions:
    return dataclasses.replace(o, reopen_hours=None)


WINDOWS: tuple[tuple[str, dict[str, object]], ...] = (
    ("fixed 72 h, no reopening", {**FIXED_168, **NO_REOPEN, "window_hours": 72.0}),
    ("fixed 168 h, no reopening (before reopening)", {**FIXED_168, **NO_REOPEN}),
    ("fixed 720 h, no reopening", {**FIXED_168, **NO_REOPEN, "window_hours": 720.0}),
    ("size-aware, growth 1, no reopening", {**NO_REOPEN, "window_growth": 1.0}),
    ("size-aware, growth 2, no reopening", {**NO_REOPEN, "window_growth": 2.0}),
    ("168 h, reopening (default)", FIXED_168),
    ("168 h, reopening for 1 year", {**FIXED_168, "reopen_hours": 8760.0}),
    ("168 h, reopening without limit", {**FIXED_168, "reopen_hours": 10.0**6}),
    ("168 h, reopening, margin 0.2", {**FIXED_168, "reopen_margin": 0.2}),
    ("168 h, reopening, margin 0.25", {**FIXED_168, "reopen_margin": 0.25}),
    ("168 h, reopening, margin 0.35", {**FIXED_168, "reopen_margin": 0.35}),
    ("168 h, reopening, margin 0.4", {**FIXED_168, "reopen_margin": 0.4}),
    ("168 h, reopening, margin 0.5", {**FIXED_168, "reopen_margin": 0.5}),
    ("size-aware, growth 1, reopening", {"window_growth": 1.0}),
)


def reopen_label(o: ClusterOptions) -> str:
    if o.reopen_hours is None:
        return "no reopening"
    return f"reopening {o.reopen_hours:.0f} h, margin {o.reopen_margin:g}"


def window_label(o: ClusterOptions) -> str:
    if o.window_hours is None:
        return "none"
    if not o.window_growth:
        return f"{o.window_hours:.0f} h"
    cap = "" if o.max_window_hours is None else f", at most {o.max_window_hours:.0f} h"
    return f"{o.window_hours:.0f} h x (1 + {o.window_growth:g} log2 size){cap}"


def growth_verdict(scale: dict[str, tuple[float, float]]) -> str:
    """What this run's scale table says of ``window_growth = 1`` under the window rule."""
    if "default" not in scale or "window_growth 1" not in scale:
        return "This run did not measure the size-aware window's scale."
    (ratio, f1), (base_ratio, base_f1) = scale["window_growth 1"], scale["default"]
    figures = (
        f"In this run's scale table the growth-1 stream's 213k per-article time is {ratio:.2f}x "
        f"its 10k one (default: {base_ratio:.2f}x), and over the whole UCI stream its B-cubed "
        f"F1 is {f1:.3f} against the default's {base_f1:.3f}"
    )
    if ratio <= MARGIN and f1 >= base_f1:
        return figures + ": growth 1 keeps the rule, and should become the default."
    reasons = []
    if ratio > MARGIN:
        reasons.append(f"above the {MARGIN}x margin")
    if f1 < base_f1:
        reasons.append(
            "a month-long window lets a big headline story absorb the following weeks' "
            "stories on the same subject, which UCI's gold keeps apart, and a 3-day tuning "
            "window cannot show it"
        )
    return (
        f"{figures}: {'; '.join(reasons)}. So the window stays 168 h; `window_growth = 1` is "
        "a config key away for a desk that follows long-running stories."
    )


def reopen_verdict(scale: dict[str, tuple[float, float]]) -> str:
    """What this run's scale table says of reopening under the window rule."""
    if "default" not in scale or "no reopening" not in scale:
        return "This run did not measure reopening's scale."
    (ratio, f1), (off_ratio, off_f1) = scale["default"], scale["no reopening"]
    kept = ratio <= MARGIN and f1 >= off_f1
    verdict = (
        f"Over the whole UCI stream, reopening (the default) scores B-cubed F1 {f1:.3f} against "
        f"{off_f1:.3f} without it, at {ratio:.2f}x the 10k per-article time at 213k "
        f"({off_ratio:.2f}x without): "
        + (
            "it keeps the rule (headlines never search the dormant stories)."
            if kept
            else "it breaks the rule, and should not be the default."
        )
    )
    if "headlines reopen too" in scale:
        h_ratio, h_f1 = scale["headlines reopen too"]
        verdict += (
            f" Letting headlines reopen dormant stories too (`reopen_min_words = 0`, the same "
            f"margin over their own threshold) scores {h_f1:.3f} there ({h_ratio:.2f}x): "
            + (
                "no worse, so headlines could reopen too."
                if h_f1 >= f1
                else "a headline's few words cannot tell a follow-up from the next event on "
                "the same subject."
            )
        )
    return verdict


def reopen_sensitivity(giveme: dict[str, tuple[float, float]]) -> str:
    """This run's Giveme figures for the reopening settings around the default."""
    default = giveme["168 h, reopening (default)"]
    around = [
        ("a one-year horizon", "168 h, reopening for 1 year"),
        ("no limit", "168 h, reopening without limit"),
        *((f"margin {m}", f"168 h, reopening, margin {m}") for m in ("0.2", "0.25", "0.35", "0.5")),
    ]
    figures = ", ".join(
        f"{name} {giveme[label][1]:.3f} (P {giveme[label][0]:.3f})" for name, label in around
    )
    return (
        f"around the default's B3 F1 {default[1]:.3f} (P {default[0]:.3f}) this run measured "
        f"{figures}."
    )


def window_section(opts: ClusterOptions, scale: dict[str, tuple[float, float]]) -> str:
    """B-cubed F1 per window policy on the two tuning sets, with the Giveme bound."""
    g_arts, g_gold, _ = giveme_data()
    g_feats, _ = features_for(g_arts, ents=True, vecs=True)
    name, (u_arts, u_gold) = windows(uci_days(load_uci()))[TUNE_AT]
    u_feats, _ = features_for(u_arts, ents=True, vecs=True)
    rows = []
    giveme: dict[str, tuple[float, float]] = {}  # label -> (B3 P, B3 F1)
    for label, change in WINDOWS:
        o = dataclasses.replace(opts, **change)  # type: ignore[arg-type]
        pred = run_glimpse(g_arts, g_feats, o)[0]
        gp, gr, g = bcubed(pred, g_gold)
        giveme[label] = (gp, g)
        bound = bcubed(window_bound(g_arts, g_gold, o), g_gold)[2]
        u = bcubed(run_glimpse(u_arts, u_feats, o)[0], u_gold)[2]
        rows.append(
            [
                label,
                window_label(o),
                reopen_label(o),
                gp,
                gr,
                g,
                bound,
                u,
                f"{min(g - 0.95, u - 0.75):+.3f}",
            ]
        )
    return (
        "### Time window and reopening (how long a story stays open after its newest article)"
        "\n\n"
        "A story silent for its window (`window_hours`, a week) leaves the active index. Without "
        "reopening it is retired. With reopening (`reopen_hours`, `reopen_margin`, the default) "
        "it goes dormant instead: it waits in a second index that only full articles search, "
        "and a full article that scores `reopen_margin` above `body_threshold` reopens it; it is "
        "retired once silent for `reopen_hours`. Headlines never search the dormant stories "
        "(`reopen_min_words`; the scale table's 'headlines reopen too' rows show what letting "
        "them costs over the whole UCI stream). A size-aware window "
        "instead widens the window per doubling of the story's size, up to a cap "
        "(`window_growth`, `max_window_hours`), for headlines and full articles alike. "
        "Rule: among settings that keep the scale target (213k headlines within 2x of the 10k "
        "per-article time, >= 2,000/s) and do not lower B-cubed F1 over the whole UCI stream, "
        "the one whose worse data set is closest to its target, on the tuning sets only "
        f"(Giveme, UCI {name}), where keeping the target means at most {MARGIN}x in the faster "
        "of two runs (the 2x target less the 15% that CPU time varies between runs on this "
        "shared machine). Giveme is the only full-text set with gold events here, so the "
        "reopening horizon and margin are chosen on it and have no held-out figure; "
        + reopen_sensitivity(giveme)
        + " The rule picks the policy, not the margin: the default margin sits one step "
        "inside the range where precision stays at its distractor floor rather than at its "
        "edge (in our reading of the stories, below it the North Korea missile-over-Japan and "
        "satellite-launch events merge). Giveme's events are followed up to 20 months later "
        "(a Cincinnati Zoo retrospective, the Tiangong-1 re-entry, Panama Papers "
        "follow-ups), hence a two-year horizon. "
        + reopen_verdict(scale)
        + " "
        + growth_verdict(scale)
        + " The "
        "Giveme bound is what a perfect clusterer under that policy scores (gold events split "
        "at longer gaps). UCI gold stories almost never span two UTC days, and its headlines "
        "never reopen, so the policy barely matters on its tuning window.\n\n"
        + table(
            [
                "policy",
                "story window",
                "reopening",
                "Giveme B3 P",
                "Giveme B3 R",
                "Giveme B3 F1",
                "Giveme bound",
                "UCI tuning B3 F1",
                "min(F1 - target)",
            ],
            rows,
        )
    )


BASELINE = "TF-IDF online centroid (best threshold)"
HEADERS = ["system", "B3 P", "B3 R", "B3 F1", "pair F1", "clusters", "articles/s", "setting"]


def tune(
    arts: list[Article],
    gold: list[str],
    feats: list[Features],
    base: ClusterOptions,
    grid: Sequence[float],
    key: str,
) -> ClusterOptions:
    """``base`` with option ``key`` set to the grid value of best B-cubed F1."""
    scores = {}
    for t in grid:
        pred = run_glimpse(arts, feats, dataclasses.replace(base, **{key: t}))[0]
        scores[t] = bcubed(pred, gold)[2]
    return dataclasses.replace(base, **{key: max(scores, key=lambda t: scores[t])})


TUNE_AT = 1


def uci_section(opts: ClusterOptions, quick: bool) -> tuple[str, list[float]]:
    all_windows = windows(uci_days(load_uci()))
    tune_at, eval_at = TUNE_AT, ([4, 10] if quick else [4, 10, 20, 30])
    grid = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]
    parts, deltas = [], []
    settings: dict[str, ClusterOptions] = {}
    for k in [tune_at, *eval_at]:
        name, (arts, gold) = all_windows[k]
        feats, _ = features_for(arts, ents=True, vecs=True)
        if k == tune_at:
            lexical = dataclasses.replace(opts, **LEXICAL)
            settings["MiniLM"] = tune(arts, gold, feats, opts, grid, "threshold")
            settings["lexical"] = tune(arts, gold, feats, lexical, grid, "lexical_threshold")
            no_merge = dataclasses.replace(settings["MiniLM"], story_merge=None)
            settings["MiniLM, no story merge"] = no_merge
        rows = []
        for label, o in settings.items():
            pred, sec = run_glimpse(arts, feats, o)
            value = o.threshold if o.use_vectors else o.lexical_threshold
            setting = f"{'threshold' if o.use_vectors else 'lexical_threshold'} {value}"
            rows.append(score_row(f"glimpse, entities + {label}", pred, gold, sec, setting))
        t, pred, sec = best_baseline(arts, gold, [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5])
        rows.append(score_row(BASELINE, pred, gold, sec, f"threshold {t}"))
        deltas.append(float(rows[0][3]) - float(rows[-1][3]))  # type: ignore[arg-type]
        role = "tuning window" if k == tune_at else "held-out window"
        parts.append(
            f"#### {name} ({role}): {len(arts)} headlines, {len(set(gold))} stories\n\n"
            + table(HEADERS, rows)
        )
    return "\n\n".join(parts), deltas


def feature_costs(sample: int = 1000) -> str:
    """Uncached per-headline cost of each feature, on the first ``sample`` UCI headlines."""
    arts = uci_days(load_uci())["2014-03-13"][0][:sample]
    texts = [a.title for a in arts]
    rows = []
    t0 = time.perf_counter()
    for a in arts:
        ClusterItem.from_records(a, None)
    rows.append(["terms + MinHash (ClusterItem)", f"{sample / (time.perf_counter() - t0):,.0f}"])
    from glimpse.enrich.embed import default_embedder
    from glimpse.nlp import load_spacy

    load_spacy()
    t0 = time.perf_counter()
    entity_names(texts)
    rows.append(["spaCy NER (en_core_web_sm)", f"{sample / (time.perf_counter() - t0):,.0f}"])
    default_embedder().warm_up()
    t0 = time.perf_counter()
    vectors(texts)
    rows.append(["MiniLM vector", f"{sample / (time.perf_counter() - t0):,.0f}"])
    return table(["feature (computed once, at enrich time)", "headlines/s"], rows)


def _rss_mb() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mb() -> float:
    """Resident memory now (Linux ``/proc/self/statm``)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def scale_one(size: int, changes: dict[str, object] | None = None) -> dict[str, float]:
    """Stream the first ``size`` UCI headlines (day-shuffled), lexical features only.

    Features are timed in a first pass (and dropped); the second pass builds each item as it
    streams (as the pipeline reads stored features) and times only ``assign_story``. Times
    are CPU seconds of this process, so other tenants of a shared machine do not count.
    """
    arts, gold = [], []
    for day_arts, day_gold in uci_days(load_uci()).values():
        arts += day_arts
        gold += day_gold
    arts, gold = arts[:size], gold[:size]
    opts = dataclasses.replace(ClusterOptions(use_vectors=False), **(changes or {}))  # type: ignore[arg-type]
    sample = arts[:20_000]
    t0 = time.process_time()
    for a in sample:
        ClusterItem.from_records(a, None, opts)
    feat = time.process_time() - t0
    data_mb = _current_mb()
    index = StoryIndex(opts)
    story: dict[str, str] = {}
    spent, first = 0.0, 0.0
    for n, a in enumerate(arts, 1):
        item = ClusterItem.from_records(a, None, opts)
        t0 = time.process_time()
        story[item.id] = assign_story(index, item).story
        spent += time.process_time() - t0
        if n == min(10_000, len(arts)):
            first = spent
    pred = [index.resolve(story[a.id]) for a in arts]
    p, r, f = bcubed(pred, gold)
    rest = len(arts) - 10_000
    return {
        "size": len(arts),
        "feature_rate": len(sample) / feat,
        "assign_rate": len(arts) / spent,
        "first10k_rate": min(10_000, len(arts)) / first,
        "last_rate": rest / (spent - first) if rest > 0 else len(arts) / spent,
        "maxrss_mb": _rss_mb(),
        "grown_mb": _current_mb() - data_mb,
        "active": len(index.stories) - len(index.dormant),
        "dormant": len(index.dormant),
        "state_kb": len(index.to_state()) / 1024,
        "p": p,
        "r": r,
        "f": f,
    }


REPEATS = 2  # runs per size; the fastest is reported (timeit's rule: noise only adds time)
MARGIN = 1.75  # the largest size ratio a default may measure (2x less run-to-run noise)
# (label, option changes, sizes): the defaults at every size, and the price of other
# window policies on the same stream
ScaleConfig = tuple[str, dict[str, object], Sequence[int]]


def _scale_run(size: int, changes: dict[str, object]) -> dict[str, float]:
    extra = ["--options", json.dumps(changes)] if changes else []
    out = subprocess.run(
        [sys.executable, "-m", "bench.clustering", "--scale-one", str(size), *extra],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def scale_section(configs: Sequence[ScaleConfig]) -> tuple[str, dict[str, tuple[float, float]]]:
    """The scale table, one row per configuration and size, and per configuration its
    largest size's (per-article time / first size's, B-cubed F1)."""
    rows, figures = [], {}
    for label, changes, sizes in configs:
        base = None
        for size in sizes:
            runs = [_scale_run(size, changes) for _ in range(REPEATS)]
            m = max(runs, key=lambda r: r["assign_rate"])
            us = 1e6 / m["assign_rate"]
            base = us if base is None else base
            figures[label] = (us / base, m["f"])
            rows.append(_scale_row(label, m, runs, us, base))
    return table(SCALE_HEADERS, rows), figures


def _scale_row(
    label: str, m: dict[str, float], runs: list[dict[str, float]], us: float, base: float
) -> list[object]:
    return [
        label,
        f"{m['size']:,}",
        f"{m['feature_rate']:,.0f}",
        f"{m['assign_rate']:,.0f}",
        f"{m['first10k_rate']:,.0f}",
        f"{m['last_rate']:,.0f}",
        f"{us:.0f}",
        " / ".join(f"{1e6 / r['assign_rate']:.0f}" for r in runs),
        f"{us / base:.2f}x",
        f"{m['maxrss_mb']:,.0f}",
        f"{m['grown_mb']:,.0f}",
        m["active"],
        m.get("dormant", 0),
        f"{m['state_kb']:,.0f}",
        m["f"],
    ]


SCALE_HEADERS = [
    "options",
    "headlines",
    "features/s",
    "assign/s",
    "assign/s first 10k",
    "assign/s after 10k",
    "µs/article",
    f"µs/article, each of {REPEATS} runs",
    "vs 10k",
    "peak RSS MB",
    "RSS growth while streaming MB",
    "active stories",
    "dormant stories",
    "state KB",
    "B3 F1",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="two held-out UCI windows, 10k/50k scale")
    ap.add_argument("--scale-one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--options", type=json.loads, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scale_one:
        print(json.dumps(scale_one(args.scale_one, args.options)))
        return
    opts = ClusterOptions()
    sizes = [10_000, 50_000] if args.quick else [10_000, 50_000, 10**7]
    ends = [sizes[0], sizes[-1]]
    scale, figures = scale_section(
        [
            ("default", {}, sizes),
            ("no reopening", {"reopen_hours": None}, ends),
            ("headlines reopen too", {"reopen_min_words": 0}, ends),
            ("window_growth 1", {"window_growth": 1.0}, ends),
        ]
    )
    print(scale, flush=True)
    giveme = giveme_section(opts)
    print(giveme, flush=True)
    window = window_section(opts, figures)
    print(window, flush=True)
    uci, deltas = uci_section(opts, args.quick)
    print(uci, flush=True)
    costs = feature_costs()
    print(costs, flush=True)
    cmd = COMMAND + (" --quick" if args.quick else "")
    md = "\n\n".join(
        [
            "## Story clustering (`glimpse.cluster.online.v1`)",
            f"Reproduce: `{cmd}` — {machine()}. B3 = B-cubed; pair F1 = F1 over same-story pairs.",
            giveme,
            window,
            "### UCI News Aggregator, 3-day windows (days shuffled with a fixed seed, synthetic "
            "times "
            "in shuffled order); glimpse thresholds tuned on the first window only, the baseline "
            "gets its best threshold on every window",
            uci,
            f"glimpse (MiniLM) minus baseline, B3 F1: {', '.join(f'{d:+.3f}' for d in deltas)}",
            "### Scale: UCI headlines streamed in day-shuffled order, lexical features only "
            "(no entities, no vectors), one process per run, the faster of "
            f"{REPEATS} runs per size (CPU seconds)",
            scale,
            "### Feature cost (uncached, 1,000 UCI headlines, one core)",
            costs,
        ]
    )
    write_section("clustering", md)


if __name__ == "__main__":
    main()
