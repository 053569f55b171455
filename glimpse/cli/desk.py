"""Commands over the database: ingest, build, stories, show, watch."""

from __future__ import annotations

import logging
import re
import signal
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from glimpse import pipeline
from glimpse.clean_text import terminal_safe
from glimpse.cli.common import (
    DB_OPTION,
    JSON_OPTION,
    LiveReport,
    config,
    db_path,
    emit,
    err,
    existing_db,
    exit_for,
    fail,
    out,
    print_report,
    progress,
    report_skips,
)
from glimpse.cli.editions import SINCE_HELP, since_option
from glimpse.cli.render import brief_markdown
from glimpse.errors import EmptyInput, GlimpseError, StoryNotFound
from glimpse.ingest import Fetcher, FetchOptions
from glimpse.models import RunReport
from glimpse.notify import Notifier, open_notifier, snapshot, story_events
from glimpse.serialize import brief_to_dict, story_row_to_dict

if TYPE_CHECKING:
    from glimpse.store import Store

log = logging.getLogger(__name__)
Sources = Annotated[list[str], typer.Argument(help="Files, folders, page or feed URLs, or -.")]
OptionalSources = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files, folders, page or feed URLs, or -. None: the feeds of `glimpse sources`."
    ),
]


def sources_or_list(sources: list[str] | None, db: Path) -> tuple[list[str], bool]:
    """The sources given, or the stored feed list (then True); G010 when there is neither.
    Stored feeds are passed as sources, so they count as named by the user (Fetcher.trust)."""
    from glimpse.cli.sources import stored_sources

    if sources:
        return sources, False
    listed = stored_sources(db)
    if not listed:
        reason = "no source given and no stored feeds (add some with glimpse sources add URL)"
        raise fail(EmptyInput(reason, str(db)))
    return listed, True


def run_ingest(
    db: Path,
    sources: list[str],
    report: RunReport,
    *,
    fetch_options: FetchOptions | None = None,
    stop: Callable[[], bool] | None = None,
) -> RunReport:
    from glimpse.store import Store

    options = fetch_options or config().options("fetch")
    with Store(db) as store, Fetcher(options) as fetcher:
        try:
            with progress("ingesting") as tick:
                pipeline.ingest(
                    store, sources, report, fetcher, progress=lambda _s, n: tick("", n), stop=stop
                )
        except BaseException:
            _record_anyway(store, report, "ingest")
            raise
        named = set(sources)  # listed feeds that failed: last_status and failures (G005…)
        store.note_failures({s.record: s.code for s in report.skips if s.record in named})
        store.record_run(report, "ingest")
    return report


def run_build(db: Path, report: RunReport, notifier: Notifier | None = None) -> RunReport:
    """Build; with a ``notifier``, the story changes it made are queued as webhook events."""
    from glimpse.store import Store

    with Store(db) as store, progress("building briefs") as tick:
        cfg = config()
        before = snapshot(store) if notifier else {}
        try:
            pipeline.build(
                store,
                report,
                cfg.options("cluster"),
                cfg.options("compose"),
                tick,
                cfg.options("llm"),
                cfg.options("desk"),  # the sections the pages read are stored under these
            )
        except BaseException:
            _record_anyway(store, report, "build")
            raise
        store.record_run(report, "build")
        if notifier:
            notifier.publish(story_events(before, snapshot(store)))
    return report


def _record_anyway(store: Store, report: RunReport, command: str) -> None:
    """Record the report of a run that is stopping; when even that fails (the disk is full)
    the error that stopped the run is the one to show."""
    try:
        store.record_run(report, command)
    except GlimpseError:
        log.info("could not record the %s run", command, exc_info=True)


def _run(step: Callable[[], RunReport], report: RunReport) -> RunReport:
    """A step whose failure (disk full, unreadable database) is one line after the lines of
    the records it had already skipped; exit 1."""
    try:
        return step()
    except GlimpseError as exc:
        report_skips(report)
        raise fail(exc) from exc


def ingest(
    sources: OptionalSources = None, db: Path | None = DB_OPTION, as_json: bool = JSON_OPTION
) -> None:
    """Fetch, extract, enrich and store articles. Idempotent: known articles store nothing.
    Without a source, the feeds of ``glimpse sources list``.

    Example: glimpse ingest https://example.org/rss.xml saved-pages/ --db desk.db
    """
    report, path = LiveReport(), db_path(db)
    chosen, _ = sources_or_list(sources, path)
    _run(lambda: run_ingest(path, chosen, report), report)
    _finish(
        report,
        "ingest",
        as_json,
        produced=report.counts.get("stored", 0) + report.counts.get("duplicates", 0),
    )


def build(db: Path | None = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """Cluster what is new into stories and write or update their briefs.

    Example: glimpse build --db desk.db
    """
    notifier = open_notifier(config().options("notify"))
    report = RunReport()
    try:
        _run(lambda: run_build(db_path(db), report, notifier), report)
    finally:
        if notifier:
            notifier.close()  # waits at most notify.drain_seconds
    _finish(report, "build", as_json, produced=1)


def _finish(report: RunReport, title: str, as_json: bool, produced: int) -> None:
    if as_json:
        emit({"command": title, "counts": report.counts, "skipped": len(report.skips)})
    else:
        print_report(report, f"glimpse {title}")
    exit_for(report, produced)


def stories(
    db: Path | None = DB_OPTION,
    tag: str | None = typer.Option(None, "--tag", help="Only stories with this tag."),
    query: str | None = typer.Option(None, "--query", "-q", help="Full-text search (FTS5)."),
    since: str | None = typer.Option(None, "--since", help=SINCE_HELP),
    outlet: str | None = typer.Option(
        None, "--outlet", help="Only stories covered by this outlet."
    ),
    limit: int = typer.Option(50, "--limit", min=1),
    as_json: bool = JSON_OPTION,
) -> None:
    """List stories, best first.

    Example: glimpse stories --tag "North Korea" --query missile --since 2017-08-01
    """
    from glimpse.store import Store

    after = since_option(since)
    with Store(existing_db(db)) as store:
        rows = store.list_stories(tag=tag, query=query, since=after, outlet=outlet, limit=limit)
    for row in rows:
        if as_json:
            emit(story_row_to_dict(row))
        else:
            line = f"{row.story}  {row.headline}  ({row.outlets} outlets)"
            out.print(terminal_safe(line), markup=False, highlight=False)


def show(
    story: str = typer.Argument(..., help="A story id (merged ids redirect)."),
    db: Path | None = DB_OPTION,
    md: bool = typer.Option(False, "--md", help="Print Markdown."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print one brief.

    Example: glimpse show s1a2b3c4d5e6f7a8b --md
    """
    from glimpse.store import Store

    with Store(existing_db(db)) as store:
        brief = store.brief(story)
    if brief is None:
        raise fail(StoryNotFound("no such story", story))
    if as_json:
        emit(brief_to_dict(brief))
    else:
        out.print(terminal_safe(brief_markdown(brief), newlines=True), markup=False)
    del md  # text output is Markdown already; the flag is kept for the contract


def parse_every(value: str) -> float:
    """'90s', '15m', '2h' or a number of seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not match:
        raise typer.BadParameter(f"not a duration: {value!r} (try 30s, 15m, 1h)")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def watch(
    sources: OptionalSources = None,
    every: str = typer.Option("15m", "--every", help="How often to poll (30s, 15m, 1h)."),
    db: Path | None = DB_OPTION,
    rounds: int = typer.Option(0, "--rounds", min=0, help="Stop after N rounds (0: until Ctrl-C)."),
) -> None:
    """Ingest and build on a schedule until stopped; Ctrl-C finishes the current article cleanly.
    Without a source, the feeds of ``glimpse sources list``, read again each round.

    Example: glimpse watch https://example.org/rss.xml --every 15m --db desk.db
    """
    interval, path, stop = parse_every(every), db_path(db), {"now": False}
    given, from_list = sources_or_list(sources, path)

    def _stop(_sig: int, _frame: FrameType | None) -> None:
        stop["now"] = True
        err.print("stopping after the current step…")

    previous = signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    done, backoff = 0, dict[str, tuple[int, int]]()
    notifier = None
    try:
        notifier = open_notifier(config().options("notify"))
        while not stop["now"]:
            if from_list and done:  # feeds added or removed while watching count next round
                given = sources_or_list(None, path)[0]
            active = [s for s in given if backoff.get(s, (0, 0))[1] <= done]
            report = run_ingest(path, active, RunReport(), stop=lambda: stop["now"])
            _update_backoff(backoff, active, report, done)
            if not stop["now"]:
                run_build(path, report, notifier)
            report_skips(report)
            err.print(
                f"{datetime.now().isoformat(timespec='seconds')} round {done + 1}: {report.counts}"
            )
            done += 1
            if rounds and done >= rounds:
                break
            deadline = time.monotonic() + interval
            while not stop["now"] and time.monotonic() < deadline:
                time.sleep(0.2)
    except GlimpseError as exc:
        raise fail(exc) from exc
    finally:
        signal.signal(signal.SIGINT, previous)
        if notifier:
            notifier.close()


def _update_backoff(
    backoff: dict[str, tuple[int, int]], sources: list[str], report: RunReport, done: int
) -> None:
    """A source whose fetch failed is skipped for 1, 3, 7, … rounds (capped at 15)."""
    failed = {s.record for s in report.skips if s.code in {"G005", "G006"}}
    for source in sources:
        if source in failed:
            streak = backoff.get(source, (0, 0))[0] + 1
            backoff[source] = (streak, done + 1 + min(2**streak - 1, 15))
        else:
            backoff.pop(source, None)
