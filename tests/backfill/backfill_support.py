"""Backfill test inputs: demo articles as JSON Lines and as HTML pages in a WARC archive."""

from __future__ import annotations

import html
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        lines = [line for line in self.stdout.splitlines() if line.strip()]
        return json.loads(lines[-1])


def run_cli(*args: str, timeout: float = 300) -> Result:
    """``python -m glimpse ARGS`` in a subprocess, as a user runs it."""
    env = os.environ | {"COLUMNS": "200", "RAY_USAGE_STATS_ENABLED": "0"}
    proc = subprocess.run(
        [sys.executable, "-m", "glimpse", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def demo_rows(events: int, per_event: int = 5) -> list[dict[str, Any]]:
    """Articles of the first ``events`` events of the bundled corpus, as glimpse JSON records."""
    text = (resources.files("glimpse.demo") / "corpus" / "articles.jsonl").read_text("utf-8")
    rows = [json.loads(line) for line in text.splitlines()]
    order = list(dict.fromkeys(r["event"] for r in rows))[:events]
    chosen = [r for r in rows if r["event"] in order]
    return [
        {
            "id": r["doc_id"][:16],
            "url": r["url"],
            "title": r["title"],
            "text": r["text"],
            "published": r["date_publish"],
            "source": r["source_domain"],
        }
        for r in chosen
        if sum(1 for c in chosen[: chosen.index(r)] if c["event"] == r["event"]) < per_event
    ]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def page(row: dict[str, Any]) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n") if p.strip())
    return (
        f"<html><head><title>{html.escape(row['title'])}</title>"
        f'<meta property="article:published_time" content="{row["published"]}"></head>'
        f"<body><article><h1>{html.escape(row['title'])}</h1>{paragraphs}</article></body></html>"
    ).encode()


def write_warc(path: Path, rows: list[dict[str, Any]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for row in rows:
            body = page(row)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                row["url"],
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
            writer.write_record(record)
    return path


def stored(db: Path) -> tuple[list[str], dict[str, frozenset[str]], list[str]]:
    """Article ids, each story's article ids by story id, and the brief headlines of a desk."""
    import sqlite3

    from glimpse.store import Store

    conn = sqlite3.connect(db)
    try:
        ids = sorted(r[0] for r in conn.execute("SELECT id FROM articles"))
        groups: dict[str, set[str]] = {}
        for article, story in conn.execute("SELECT article, story FROM assignments"):
            groups.setdefault(story, set()).add(article)
    finally:
        conn.close()
    with Store(db) as store:
        heads = sorted(r.headline for r in store.list_stories(limit=10_000))
    return ids, {k: frozenset(v) for k, v in groups.items()}, heads
