"""Batching of the input stream and the resume manifest (no Ray, no models)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glimpse.backfill.plan import (
    MANIFEST,
    Batch,
    Finished,
    Manifest,
    batch_digest,
    iter_batches,
    shard_name,
)
from glimpse.errors import ConfigError, SkipRecord
from glimpse.ingest import RawDoc
from glimpse.models import Skip


def docs(n: int, prefix: str = "in.jsonl") -> list[RawDoc]:
    return [RawDoc("record", f"{prefix}:{i}", fields={"text": f"t{i}"}) for i in range(n)]


def test_batches_cover_the_stream_in_order_with_a_short_last_batch() -> None:
    batches = list(iter_batches(docs(7), 3))
    assert [b.number for b in batches] == [0, 1, 2]  # type: ignore[union-attr]
    assert [b.first for b in batches] == [0, 3, 6]  # type: ignore[union-attr]
    assert [len(b.docs) for b in batches] == [3, 3, 1]  # type: ignore[union-attr]
    origins = [d.origin for b in batches for d in b.docs]  # type: ignore[union-attr]
    assert origins == [f"in.jsonl:{i}" for i in range(7)]


def test_a_failed_input_passes_through_without_shifting_the_batches() -> None:
    skip = SkipRecord("not JSON", "in.jsonl:2")
    items: list[RawDoc | SkipRecord] = [*docs(2), skip, *docs(2, "b.jsonl")]
    out = list(iter_batches(items, 2))
    assert out[1] is skip
    batches = [b for b in out if isinstance(b, Batch)]
    assert [[d.origin for d in b.docs] for b in batches] == [
        ["in.jsonl:0", "in.jsonl:1"],
        ["b.jsonl:0", "b.jsonl:1"],
    ]


def test_batch_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        list(iter_batches(docs(1), 0))


def test_shard_names_sort_in_batch_order() -> None:
    names = [shard_name(n) for n in (0, 9, 10, 123456)]
    assert names == sorted(names)
    assert len(set(names)) == 4


def test_digest_changes_when_a_batch_holds_other_records() -> None:
    assert batch_digest(["a", "b"]) == batch_digest(["a", "b"])
    assert batch_digest(["a", "b"]) != batch_digest(["b", "a"])
    assert batch_digest(["ab"]) != batch_digest(["a", "b"])


def finished(batch: Batch, folder: Path) -> Finished:
    name = shard_name(batch.number)
    (folder / name).write_bytes(b"shard")
    failure = Skip("extract", batch.docs[0].origin, "G003", "no article text found")
    return Finished(batch.number, batch.digest, name, len(batch.docs) - 1, (failure,))


def test_manifest_remembers_finished_batches_and_their_failures(tmp_path: Path) -> None:
    batches = [b for b in iter_batches(docs(6), 2) if isinstance(b, Batch)]
    manifest = Manifest(tmp_path, 2)
    manifest.finish(finished(batches[0], tmp_path))
    manifest.finish(finished(batches[2], tmp_path))
    again = Manifest(tmp_path, 2)
    assert [again.check(b) for b in batches] == [True, False, True]
    assert again.done[0] == manifest.done[0]
    assert again.done[2].failures[0].record == "in.jsonl:4"
    assert again.shards() == [tmp_path / shard_name(0), tmp_path / shard_name(2)]


def test_a_line_cut_short_by_a_kill_means_that_batch_runs_again(tmp_path: Path) -> None:
    batches = [b for b in iter_batches(docs(4), 2) if isinstance(b, Batch)]
    manifest = Manifest(tmp_path, 2)
    manifest.finish(finished(batches[0], tmp_path))
    with (tmp_path / MANIFEST).open("a") as handle:
        handle.write('{"batch": 1, "digest": "')
    again = Manifest(tmp_path, 2)
    assert [again.check(b) for b in batches] == [True, False]


def test_a_listed_batch_whose_shard_is_gone_runs_again(tmp_path: Path) -> None:
    batch = next(b for b in iter_batches(docs(2), 2) if isinstance(b, Batch))
    manifest = Manifest(tmp_path, 2)
    manifest.finish(finished(batch, tmp_path))
    (tmp_path / shard_name(0)).unlink()
    assert Manifest(tmp_path, 2).check(batch) is False


def test_resuming_with_another_batch_size_is_an_error(tmp_path: Path) -> None:
    Manifest(tmp_path, 2)
    with pytest.raises(ConfigError, match="batch size 2, not 3"):
        Manifest(tmp_path, 3)


def test_resuming_over_changed_input_is_an_error(tmp_path: Path) -> None:
    batch = next(b for b in iter_batches(docs(2), 2) if isinstance(b, Batch))
    Manifest(tmp_path, 2).finish(finished(batch, tmp_path))
    changed = next(b for b in iter_batches(docs(2, "other.jsonl"), 2) if isinstance(b, Batch))
    with pytest.raises(ConfigError, match="input changed"):
        Manifest(tmp_path, 2).check(changed)
