"""One batch through extract → enrich, with no Ray in sight: what each worker runs.

The same functions as ``glimpse ingest`` (:func:`glimpse.pipeline.to_article` and
:func:`glimpse.pipeline.featurize`), so a backfilled article is the article ingest would store.
A record that fails is returned as a :class:`Skip` naming it; the rest of the batch goes on.
"""

from __future__ import annotations

import logging
import os
import resource
from dataclasses import dataclass, field
from typing import Any

from glimpse.backfill.plan import Batch
from glimpse.backfill.rows import to_row
from glimpse.errors import SkipRecord, StageFailure
from glimpse.ingest import RawDoc
from glimpse.models import Article, Features, Skip, content_id
from glimpse.pipeline import featurize, to_article

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The rows of one batch and the records it could not use."""

    batch: int
    digest: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    failures: tuple[Skip, ...] = ()


def warm_up() -> None:
    """Load the spaCy pipeline and the MiniLM session once, before the first batch."""
    probe = Article(id=content_id("warm-up"), title="Warm up", text="The model loads once.")
    featurize([probe])


def process_batch(batch: Batch) -> BatchResult:
    failures: list[Skip] = []
    extracted: list[tuple[int, RawDoc, Article]] = []
    for offset, doc in enumerate(batch.docs):
        article = _extract(doc, failures)
        if article is not None:
            extracted.append((batch.first + offset, doc, article))
    rows = [
        to_row(seq, doc.origin, article, features)
        for (seq, doc, article), features in _enrich(extracted, failures)
    ]
    return BatchResult(batch.number, batch.digest, rows, tuple(failures))


def _extract(doc: RawDoc, failures: list[Skip]) -> Article | None:
    try:
        return to_article(doc)
    except SkipRecord as exc:
        failures.append(Skip("extract", exc.subject or doc.origin, exc.code, exc.reason))
    except Exception as exc:  # one broken document must not stop the batch
        log.exception("extract failed on %s", doc.origin)
        failures.append(
            Skip("extract", doc.origin, StageFailure.code, f"extraction failed: {exc!r}")
        )
    return None


Extracted = tuple[int, RawDoc, Article]


def _enrich(items: list[Extracted], failures: list[Skip]) -> list[tuple[Extracted, Features]]:
    """Features for the batch at once; when that fails, one by one, skipping the broken one."""
    try:
        return list(zip(items, featurize([a for _s, _d, a in items]), strict=True))
    except Exception:
        log.exception("enrich failed on a batch of %d; retrying one by one", len(items))
    done = []
    for item in items:
        try:
            done.append((item, featurize([item[2]])[0]))
        except Exception as exc:  # one broken article must not stop the batch
            failures.append(
                Skip("enrich", item[1].origin, StageFailure.code, f"enrich failed: {exc!r}")
            )
    return done


@dataclass(frozen=True, slots=True)
class WorkerStats:
    """What one worker process spent: CPU seconds, peak resident memory, records handled."""

    pid: int
    cpu_s: float
    peak_rss_mb: float
    records: int


def process_stats(records: int) -> WorkerStats:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return WorkerStats(
        pid=os.getpid(),
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=usage.ru_maxrss / 1024,
        records=records,
    )
