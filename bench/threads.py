"""How often two stories linked as a thread share a subject (glimpse.threads).

Run from the repository root (spaCy tagging: wrap in the shared lock):
    flock /tmp/glimpse-heavy.lock .venv/bin/python -m bench.threads [--data ../shared/data]
        [--uci-stories 600] [--sample 30] [--out bench/threads-sample.txt]

Stories come from each dataset's own grouping (no clustering error mixed in): a giveme5w1h
event (``event_id``) or a UCI aggregator story (``STORY``) is one story. Its tags come from the
real tagger (``tag_articles`` then ``tag_story``, spaCy ``en_core_web_sm``): giveme5w1h articles
with their full text; UCI stories as one article per headline (headline only, no body), for the
``--uci-stories`` stories of the first days of the file, shuffled. Every story is then linked
against all others of its dataset with :func:`glimpse.threads.link_thread`, weights from the
dataset's own tag counts, as ``glimpse serve`` does over its store.

Prints the number of stories and thread links, and writes ``--sample`` linked pairs (headlines,
tags, shared subjects, dates) to ``--out`` for a person to read: the share that truly share a
subject is recorded by hand in BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from glimpse.enrich import tag_articles, tag_story
from glimpse.extract.sentences import split_sentences
from glimpse.models import Article
from glimpse.threads import Subject, link_thread, main_subjects, subject_weights

csv.field_size_limit(sys.maxsize)


def _article(uid: str, title: str, text: str, source: str, when: datetime) -> Article:
    return Article(
        id=uid,
        title=title,
        text=text,
        lede=text.split("\n", 1)[0],
        paragraphs=tuple(p for p in text.split("\n") if p.strip()),
        sentences=split_sentences(text),
        published=when,
        source=source,
    )


def giveme(path: Path) -> dict[str, list[Article]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        when = datetime.fromisoformat(row["date_publish"]).replace(tzinfo=UTC)
        groups[str(row["event_id"])].append(
            _article(row["doc_id"], row["title"], row["text"], row["source_domain"], when)
        )
    return groups


def uci(path: Path, stories: int, rng: random.Random) -> dict[str, list[Article]]:
    groups: dict[str, list[Article]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(groups) >= stories * 3 and row[5] not in groups:
                break
            when = datetime.fromtimestamp(int(row[7]) / 1000, UTC)
            if len(groups[row[5]]) < 8:  # a few headlines say what a story is about
                groups[row[5]].append(_article(row[0], row[1], row[1], row[3], when))
    chosen = rng.sample(sorted(groups), min(stories, len(groups)))
    return {k: groups[k] for k in chosen}


def subjects(groups: dict[str, list[Article]]) -> tuple[list[Subject], dict[str, str]]:
    everything = [a for arts in groups.values() for a in arts]
    features = dict(zip([a.id for a in everything], tag_articles(everything), strict=True))
    out, heads = [], {}
    for key, arts in groups.items():
        tags, _ = tag_story(arts, [features[a.id] for a in arts])
        first = min(a.published for a in arts if a.published)
        out.append(Subject(key, tags, first))
        heads[key] = arts[0].title
    return out, heads


def links(subs: list[Subject]) -> list[tuple[Subject, Subject]]:
    counts: dict[str, int] = defaultdict(int)
    for s in subs:
        for tag in dict.fromkeys(s.tags):
            counts[tag] += 1
    weights = subject_weights(counts, len(subs))
    by_id = {s.story: s for s in subs}
    pairs = set()
    for s in subs:
        thread = link_thread(s, subs, weights)
        for other in (*thread.earlier, *thread.later):
            pairs.add(tuple(sorted((s.story, other))))
    return [(by_id[a], by_id[b]) for a, b in sorted(pairs)]


def main() -> None:
    parser = argparse.ArgumentParser(description="thread links: how often they share a subject")
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--uci-stories", type=int, default=600)
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--out", type=Path, default=Path("bench/threads-sample.txt"))
    args = parser.parse_args()
    rng = random.Random(17)
    sets = {
        "giveme5w1h": giveme(args.data / "giveme5w1h-news-cluster" / "news_cluster.jsonl"),
        "uci": uci(args.data / "uci-news-aggregator" / "newsCorpora.csv", args.uci_stories, rng),
    }
    all_pairs: list[tuple[str, Subject, Subject, dict[str, str]]] = []
    for name, groups in sets.items():
        subs, heads = subjects(groups)
        pairs = links(subs)
        print(f"{name}: {len(subs)} stories, {len(pairs)} thread links")
        all_pairs += [(name, a, b, heads) for a, b in pairs]
    sample = rng.sample(all_pairs, min(args.sample, len(all_pairs)))
    lines = []
    for i, (name, a, b, heads) in enumerate(sample, 1):
        shared = sorted(main_subjects(a.tags) & main_subjects(b.tags))
        lines += [
            f"{i:2d}. [{name}] shared: {', '.join(shared)}",
            f"    A {a.first_seen:%Y-%m-%d} {heads[a.story]}  {list(a.tags)}",
            f"    B {b.first_seen:%Y-%m-%d} {heads[b.story]}  {list(b.tags)}",
            "",
        ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(sample)} sampled pairs written to {args.out}")


if __name__ == "__main__":
    main()
