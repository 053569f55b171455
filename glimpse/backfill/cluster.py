"""Ray: a pool of enrich workers (actors that load the models once) fed batches in input order.

Locally ``ray.init`` starts a private Ray instance with ``workers`` CPUs; with an address it
joins an existing cluster (``ray start --head`` on one machine, more nodes with ``ray start
--address``). Every node needs glimpse installed (``pip install 'glimpse[scale]'``). Shards are
written by the driver, so workers need no shared file system.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from glimpse.backfill.plan import Batch
from glimpse.backfill.seen import Seen
from glimpse.backfill.work import BatchResult, WorkerStats, process_batch, process_stats, warm_up
from glimpse.errors import ConfigError

EXTRA = "pip install 'glimpse[scale]'"
#: batches queued per worker: one running, one waiting, so no worker idles between batches
IN_FLIGHT = 2


def require_ray() -> Any:
    """The ray module, or a one-line error naming the extra to install."""
    try:
        import pyarrow  # noqa: F401
        import ray
    except ImportError as exc:
        raise ConfigError(
            f"backfill needs Ray and pyarrow ({exc.name} is not installed): {EXTRA}", "backfill"
        ) from exc
    return ray


def connect(address: str | None, workers: int | None) -> int:
    """Start or join Ray; returns how many workers to run (``workers`` or every CPU)."""
    ray = require_ray()
    env = {"env_vars": {"TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1"}}
    try:
        if address:
            ray.init(address=address, runtime_env=env, log_to_driver=False, logging_level="WARNING")
        else:
            cpus = workers or os.cpu_count() or 1
            ray.init(
                num_cpus=cpus,
                include_dashboard=False,
                runtime_env=env,
                log_to_driver=False,
                logging_level="WARNING",
                object_store_memory=_object_store_bytes(cpus),
            )
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Ray cluster: {exc}", address or "ray") from exc
    return workers or max(1, int(ray.cluster_resources().get("CPU", 1)))


def _object_store_bytes(cpus: int) -> int:
    """Batches are small (a few MB): a modest object store keeps Ray's memory near the models'."""
    return max(100_000_000, 50_000_000 * cpus)


def disconnect() -> None:
    ray = require_ray()
    if ray.is_initialized():
        ray.shutdown()


class Enricher:
    """One worker: warms the models up once, then extracts and enriches batch after batch,
    remembering what it extracted so that it does not enrich a copy twice."""

    def __init__(self) -> None:
        warm_up()
        self.records = 0
        self.seen = Seen()

    def process(self, batch: Batch) -> tuple[BatchResult, Any]:
        import pyarrow as pa

        from glimpse.backfill.rows import to_table

        result = process_batch(batch, self.seen)
        self.records += len(batch.docs)
        table: pa.Table = to_table(result.rows)
        return BatchResult(result.batch, result.digest, [], result.failures), table

    def stats(self) -> WorkerStats:
        return process_stats(self.records)


def run_batches(
    batches: Iterable[Batch], workers: int, stats: list[WorkerStats] | None = None
) -> Iterator[tuple[BatchResult, Any]]:
    """Each batch's result and Arrow table, as workers finish them (not in input order)."""
    ray = require_ray()
    actor = ray.remote(num_cpus=1)(Enricher)
    pool = [actor.remote() for _ in range(workers)]
    running: dict[Any, int] = {}
    load = [0] * workers
    for batch in batches:
        while len(running) >= workers * IN_FLIGHT:
            yield _collect(ray, running, load)
        slot = min(range(workers), key=load.__getitem__)
        running[pool[slot].process.remote(batch)] = slot
        load[slot] += 1
    while running:
        yield _collect(ray, running, load)
    if stats is not None:
        stats.extend(ray.get([a.stats.remote() for a in pool]))
    for handle in pool:
        ray.kill(handle)


def _collect(ray: Any, running: dict[Any, int], load: list[int]) -> tuple[BatchResult, Any]:
    (ready,), _ = ray.wait(list(running), num_returns=1)
    load[running.pop(ready)] -= 1
    result: tuple[BatchResult, Any] = ray.get(ready)
    return result
