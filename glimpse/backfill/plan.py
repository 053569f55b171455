"""Batches of the input stream and the manifest that lets an interrupted backfill resume.

The input is read in the same order every time (files in name order, records in file order), so
batch ``n`` is always the records ``n*size`` to ``(n+1)*size - 1`` of the stream. A batch is
finished when its Parquet shard is written *and* its line is in the manifest; its digest (over
the origins of its records) proves on resume that it still holds the same records.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glimpse.errors import ConfigError, SkipRecord
from glimpse.ingest import RawDoc
from glimpse.models import Skip

MANIFEST = "manifest.jsonl"


@dataclass(frozen=True, slots=True)
class Batch:
    """Numbered records of the input stream; ``first`` is the stream position of ``docs[0]``."""

    number: int
    first: int
    docs: tuple[RawDoc, ...]

    @property
    def digest(self) -> str:
        return batch_digest(d.origin for d in self.docs)


@dataclass(frozen=True, slots=True)
class Finished:
    """One manifest line: a batch whose shard is written, and the records it could not use."""

    batch: int
    digest: str
    shard: str
    rows: int
    failures: tuple[Skip, ...] = ()


def batch_digest(origins: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(origins).encode("utf-8")).hexdigest()[:16]


def shard_name(number: int) -> str:
    """Shard file names sort in batch order."""
    return f"batch-{number:08d}.parquet"


def iter_batches(items: Iterable[RawDoc | SkipRecord], size: int) -> Iterator[Batch | SkipRecord]:
    """Documents grouped ``size`` at a time; a SkipRecord of the input passes straight through
    (it takes no place in the stream, so batches do not shift when inputs fail)."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    pending: list[RawDoc] = []
    number = seen = 0
    for item in items:
        if isinstance(item, SkipRecord):
            yield item
            continue
        pending.append(item)
        seen += 1
        if len(pending) == size:
            yield Batch(number, seen - size, tuple(pending))
            number, pending = number + 1, []
    if pending:
        yield Batch(number, seen - len(pending), tuple(pending))


class Manifest:
    """The ``manifest.jsonl`` of a shard folder: a header line, then one line per finished batch.

    Appending a line is the commit point of a batch (the shard is renamed into place first); a
    last line cut short by a kill is ignored, so that batch runs again.
    """

    def __init__(self, folder: Path, batch_size: int) -> None:
        self.folder = folder
        self.path = folder / MANIFEST
        self.batch_size = batch_size
        self.done: dict[int, Finished] = {}
        if self.path.exists():
            self._read()
        else:
            folder.mkdir(parents=True, exist_ok=True)
            self._append({"manifest": 1, "batch_size": batch_size})

    def _read(self) -> None:
        lines = self.path.read_text(encoding="utf-8").splitlines()
        header = _parse(lines[0]) if lines else None
        if not header or header.get("batch_size") != self.batch_size:
            found = header.get("batch_size") if header else None
            raise ConfigError(
                f"shards were written with batch size {found}, not {self.batch_size}:"
                " give the same --batch or another --shards folder",
                str(self.folder),
            )
        for line in lines[1:]:
            entry = _parse(line)
            if entry and (self.folder / entry["shard"]).exists():
                self.done[entry["batch"]] = _finished(entry)

    def check(self, batch: Batch) -> bool:
        """True when the batch is finished; an error when its shard holds other records."""
        done = self.done.get(batch.number)
        if done is None:
            return False
        if done.digest != batch.digest:
            raise ConfigError(
                f"batch {batch.number} no longer holds the same records (the input changed):"
                " use another --shards folder",
                str(self.folder),
            )
        return True

    def finish(self, entry: Finished) -> None:
        self._append(
            {
                "batch": entry.batch,
                "digest": entry.digest,
                "shard": entry.shard,
                "rows": entry.rows,
                "failures": [[s.stage, s.record, s.code, s.reason] for s in entry.failures],
            }
        )
        self.done[entry.batch] = entry

    def shards(self) -> list[Path]:
        return [self.folder / self.done[n].shard for n in sorted(self.done)]

    def _append(self, record: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())


def _parse(line: str) -> dict[str, Any] | None:
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _finished(entry: dict[str, Any]) -> Finished:
    return Finished(
        batch=int(entry["batch"]),
        digest=str(entry["digest"]),
        shard=str(entry["shard"]),
        rows=int(entry["rows"]),
        failures=tuple(Skip(*map(str, f)) for f in entry.get("failures") or ()),
    )
