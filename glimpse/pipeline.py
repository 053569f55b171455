"""The ordered stages and the runner: sources → articles → features → stories → briefs.

Each stage is a pure function in its own package; this module wires them together, records
every skipped record in the run report, and keeps going. Only the store calls touch disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from glimpse.clean_text import (
    MAX_SENTENCE_CHARS,
    MAX_TEXT_CHARS,
    clean_fields,
    clean_text,
    describe,
    long_sentence,
    tidy_article,
)
from glimpse.errors import (
    EmptyInput,
    GlimpseError,
    GroundingError,
    LLMFailed,
    SkipRecord,
    StageFailure,
    TooLarge,
    WriteFailed,
)
from glimpse.ingest import Fetcher, RawDoc, iter_sources
from glimpse.ingest.items import FEED_ITEM, FEED_TEXT, with_item_meta
from glimpse.models import Article, Brief, Features, RunReport, content_id

if TYPE_CHECKING:
    from glimpse.cluster import Assignment, ClusterOptions
    from glimpse.compose import ComposeOptions
    from glimpse.compose.llm import LLMOptions, LLMWriter
    from glimpse.sections import DeskOptions
    from glimpse.store import Store

log = logging.getLogger(__name__)
Progress = Callable[[str, int], None]


def parse_time(value: Any) -> datetime | None:
    """A published time from JSON (ISO 8601 or RFC 2822), in UTC; None when absent or unreadable."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def to_article(doc: RawDoc, report: RunReport | None = None) -> Article:
    """Extract one raw document, every text field cleaned and the body capped at
    MAX_TEXT_CHARS (:mod:`glimpse.clean_text`; the cut is a warning in ``report``);
    raises SkipRecord naming the document."""
    try:
        raw = _extract(doc)
        article = tidy_article(raw)
        if article.is_headline and not article.title:
            raise EmptyInput("article has neither text nor html, and no title")
    except SkipRecord as exc:
        exc.subject = doc.origin
        raise
    _note_cut(doc, raw, article, report)
    return article


def _extract(doc: RawDoc) -> Article:
    from glimpse.extract import article_from_text, extract_article

    if doc.kind == "html":
        hints = clean_fields(
            {k: v for k, v in doc.hints.items() if k not in (FEED_TEXT, FEED_ITEM)}
        )
        feed_text = clean_text(str(doc.hints.get(FEED_TEXT) or ""))
        try:
            article = extract_article(doc.content, doc.url, fetched=doc.fetched)
        except SkipRecord:
            if not (feed_text or hints.get("title")):
                raise
            article = None
        if article is None and not feed_text:  # a feed item's page refused: its headline
            return with_item_meta(
                _headline(hints.get("title") or "", doc.url, None, hints), doc.hints, None
            )
        source = "page"
        if article is None or len(article.text) < len(feed_text):
            # the feed item's own text wins over a refused or shorter page (README, Inputs)
            article = article_from_text(
                hints.get("title") or "", feed_text, url=doc.url, source=hints.get("source")
            )
            source = "feed"
        return with_item_meta(_apply_hints(article, hints), doc.hints, source)
    if FEED_ITEM in doc.hints:  # a feed item made from its own text
        return with_item_meta(_record(doc), doc.hints, "feed")
    return _record(doc)


def _record(doc: RawDoc) -> Article:
    """A JSON record (or a feed item's fields): its text, or its HTML extracted as a page."""
    from glimpse.extract import article_from_text, extract_article

    fields = clean_fields(doc.fields)
    published = parse_time(fields.get("published"))
    if not (fields.get("text") or fields.get("html")):  # a title alone: a headline article
        hints = {"published": published, "source": fields.get("source")}
        return _headline(fields.get("title") or "", fields.get("url"), fields.get("id"), hints,
                         story=fields.get("story"))  # fmt: skip
    if fields.get("html") and not fields.get("text"):
        article = extract_article(fields["html"], fields.get("url"), id=fields.get("id"))
        hints = {
            "title": fields.get("title"),
            "published": published,
            "source": fields.get("source"),
        }
        article = _apply_hints(article, hints, override=True)
        return replace(article, story=fields.get("story"), text_source="page")
    return article_from_text(
        fields.get("title") or "",
        fields["text"],
        url=fields.get("url"),
        id=fields.get("id"),
        published=published,
        source=fields.get("source"),
        story=fields.get("story"),
    )


def _headline(
    title: str, url: str | None, id: str | None, hints: dict[str, Any], story: str | None = None
) -> Article:
    from glimpse.extract import headline_article

    return headline_article(
        title, url=url, id=id, published=hints.get("published"), source=hints.get("source"),
        story=story,
    )  # fmt: skip


def _note_cut(doc: RawDoc, raw: Article, article: Article, report: RunReport | None) -> None:
    """A body cut (over MAX_TEXT_CHARS, or a sentence over MAX_SENTENCE_CHARS) is a warning
    in the run report, not a failure."""
    text = doc.fields.get("text")
    before = len(text) if isinstance(text, str) else len(raw.text)
    cut = before > MAX_TEXT_CHARS or long_sentence(raw) is not None
    if report is not None and cut:
        report.count("ingest.truncated")
        report.warn(
            "ingest",
            doc.origin,
            TooLarge.code,
            f"text cut to {len(article.text):,} characters "
            f"(was {before:,}; limits: {MAX_TEXT_CHARS:,} per text, "
            f"{MAX_SENTENCE_CHARS:,} per sentence)",
        )


def _apply_hints(article: Article, hints: dict[str, Any], override: bool = False) -> Article:
    """Fill what the page did not say from what the feed or record said."""
    changes = {}
    for key in ("title", "published", "source"):
        value = hints.get(key)
        if value and (override or not getattr(article, key)):
            changes[key] = value
    return replace(article, **changes) if changes else article


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
            if _known(store, article, pending, report):
                continue
            pending.append(article)
            if len(pending) >= batch:
                batch_now, pending = pending, []
                _store_batch(store, batch_now, report, progress)
    finally:
        if pending:
            _store_batch(store, pending, report, progress)
    return report


def _known(store: Store, article: Article, pending: list[Article], report: RunReport) -> bool:
    """True (counted as a duplicate) when the article is stored or waiting in the batch."""
    try:
        known = store.has_article(article) or any(_same(article, p) for p in pending)
    except WriteFailed:
        raise
    except Exception as exc:  # e.g. a value SQLite cannot bind: skip this one article
        report.skip("store", article.url or article.id, _code(exc), _reason(exc))
        return True
    if known:
        report.count("duplicates")
    return known


def _code(exc: Exception) -> str:
    return exc.code if isinstance(exc, GlimpseError) else StageFailure.code


def _reason(exc: Exception) -> str:
    return exc.reason if isinstance(exc, GlimpseError) else f"store failed: {describe(exc)}"


def _same(a: Article, b: Article) -> bool:
    same_text = bool(a.text) and a.text == b.text  # headlines have no text: never the same
    return a.id == b.id or (a.url is not None and a.url == b.url) or same_text


def _featurize_safely(articles: list[Article], report: RunReport) -> list[tuple[Article, Features]]:
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


def _store_batch(
    store: Store, articles: list[Article], report: RunReport, progress: Progress | None
) -> None:
    """Each article in its own transaction; WriteFailed stops the run, anything else skips one."""
    for article, features in _featurize_safely(articles, report):
        try:
            added = store.add_article(article, features)
        except WriteFailed:
            raise
        except Exception as exc:  # one article the store refuses must not stop the run
            log.info("store failed on %s", article.url or article.id, exc_info=True)
            report.skip("store", article.url or article.id, _code(exc), _reason(exc))
            continue
        report.count("stored" if added else "duplicates")
    if progress:
        progress("ingest", len(articles))


def assign(
    articles: list[Article],
    features: list[Features],
    state: bytes | None = None,
    options: ClusterOptions | None = None,
) -> tuple[list[Assignment], bytes]:
    """Online story assignment over the stored index state; returns the new state too."""
    from glimpse.cluster import StoryIndex, cluster_articles

    index = StoryIndex.from_state(state, options) if state else StoryIndex(options)
    assignments = cluster_articles(articles, features, index, options)
    return assignments, index.to_state()


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
    _write_briefs(store, report, cluster_options, compose_options, progress, llm_options)
    store.refresh_desk(desk_options)
    return report


def _write_briefs(
    store: Store,
    report: RunReport,
    cluster_options: ClusterOptions | None,
    compose_options: ComposeOptions | None,
    progress: Progress | None,
    llm_options: LLMOptions | None,
) -> RunReport:
    from glimpse.compose import WRITER

    with store.assigning():  # several workers on one PostgreSQL desk take turns here
        articles = store.unclustered()
        if articles:
            features = store.features([a.id for a in articles])
            assignments, state = assign(articles, features, store.cluster_state(), cluster_options)
            merges = [m for a in assignments for m in a.merged]
            store.save_assignments([(a.article, a.story) for a in assignments], merges, state)
            report.count("clustered", len(assignments))
            report.count("stories.new", sum(a.new_story for a in assignments))
            report.count("stories.merged", len(merges))
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
        report.skip("compose", story_id, _code(exc), _reason(exc))


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
