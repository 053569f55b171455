"""Backfill reads JSON Lines as ingest does: a title-only row is a headline article in its
Parquet row and in the store (no Ray: the batch function and the row codec)."""

from __future__ import annotations

import json

import pytest

from glimpse.backfill import work
from glimpse.backfill.plan import Batch
from glimpse.backfill.rows import from_row
from glimpse.ingest.files import iter_jsonl
from glimpse.ingest.sources import RawDoc
from glimpse.models import Article, Features


def _no_models(articles: list[Article]) -> list[Features]:
    return [Features(article=a.id) for a in articles]


def test_a_title_only_row_is_a_headline_in_the_backfill_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(work, "featurize", _no_models)
    lines = [
        {"title": "Pier to close", "text": "", "source": "Harbour News"},
        {"title": "", "text": ""},
    ]
    items = list(iter_jsonl("\n".join(json.dumps(r) for r in lines).encode(), "w.jsonl"))
    docs = tuple(i for i in items if isinstance(i, RawDoc))
    assert len(docs) == 1 and len(items) == 2  # the row with neither is G010 at reading
    result = work.process_batch(Batch(0, 0, docs))
    [(article, _features)] = [from_row(r) for r in result.rows]
    assert article.kind == "headline" and article.title == "Pier to close" and not result.failures
