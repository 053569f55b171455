"""The ordered stages and the runner: sources → articles → features → stories → briefs.

Each stage is a pure function in its own package; this package wires them together, records
every skipped record in the run report, and keeps going. Only the store calls touch disk. The
wiring of each stage is a module here: :mod:`.documents` (raw document → article),
:mod:`.storing` (enrich and store a batch), :mod:`.clustering` and :mod:`.briefs`.

The runner itself stays in this module, and looks up ``to_article``, ``load_articles``,
``featurize`` and ``write_briefs`` here at each call: tests and benches replace them on
``glimpse.pipeline`` (e.g. a featurize without the enrich models), and the run must see it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from glimpse.clean_text import describe
from glimpse.errors import SkipRecord, StageFailure
from glimpse.ingest import Fetcher, iter_sources
from glimpse.models import Article, Features, RunReport
from glimpse.pipeline.briefs import (
    compose_one,
    compose_story,
    group_by_story,
    llm_writer,
    write_briefs,
)
from glimpse.pipeline.clustering import assign
from glimpse.pipeline.documents import parse_time, to_article
from glimpse.pipeline.storing import Progress, seen_before, store_batch

if TYPE_CHECKING:
    from glimpse.cluster import ClusterOptions
    from glimpse.compose import ComposeOptions
    from glimpse.compose.llm import LLMOptions
    from glimpse.sections import DeskOptions
    from glimpse.store import Store

__all__ = [
    "Progress",
    "assign",
    "build",
    "compose_one",
    "compose_story",
    "featurize",
    "group_by_story",
    "ingest",
    "llm_writer",
    "load_articles",
    "parse_time",
    "to_article",
]

log = logging.getLogger(__name__)


def load_articles(
    sources: Iterable[str],
    report: RunReport,
    fetcher: Fetcher | None = None,
    store: Store | None = None,
) -> Iterator[Article]:
    """Articles from every source; each broken document is skipped and reported."""
    items = iter_sources(
        sources,
        fetcher,
        feed_state=store.feed_state if store else None,
        save_feed_state=store.save_feed_state if store else None,
        stored_at=store.url_stored_at if store else None,
    )
    for item in items:
        if isinstance(item, SkipRecord):
            report.skip("ingest", item.subject, item.code, item.reason)
            continue
        report.count("documents")
        try:
            article = to_article(item, report)
        except SkipRecord as exc:
            report.skip("extract", exc.subject or item.origin, exc.code, exc.reason)
            continue
        except Exception as exc:  # one broken document must not stop the run
            log.info("extract failed on %s", item.origin, exc_info=True)
            report.skip(
                "extract", item.origin, StageFailure.code, f"extraction failed: {describe(exc)}"
            )
            continue
        yield article


def featurize(articles: list[Article]) -> list[Features]:
    """Entities, keyphrases, tags, vector and MinHash for each article, computed once."""
    from glimpse.enrich.features import compute_features

    return compute_features(articles)


def ingest(
    store: Store,
    sources: Iterable[str],
    report: RunReport,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    batch: int = 16,
    stop: Callable[[], bool] | None = None,
) -> RunReport:
    """Fetch, extract, enrich and store; one transaction per article, duplicates store nothing.

    ``stop`` is polled between articles: when it turns true, what was read is stored and the
    run ends cleanly (the watch command's Ctrl-C). A record that fails at any stage is one
    skip in ``report``; only :class:`~glimpse.errors.WriteFailed` (disk full, read-only)
    stops the run, at its first occurrence. Articles already read are stored before any
    other exception leaves.
    """
    pending: list[Article] = []
    try:
        for article in load_articles(sources, report, fetcher, store):
            if stop is not None and stop():
                report.count("interrupted")
                break
            if seen_before(store, article, pending, report):
                continue
            pending.append(article)
            if len(pending) >= batch:
                batch_now, pending = pending, []
                store_batch(store, batch_now, report, progress, featurize)
    finally:
        if pending:
            store_batch(store, pending, report, progress, featurize)
    return report


def build(
    store: Store,
    report: RunReport,
    cluster_options: ClusterOptions | None = None,
    compose_options: ComposeOptions | None = None,
    progress: Progress | None = None,
    llm_options: LLMOptions | None = None,
    desk_options: DeskOptions | None = None,
) -> RunReport:
    """Cluster what is new, then write or update the brief of every story that changed (or
    whose brief an older writer wrote: an upgrade rewrites stored briefs without re-ingest).
    With ``compose.writer = "llm"`` the model rewrites each brief (``llm_options``).
    Last, when any story changed, each story's section (under ``desk_options``) and thread
    are stored for the pages to read (:meth:`Store.refresh_desk`)."""
    write_briefs(store, report, cluster_options, compose_options, progress, llm_options)
    store.refresh_desk(desk_options)
    return report
