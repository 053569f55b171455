"""Benchmark inputs for the compose stage, built through the real extract sentence splitter.

Shared by ``bench.briefs`` and ``bench.grounding``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from bench._report import DATA
from glimpse.extract import article_from_text
from glimpse.models import Article

REALSUMM = DATA / "realsumm-cnndm" / "realsumm_cnndm_100.jsonl"
CLUSTERS = DATA / "giveme5w1h-news-cluster" / "news_cluster.jsonl"

_BRACKETS = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}"}
_RULES = [
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m|’s)\b", re.I), r"\1"),
    (re.compile(r"\s+([.,;:!?%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$£])\s+"), r"\1"),
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),
    (re.compile(r"``|''"), '"'),
]


def detokenize(text: str) -> str:
    """Undo CNN/DM tokenization: "team 's" -> "team's", " ," -> ",", -lrb- -> "("."""
    for token, char in _BRACKETS.items():
        text = re.sub(re.escape(token), char, text, flags=re.I)
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return _pair_quotes(text)


def _pair_quotes(text: str) -> str:
    """Glue free-standing quote tokens (" or ') to the words they enclose, alternating."""
    words = text.split(" ")
    out: list[str] = []
    is_open = {'"': False, "'": False}
    glue_next = False
    for word in words:
        if word in is_open:
            is_open[word] = not is_open[word]
            if is_open[word]:
                out.append(word)
                glue_next = True
            elif out:
                out[-1] += word
            continue
        if glue_next and out:
            out[-1] += word
            glue_next = False
        else:
            out.append(word)
    return " ".join(out)


@dataclass(frozen=True)
class SummDoc:
    doc_id: str
    article: Article
    reference: list[str]  # reference summary sentences, detokenized


def realsumm_docs() -> list[SummDoc]:
    """The 100 CNN/DM test articles as one-article stories, with their reference highlights."""
    docs = []
    for line in REALSUMM.read_text().splitlines():
        row = json.loads(line)
        article = article_from_text("", detokenize(row["src"]), id=f"cnndm-{row['doc_id']}")
        refs = [detokenize(s) for s in re.split(r"(?<=\s\.)\s+", row["ref_summ"]) if s.strip()]
        docs.append(SummDoc(row["doc_id"], article, refs))
    return sorted(docs, key=lambda d: int(d.doc_id))


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def cluster_events() -> dict[int, list[Article]]:
    """giveme5w1h events: event id -> its articles (title, text, url, outlet, published)."""
    events: dict[int, list[Article]] = defaultdict(list)
    for line in CLUSTERS.read_text().splitlines():
        row = json.loads(line)
        if not (row.get("text") or "").strip():
            continue
        article = article_from_text(
            row.get("title") or "",
            row["text"],
            url=row.get("url"),
            id=row["doc_id"][:16],
            published=_published(row.get("date_publish")),
            source=row.get("source_domain"),
        )
        events[int(row["event_id"])].append(article)
    return dict(sorted(events.items()))
