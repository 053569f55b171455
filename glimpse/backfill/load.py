"""Shards into the store, oldest article first, then clustering and briefs as ``build`` does.

Each shard is sorted when written, so the load is a k-way merge over the shards read a record
batch at a time: memory stays at one batch per shard however large the archive is. A copy a
worker did not enrich is checked against the store first: refused, it is a duplicate as it would
have been; taken after all (rare: its first copy was refused for another reason), it is enriched
here, so the store ends up the same either way.
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from glimpse.backfill.rows import from_row, is_enriched, load_key, to_table
from glimpse.errors import GlimpseError, StageFailure
from glimpse.models import Article, Features, RunReport
from glimpse.pipeline import featurize

READ_ROWS = 256


def write_shard(path: Path, rows: Any) -> None:
    """Write an Arrow table (or rows) to ``path`` atomically: a killed run leaves no half shard."""
    import pyarrow.parquet as pq

    table = rows if not isinstance(rows, list) else to_table(rows)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(table, partial, compression="zstd")
    os.replace(partial, path)


def iter_shard(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=READ_ROWS):
        yield from batch.to_pylist()


def iter_rows(shards: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """Every row of every shard in load order (each shard is already sorted)."""
    return heapq.merge(*(iter_shard(p) for p in shards), key=load_key)


def load_rows(store: Any, rows: Iterable[dict[str, Any]], report: RunReport) -> None:
    """Store each article with its features; duplicates (by id, URL or text) store nothing."""
    for row in rows:
        article, features = from_row(row)
        stage = "store"
        try:
            if not is_enriched(row):
                if store.has_article(article):
                    report.count("duplicates")
                    continue
                stage = "enrich"
                features = _enrich_late(article)
                stage = "store"
            added = store.add_article(article, features)
        except GlimpseError as exc:
            report.skip(stage, row["origin"], exc.code, exc.reason)
            continue
        report.count("stored" if added else "duplicates")


def _enrich_late(article: Article) -> Features:
    """Features of a copy the store takes after all (its first copy was not stored)."""
    try:
        return featurize([article])[0]
    except Exception as exc:  # as in the workers: one broken article must not stop the load
        raise StageFailure(f"enrich failed: {exc!r}", "enrich") from exc
