"""The backfill run: read → batches → Ray workers → Parquet shards → store → build.

Batches already in the shard folder's manifest are not sent again, so a re-run after a kill
resumes where the last one stopped; loading is idempotent (the store refuses duplicates).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glimpse import pipeline
from glimpse.backfill.cluster import connect, disconnect, require_ray, run_batches
from glimpse.backfill.load import iter_rows, load_rows, write_shard
from glimpse.backfill.plan import Batch, Finished, Manifest, iter_batches, shard_name
from glimpse.backfill.work import WorkerStats
from glimpse.errors import SkipRecord, StageFailure
from glimpse.ingest import Fetcher, iter_sources
from glimpse.models import RunReport

if TYPE_CHECKING:
    from glimpse.cluster import ClusterOptions
    from glimpse.compose import ComposeOptions
    from glimpse.store import Store

Tick = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class BackfillOptions:
    """``workers``: Ray workers (None: every CPU); ``address``: an existing cluster (None: a
    local one); ``batch``: records per batch; ``shards``: the Parquet folder (resumes there);
    ``build``: False loads the store only (run ``glimpse build`` later)."""

    shards: Path
    workers: int | None = None
    address: str | None = None
    batch: int = 64
    cluster: ClusterOptions | None = None
    compose: ComposeOptions | None = None
    build: bool = True


@dataclass(slots=True)
class Timings:
    """Wall seconds of each phase, and what each worker spent (filled in as the run goes)."""

    process_s: float = 0.0
    load_s: float = 0.0
    build_s: float = 0.0
    process_cpu_s: float = 0.0  # of this (driver) process only; workers report their own
    load_cpu_s: float = 0.0
    workers: list[WorkerStats] = field(default_factory=list)


def backfill(
    store: Store,
    sources: Iterable[str],
    options: BackfillOptions,
    report: RunReport,
    *,
    fetcher: Fetcher | None = None,
    tick: Tick | None = None,
    timings: Timings | None = None,
) -> RunReport:
    """Process every source on Ray into shards, then load them and build, as one run."""
    times = timings or Timings()
    require_ray()
    manifest = Manifest(options.shards, options.batch)
    start, cpu = time.perf_counter(), time.process_time()
    process(sources, manifest, options, report, fetcher, tick, times)
    times.process_s = time.perf_counter() - start
    times.process_cpu_s = time.process_time() - cpu
    load_rows(store, iter_rows(manifest.shards()), report)
    times.load_s = time.perf_counter() - start - times.process_s
    times.load_cpu_s = time.process_time() - cpu - times.process_cpu_s
    if options.build:
        pipeline.build(store, report, options.cluster, options.compose, tick)
    times.build_s = time.perf_counter() - start - times.process_s - times.load_s
    return report


def process(
    sources: Iterable[str],
    manifest: Manifest,
    options: BackfillOptions,
    report: RunReport,
    fetcher: Fetcher | None,
    tick: Tick | None,
    times: Timings,
) -> None:
    """Send every unfinished batch to the workers; write each result as a shard as it comes."""
    batches = iter_batches(iter_sources(sources, fetcher), options.batch)
    todo = _unfinished(batches, manifest, report)
    first = next(todo, None)
    if first is None:  # everything was done by an earlier run: no need to start Ray
        return
    workers = connect(options.address, options.workers)
    todo = itertools.chain([first], todo)
    try:
        for result, table in _guarded(run_batches(todo, workers, times.workers)):
            name = shard_name(result.batch)
            write_shard(manifest.folder / name, table)
            entry = Finished(result.batch, result.digest, name, table.num_rows, result.failures)
            manifest.finish(entry)
            _count(report, entry)
            if tick:
                tick("backfill", table.num_rows + len(result.failures))
    finally:
        disconnect()


def _unfinished(
    items: Iterable[Batch | SkipRecord], manifest: Manifest, report: RunReport
) -> Iterator[Batch]:
    """Batches still to do; finished ones are counted from the manifest, input errors reported."""
    for item in items:
        if isinstance(item, SkipRecord):
            report.skip("ingest", item.subject, item.code, item.reason)
        elif manifest.check(item):
            report.count("batches.resumed")
            _count(report, manifest.done[item.number])
        else:
            yield item


def _count(report: RunReport, entry: Finished) -> None:
    report.count("batches")
    report.count("documents", entry.rows + len(entry.failures))
    for skip in entry.failures:
        report.skip(skip.stage, skip.record, skip.code, skip.reason)


def _guarded(results: Iterator[Any]) -> Iterator[Any]:
    """A worker that dies (killed, out of memory) ends the run with one line; re-run resumes."""
    from ray.exceptions import RayError

    try:
        yield from results
    except RayError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StageFailure(
            f"a Ray worker failed ({first}); finished batches are kept: run again to resume",
            "backfill",
        ) from exc
