"""Compose: write or update the brief of every story that changed, extractive or by the LLM
writer; a story that cannot be written is one skip in the run report."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import TYPE_CHECKING

from glimpse.clean_text import describe
from glimpse.errors import GroundingError, LLMFailed, SkipRecord, StageFailure, WriteFailed
from glimpse.models import Article, Brief, Features, RunReport, content_id
from glimpse.pipeline.clustering import cluster_new
from glimpse.pipeline.storing import Progress, skip_code, skip_reason

if TYPE_CHECKING:
    from glimpse.cluster import ClusterOptions
    from glimpse.compose import ComposeOptions
    from glimpse.compose.llm import LLMOptions, LLMWriter
    from glimpse.store import Store

log = logging.getLogger(__name__)


def write_briefs(
    store: Store,
    report: RunReport,
    cluster_options: ClusterOptions | None,
    compose_options: ComposeOptions | None,
    progress: Progress | None,
    llm_options: LLMOptions | None,
) -> RunReport:
    """Cluster what is new, then compose and save the brief of every dirty story."""
    from glimpse.compose import WRITER

    cluster_new(store, report, cluster_options)
    llm = llm_writer(compose_options, llm_options)
    dirty = store.dirty_stories(llm.key if llm else WRITER)
    if llm is not None:
        return _build_with_llm(store, dirty, report, llm, compose_options, progress)
    for story_id in dirty:
        _brief_story(store, story_id, report, compose_options)
        if progress:
            progress("build", 1)
    return report


def _brief_story(
    store: Store, story_id: str, report: RunReport, options: ComposeOptions | None
) -> None:
    """Compose and save one story's brief; a failure skips this story (WriteFailed stops)."""
    try:
        brief = compose_story(store, story_id, report, options)
        if brief is not None:
            store.save_brief(brief)
            report.count("briefs")
    except WriteFailed:
        raise
    except Exception as exc:  # one story the store refuses must not stop the build
        log.info("saving the brief of %s failed", story_id, exc_info=True)
        report.skip("compose", story_id, skip_code(exc), skip_reason(exc))


def llm_writer(options: ComposeOptions | None, llm_options: LLMOptions | None) -> LLMWriter | None:
    """The run's LLM writer when ``compose.writer`` is ``llm``, else None."""
    if options is None or options.writer != "llm":
        return None
    from glimpse.compose.llm import LLMOptions, LLMWriter

    return LLMWriter(llm_options or LLMOptions())


def _build_with_llm(
    store: Store,
    dirty: list[str],
    report: RunReport,
    llm: LLMWriter,
    options: ComposeOptions | None,
    progress: Progress | None,
) -> RunReport:
    """Extractive briefs are composed here, one by one; the model rewrites up to
    ``llm.max_concurrency`` of them side by side; results are saved in story order."""
    width = max(1, llm.options.max_concurrency)
    pending: list[tuple[str, Future[tuple[Brief, str | None]]]] = []

    def save_first() -> None:
        story_id, future = pending.pop(0)
        brief, note = future.result()
        if not brief.unwritten:
            _report_llm(report, story_id, note)
        store.save_brief(brief)
        report.count("briefs")
        if progress:
            progress("build", 1)

    with ThreadPoolExecutor(width, thread_name_prefix="glimpse-llm") as pool:
        for story_id in dirty:
            ids = store.story_article_ids(story_id)
            articles = store.articles(ids)
            brief = compose_one(story_id, articles, store.features(ids), report, options)
            if brief is not None:
                pending.append((story_id, _llm_job(pool, llm, brief, articles)))
            while len(pending) > width or (pending and pending[0][1].done()):
                save_first()
        while pending:
            save_first()
    return report


def _llm_job(
    pool: ThreadPoolExecutor, llm: LLMWriter, brief: Brief, articles: list[Article]
) -> Future[tuple[Brief, str | None]]:
    """The model's rewrite of ``brief`` from the story's full articles; a brief with no
    written part (only headlines) is kept as it is, with no note."""
    if brief.unwritten:
        from glimpse.compose.headlines import configured_writer

        done: Future[tuple[Brief, str | None]] = Future()
        done.set_result((replace(brief, writer=configured_writer(None, llm)), None))
        return done
    return pool.submit(llm.write, brief, [a for a in articles if not a.is_headline])


def _report_llm(report: RunReport, story_id: str, note: str | None) -> None:
    """One line per story the model could not write; the extractive brief is stored."""
    if note is None:
        report.count("briefs.llm")
    else:
        report.count("briefs.extractive_fallback")
        report.skip("llm", story_id, LLMFailed.code, note)


def compose_story(
    store: Store,
    story_id: str,
    report: RunReport,
    options: ComposeOptions | None = None,
    llm: LLMWriter | None = None,
) -> Brief | None:
    ids = store.story_article_ids(story_id)
    return compose_one(story_id, store.articles(ids), store.features(ids), report, options, llm)


def compose_one(
    story_id: str,
    articles: list[Article],
    features: list[Features],
    report: RunReport,
    options: ComposeOptions | None = None,
    llm: LLMWriter | None = None,
) -> Brief | None:
    """One brief, or None with the failure reported (a brief failing grounding is dropped).
    Given ``llm``, the model rewrites it; when it cannot, the extractive brief is kept and
    the report says why."""
    from glimpse.compose import compose_brief
    from glimpse.compose.headlines import (
        configured_writer,
        headlines_brief,
        split_headlines,
        with_headlines,
    )
    from glimpse.enrich.tagger import supported

    # headline articles are listed and counted, never written from (glimpse.compose.headlines)
    articles, features, headlines = split_headlines(articles, features)
    if headlines and not articles:
        return headlines_brief(story_id, headlines, configured_writer(options, llm))
    if articles and not any(supported(a) for a in articles):
        # the extractive writer reads English only: no English-model junk for other languages
        languages = ", ".join(sorted({a.language or "?" for a in articles}))
        reason = f"articles in {languages}: briefs are written for English articles only"
        report.skip("compose", story_id, SkipRecord.code, reason)
        return None
    try:
        brief = compose_brief(story_id, articles, features, options=options)
        if llm is None:
            return with_headlines(brief, headlines)
        written, note = llm.write(brief, articles)
        _report_llm(report, story_id, note)
        return with_headlines(written, headlines)
    except (GroundingError, SkipRecord) as exc:
        report.skip("compose", story_id, exc.code, exc.reason)
    except Exception as exc:  # one broken story must not stop the build
        log.info("compose failed on story %s", story_id, exc_info=True)
        report.skip("compose", story_id, StageFailure.code, f"compose failed: {describe(exc)}")
    return None


def group_by_story(articles: list[Article]) -> list[tuple[str, list[Article]]]:
    """``glimpse brief`` grouping: by the ``story`` field where inputs carry one, else one story."""
    if not any(a.story for a in articles):
        return (
            [(content_id(*sorted(a.id for a in articles), prefix="s"), articles)]
            if articles
            else []
        )
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(article.story or content_id(article.id, prefix="s"), []).append(article)
    return list(groups.items())
