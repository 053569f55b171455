"""One batch through extract → enrich, with no Ray in sight: what each worker runs.

The same functions as ``glimpse ingest`` (:func:`glimpse.pipeline.to_article` and
:func:`glimpse.pipeline.featurize`), so a backfilled article is the article ingest would store.
A record that fails is returned as a :class:`Skip` naming it; the rest of the batch goes on.
A copy of an article extracted earlier is returned without features (:mod:`.seen`), as ingest
skips a duplicate before enriching it.
"""

from __future__ import annotations

import logging
import os
import resource
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from glimpse.backfill.plan import Batch
from glimpse.backfill.rows import load_key, to_row
from glimpse.backfill.seen import Seen
from glimpse.errors import SkipRecord, StageFailure
from glimpse.ingest import RawDoc
from glimpse.models import Article, Features, Skip, content_id
from glimpse.pipeline import featurize, to_article

log = logging.getLogger(__name__)

Extracted = tuple[int, RawDoc, Article]


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


def process_batch(batch: Batch, seen: Seen | None = None) -> BatchResult:
    """Rows in input order; with ``seen``, copies of earlier articles are not enriched."""
    failures: list[Skip] = []
    extracted: list[Extracted] = []
    copies: list[Extracted] = []
    for offset, doc in enumerate(batch.docs):
        article = _extract(doc, failures)
        if article is None:
            continue
        seq = batch.first + offset
        is_copy = seen is not None and seen.is_copy(article, _key(seq, article))
        (copies if is_copy else extracted).append((seq, doc, article))
    done: list[tuple[Extracted, Features | None]] = [*_enrich(extracted, failures)]
    done += [(item, None) for item in copies]
    done.sort(key=lambda pair: pair[0][0])
    rows = [to_row(seq, doc.origin, article, features) for (seq, doc, article), features in done]
    return BatchResult(batch.number, batch.digest, rows, tuple(failures))


def _key(seq: int, article: Article) -> tuple[bool, datetime | None, int]:
    return load_key({"published": article.published, "seq": seq})


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
