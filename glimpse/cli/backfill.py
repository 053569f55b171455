"""``glimpse backfill``: an archive through Ray workers into the store, resumable."""

from __future__ import annotations

from pathlib import Path

import typer

from glimpse.cli.common import (
    DB_OPTION,
    JSON_OPTION,
    config,
    db_path,
    emit,
    exit_for,
    fail,
    print_report,
    progress,
)
from glimpse.cli.desk import Sources
from glimpse.errors import GlimpseError
from glimpse.models import RunReport


def backfill(
    sources: Sources,
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Ray workers, one CPU each (default: every CPU)."
    ),
    ray: str | None = typer.Option(
        None, "--ray", help="Address of a running Ray cluster (default: a local one)."
    ),
    shards: Path | None = typer.Option(
        None,
        "--shards",
        help="Parquet shard folder; a re-run resumes there (default: <db>.backfill).",
    ),
    batch: int = typer.Option(64, "--batch", min=1, help="Records per batch."),
    db: Path | None = DB_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Extract and enrich an archive on Ray, write Parquet shards, load them in time order, build.

    Example: glimpse backfill cc-news/*.warc.gz --workers 8 --db desk.db
    """
    from glimpse.backfill import BackfillOptions
    from glimpse.backfill import backfill as run
    from glimpse.ingest import Fetcher
    from glimpse.store import Store

    path, cfg, report = db_path(db), config(), RunReport()
    options = BackfillOptions(
        shards=shards or path.with_name(path.name + ".backfill"),
        workers=workers,
        address=ray,
        batch=batch,
        cluster=cfg.options("cluster"),
        compose=cfg.options("compose"),
    )
    try:
        with Store(path) as store, Fetcher(cfg.options("fetch")) as fetcher:
            with progress("backfilling") as tick:
                run(store, sources, options, report, fetcher=fetcher, tick=tick)
            store.record_run(report, "backfill")
    except GlimpseError as exc:
        raise fail(exc) from exc
    if as_json:
        emit({"command": "backfill", "counts": report.counts, "skipped": len(report.skips)})
    else:
        print_report(report, "glimpse backfill")
    exit_for(report, report.counts.get("stored", 0) + report.counts.get("duplicates", 0))
