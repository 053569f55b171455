"""The backfill benchmark's archive: the pages and texts we have, copied, re-dated, re-identified.

Texts (giveme5w1h, wikiref220, the demo corpus) become JSON Lines records; the HTML pages of the
article-extraction benchmark become WARC response records. Copy ``k`` of an article gets a new
id and URL, a body that differs by one line (so the store does not refuse it as a duplicate) and a
date ``k * 45`` days later (so copies do not fall into one story's time window).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench._report import DATA
from glimpse.models import content_id

STEP = timedelta(days=45)
BASE_DATE = datetime(2017, 1, 1, tzinfo=UTC)
PART = 250  # records per archive file, like the parts of a crawl


def _texts() -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    demo = Path(__file__).resolve().parent.parent / "glimpse" / "demo" / "corpus"
    for path in (DATA / "giveme5w1h-news-cluster" / "news_cluster.jsonl", demo / "articles.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            r = json.loads(line)
            rows[r["text"][:200]] = {
                "id": r["doc_id"][:16],
                "url": r["url"],
                "title": r["title"],
                "text": r["text"],
                "published": r.get("date_publish"),
                "source": r.get("source_domain"),
            }
    for line in (DATA / "wikiref220-clustering" / "wikiref220.jsonl").read_text().splitlines():
        r = json.loads(line)
        title, _, body = r["text"].strip().partition("\n")
        rows[r["text"][:200]] = {"id": r["doc_id"], "title": title.strip(), "text": body}
    return [r for r in rows.values() if len(r["text"].split()) > 40]


def _pages() -> list[tuple[str, bytes]]:
    folder = DATA / "article-extraction-benchmark" / "html"
    return [(p.stem, p.read_bytes()) for p in sorted(folder.glob("*.html"))]


def _text_copy(row: dict[str, Any], k: int) -> dict[str, Any]:
    published = datetime.fromisoformat(row["published"]) if row.get("published") else BASE_DATE
    published = (published if published.tzinfo else published.replace(tzinfo=UTC)) + k * STEP
    return row | {
        "id": content_id(row["id"], str(k), prefix="bf"),
        "url": f"https://archive.example/{k}/{row['id']}",
        "text": f"{row['text']}\n\nArchive copy {k}.",
        "published": published.isoformat(),
    }


_CANONICAL = re.compile(rb"<link[^>]+canonical[^>]*>|<meta[^>]+og:url[^>]*>", re.I)
_FIRST_P = re.compile(rb"<p(\s[^>]*)?>", re.I)


def _page_copy(name: str, html: bytes, k: int) -> tuple[str, bytes]:
    body = _CANONICAL.sub(b"", html)
    body = _FIRST_P.sub(lambda m: m.group(0) + f"Archive copy {k}. ".encode(), body, count=1)
    when = (BASE_DATE + k * STEP).isoformat()
    meta = f'<meta property="article:published_time" content="{when}">'.encode()
    body = re.sub(rb"<head[^>]*>", lambda m: m.group(0) + meta, body, count=1, flags=re.I)
    return f"https://archive.example/{k}/{name}", body


def _copies(n: int, html_share: float) -> Iterator[tuple[str, Any]]:
    texts, pages = _texts(), _pages()
    n_pages = round(n * html_share)
    for i in range(n - n_pages):
        yield "text", _text_copy(texts[i % len(texts)], i // len(texts))
    for i in range(n_pages):
        yield "page", _page_copy(*pages[i % len(pages)], i // len(pages))


def write_corpus(folder: Path, n: int, html_share: float) -> dict[str, int]:
    """``n`` articles as part files (JSON Lines and WARC) in ``folder``; returns the counts."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    texts: list[str] = []
    pages: list[tuple[str, bytes]] = []
    counts = {"text": 0, "page": 0, "files": 0}

    def flush_texts() -> None:
        (folder / f"part-{counts['files']:05d}.jsonl").write_text("".join(texts), "utf-8")
        counts["files"] += 1
        texts.clear()

    def flush_pages() -> None:
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=headers,
                )
            )
        (folder / f"part-{counts['files']:05d}.warc.gz").write_bytes(buffer.getvalue())
        counts["files"] += 1
        pages.clear()

    for kind, item in _copies(n, html_share):
        counts[kind] += 1
        if kind == "text":
            texts.append(json.dumps(item) + "\n")
            if len(texts) == PART:
                flush_texts()
        else:
            pages.append(item)
            if len(pages) == PART // 4:
                flush_pages()
    if texts:
        flush_texts()
    if pages:
        flush_pages()
    return counts
