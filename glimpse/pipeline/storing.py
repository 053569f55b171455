"""Ingest, second half: enrich a batch of articles and store each in its own transaction.

A record the enrich models or the store refuse is one skip in the run report; only
:class:`~glimpse.errors.WriteFailed` (disk full, read-only) stops the run. The features
function is passed in by the runner (:func:`glimpse.pipeline.ingest`), so that replacing
``glimpse.pipeline.featurize`` (tests, benches) reaches this stage.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from glimpse.clean_text import describe
from glimpse.errors import GlimpseError, StageFailure, WriteFailed
from glimpse.models import Article, Features, RunReport

if TYPE_CHECKING:
    from glimpse.store import Store

log = logging.getLogger(__name__)
#: called with a stage name and how many records it just finished (the CLI's progress bars)
Progress = Callable[[str, int], None]
Featurize = Callable[[list[Article]], list[Features]]


def seen_before(store: Store, article: Article, pending: list[Article], report: RunReport) -> bool:
    """True (counted as a duplicate) when the article is stored or waiting in the batch."""
    try:
        known = store.has_article(article) or any(_same(article, p) for p in pending)
    except WriteFailed:
        raise
    except Exception as exc:  # e.g. a value SQLite cannot bind: skip this one article
        report.skip("store", article.url or article.id, skip_code(exc), skip_reason(exc))
        return True
    if known:
        report.count("duplicates")
    return known


def skip_code(exc: Exception) -> str:
    return exc.code if isinstance(exc, GlimpseError) else StageFailure.code


def skip_reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, GlimpseError) else f"store failed: {describe(exc)}"


def _same(a: Article, b: Article) -> bool:
    same_text = bool(a.text) and a.text == b.text  # headlines have no text: never the same
    return a.id == b.id or (a.url is not None and a.url == b.url) or same_text


def _featurize_safely(
    articles: list[Article], report: RunReport, featurize: Featurize
) -> list[tuple[Article, Features]]:
    """Features for a batch; when the batch fails, article by article, skipping the broken one."""
    try:
        return list(zip(articles, featurize(articles), strict=True))
    except Exception:
        log.info("enrich failed on a batch of %d; retrying one by one", len(articles))
    done = []
    for article in articles:
        try:
            done.append((article, featurize([article])[0]))
        except Exception as exc:  # one broken article must not stop the run
            log.info("enrich failed on %s", article.url or article.id, exc_info=True)
            report.skip(
                "enrich",
                article.url or article.id,
                StageFailure.code,
                f"enrich failed: {describe(exc)}",
            )
    return done


def store_batch(
    store: Store,
    articles: list[Article],
    report: RunReport,
    progress: Progress | None,
    featurize: Featurize,
) -> None:
    """Each article in its own transaction; WriteFailed stops the run, anything else skips one."""
    for article, features in _featurize_safely(articles, report, featurize):
        try:
            added = store.add_article(article, features)
        except WriteFailed:
            raise
        except Exception as exc:  # one article the store refuses must not stop the run
            log.info("store failed on %s", article.url or article.id, exc_info=True)
            report.skip("store", article.url or article.id, skip_code(exc), skip_reason(exc))
            continue
        report.count("stored" if added else "duplicates")
    if progress:
        progress("ingest", len(articles))
