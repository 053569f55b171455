"""Build the bundled demo corpus from ../shared/data/giveme5w1h-news-cluster.

Picks the events covered by the most distinct outlets and keeps up to five articles per event
(one per outlet), so the demo shows real multi-source stories. Run once; the output is committed:

    .venv/bin/python scripts/make_demo_corpus.py
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "giveme5w1h-news-cluster" / "news_cluster.jsonl"
OUT = ROOT / "glimpse" / "demo" / "corpus" / "articles.jsonl"
EVENTS, PER_EVENT = 13, 5


def main() -> None:
    rows = [json.loads(line) for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    by_event: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if len(row["text"].split()) >= 80:
            by_event[row["event"]].append(row)
    ranked = sorted(by_event, key=lambda e: (-len({r["source_domain"] for r in by_event[e]}), e))
    kept: list[dict[str, str]] = []
    for event in ranked[:EVENTS]:
        seen: set[str] = set()
        for row in sorted(by_event[event], key=lambda r: (r["date_publish"] or "", r["doc_id"])):
            if row["source_domain"] not in seen and len(seen) < PER_EVENT:
                seen.add(row["source_domain"])
                kept.append(row)
    fields = (
        "doc_id",
        "url",
        "source_domain",
        "date_publish",
        "title",
        "description",
        "text",
        "event",
    )
    with OUT.open("w", encoding="utf-8") as out:
        for row in kept:
            out.write(json.dumps({k: row[k] for k in fields}, ensure_ascii=False) + "\n")
    outlets = {r["source_domain"] for r in kept}
    print(f"{len(kept)} articles, {len(outlets)} outlets, {len({r['event'] for r in kept})} events")


if __name__ == "__main__":
    main()
