"""Parquet rows: one row per article with its features, and back.

A row keeps the article as the JSON of :func:`glimpse.serialize.article_to_dict` (the shape the
store keeps too) plus the columns the load step sorts on, and the features as native Arrow
columns: entities as a list of structs, the vector as float32, the MinHash as int64 — the same
widths the SQLite store packs them in, so a row round-trips to identical ``Features``. A row
whose ``enriched`` is false holds a copy the worker did not enrich (:mod:`.seen`): empty features.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from glimpse.models import Article, Features
from glimpse.serialize import article_from_dict, article_to_dict, entity_from_dict, entity_to_dict

if TYPE_CHECKING:
    import pyarrow as pa

#: bump when the row layout changes (2 added ``enriched``; a shard without it is all enriched)
ROW_VERSION = 2


def schema() -> pa.Schema:
    import pyarrow as pa

    entity = pa.struct(
        [
            ("name", pa.string()),
            ("type", pa.string()),
            ("count", pa.int64()),
            ("articles", pa.list_(pa.string())),
            ("aliases", pa.list_(pa.string())),
        ]
    )
    stamp = pa.timestamp("us", tz="UTC")
    return pa.schema(
        [
            ("seq", pa.int64()),
            ("origin", pa.string()),
            ("id", pa.string()),
            ("published", stamp),
            ("fetched", stamp),
            ("article", pa.string()),
            ("entities", pa.list_(entity)),
            ("keyphrases", pa.list_(pa.string())),
            ("tags", pa.list_(pa.string())),
            ("vector", pa.list_(pa.float32())),
            ("minhash", pa.list_(pa.int64())),
            ("enriched", pa.bool_()),
        ]
    )


def to_row(seq: int, origin: str, article: Article, features: Features | None) -> dict[str, Any]:
    """One article and its features (None: not enriched) as a row; ``seq`` is its place in
    the input stream."""
    enriched = features is not None
    if features is None:
        features = Features(article=article.id)
    return {
        "seq": seq,
        "origin": origin,
        "id": article.id,
        "published": article.published,
        "fetched": article.fetched,
        "article": json.dumps(article_to_dict(article), ensure_ascii=False),
        "entities": [entity_to_dict(e) for e in features.entities],
        "keyphrases": list(features.keyphrases),
        "tags": list(features.tags),
        "vector": list(features.vector),
        "minhash": list(features.minhash),
        "enriched": enriched,
    }


def from_row(row: dict[str, Any]) -> tuple[Article, Features]:
    """The article and features a row was made from."""
    article = replace(article_from_dict(json.loads(row["article"])), fetched=row["fetched"])
    features = Features(
        article=row["id"],
        entities=tuple(entity_from_dict(e) for e in row["entities"] or ()),
        keyphrases=tuple(row["keyphrases"] or ()),
        tags=tuple(row["tags"] or ()),
        vector=tuple(row["vector"] or ()),
        minhash=tuple(row["minhash"] or ()),
    )
    return article, features


def is_enriched(row: dict[str, Any]) -> bool:
    """False for a copy sent back without features (shards before ROW_VERSION 2: always True)."""
    return row.get("enriched") is not False


def to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as one Arrow table in load order (oldest first, undated last, then input order)."""
    import pyarrow as pa

    table = pa.Table.from_pylist(rows, schema=schema())
    return table.sort_by([("published", "ascending"), ("seq", "ascending")]) if rows else table


def load_key(row: dict[str, Any]) -> tuple[bool, datetime | None, int]:
    """The order the store is loaded in: by published time (undated last), then input order."""
    published: datetime | None = row["published"]
    return (published is None, published, row["seq"])
