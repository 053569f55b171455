"""The static site's search index: each story's terms, stemmed exactly as the server's search.

The server searches SQLite FTS5 tables tokenized ``porter unicode61``; the index runs each story's
words through that same tokenizer (an in-memory FTS5 table and its ``fts5vocab``), so the static
search (``static/search.js`` with the same Porter stemmer) finds "missile" for "missiles" as the
server does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from typing import Any

#: The tokenizer of the server's full-text tables (glimpse/store/schema.py).
TOKENIZE = "porter unicode61"


def stem_terms(texts: Sequence[str]) -> list[list[str]]:
    """For each text, its distinct terms as FTS5 ``porter unicode61`` indexes them, sorted."""
    terms: list[set[str]] = [set() for _ in texts]
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{TOKENIZE}')")
        conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
        conn.executemany("INSERT INTO t(rowid, x) VALUES (?, ?)", enumerate(texts, start=1))
        for doc, term in conn.execute("SELECT DISTINCT doc, term FROM v"):
            terms[doc - 1].add(term)
    return [sorted(t) for t in terms]


def with_terms(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Index entries with ``terms``: the stems of their ``text``, space-separated."""
    stems = stem_terms([e["text"] for e in entries])
    return [{**e, "terms": " ".join(t)} for e, t in zip(entries, stems, strict=True)]


def index_script(entries: list[dict[str, Any]]) -> str:
    """``search-index.js``: the index as a script, which loads where fetch() of a file cannot."""
    slim = [{k: v for k, v in e.items() if k != "text"} for e in entries]
    doc = json.dumps({"ok": True, "stories": slim}, ensure_ascii=False, separators=(",", ":"))
    return f"window.glimpseSearchIndex = {doc};\n"
