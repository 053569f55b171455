"""A worker does not enrich a copy of an article it extracted before (as ingest skips a
duplicate before enriching it), and the load step still stores exactly what it stored when
every copy was enriched (no Ray: the worker's batch function, the rows and the store)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from glimpse.backfill import load, work
from glimpse.backfill.load import load_rows
from glimpse.backfill.plan import Batch
from glimpse.backfill.rows import is_enriched, to_row
from glimpse.backfill.seen import Seen
from glimpse.ingest.files import iter_jsonl
from glimpse.ingest.sources import RawDoc
from glimpse.models import Article, Features, RunReport
from glimpse.store import Store

T0 = datetime(2021, 5, 6, tzinfo=UTC)
TEXT = "The harbour pier closes on Monday for repairs. Ferries will dock at the north quay."


def _article(id: str, text: str = TEXT, day: int = 0, url: str | None = None) -> Article:
    return Article(
        id=id,
        title="Pier closes",
        text=text,
        url=url or f"https://news.example/{id}",
        published=T0 + timedelta(days=day),
    )


def _key(seq: int, day: int = 0) -> tuple[bool, datetime | None, int]:
    return (False, T0 + timedelta(days=day), seq)


def test_a_later_copy_of_the_same_text_is_a_copy() -> None:
    seen = Seen()
    assert not seen.is_copy(_article("a"), _key(0))
    assert seen.is_copy(_article("b"), _key(1))


def test_a_copy_that_loads_first_is_enriched_and_the_later_original_is_not() -> None:
    seen = Seen()
    assert not seen.is_copy(_article("a", day=5), _key(0, day=5))
    assert not seen.is_copy(_article("b", day=1), _key(1, day=1))  # loaded before "a"
    assert seen.is_copy(_article("c", day=3), _key(2, day=3))


def test_the_same_url_or_id_is_a_copy_but_a_headline_keeps_nothing_out() -> None:
    seen = Seen()
    assert not seen.is_copy(_article("a"), _key(0))
    assert seen.is_copy(_article("b", text="Other words.", url="https://news.example/a"), _key(1))
    assert seen.is_copy(_article("a", text="Yet other words."), _key(2))
    headline = _article("h", text="", url="https://news.example/h")
    assert not seen.is_copy(headline, _key(3))
    assert not seen.is_copy(_article("p", url="https://news.example/h", text="New."), _key(4))


def test_past_its_limit_the_oldest_keys_are_forgotten() -> None:
    seen = Seen(limit=3)  # one article's keys: its text, id and URL
    assert not seen.is_copy(_article("a"), _key(0))
    assert not seen.is_copy(_article("b", text="Other words."), _key(1))
    assert not seen.is_copy(_article("c"), _key(2))  # "a"'s text was forgotten


def _enrich_by_title(articles: list[Article]) -> list[Features]:
    _enrich_by_title.calls += [a.id for a in articles]  # type: ignore[attr-defined]
    return [Features(article=a.id, tags=(a.title,)) for a in articles]


def test_a_worker_sends_a_copy_back_without_enriching_it(monkeypatch: pytest.MonkeyPatch) -> None:
    _enrich_by_title.calls = []  # type: ignore[attr-defined]
    monkeypatch.setattr(work, "featurize", _enrich_by_title)
    lines = [
        {"id": f"r{i}", "title": f"Pier {i}", "text": TEXT, "published": "2021-05-06T00:00:00Z"}
        for i in range(3)
    ]
    items = list(iter_jsonl("\n".join(json.dumps(r) for r in lines).encode(), "w.jsonl"))
    docs = tuple(i for i in items if isinstance(i, RawDoc))
    seen = Seen()
    first = work.process_batch(Batch(0, 0, docs[:2]), seen)
    second = work.process_batch(Batch(1, 2, docs[2:]), seen)
    rows = first.rows + second.rows
    assert [r["seq"] for r in rows] == [0, 1, 2]
    assert [is_enriched(r) for r in rows] == [True, False, False]
    assert _enrich_by_title.calls == ["r0"]  # type: ignore[attr-defined]


def _no_late_enrichment(articles: list[Article]) -> list[Features]:
    raise AssertionError("a refused copy must not be enriched")


def test_a_copy_the_store_refuses_is_a_duplicate_and_is_not_enriched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "featurize", _no_late_enrichment)
    rows = [
        to_row(0, "w:0", _article("a"), Features("a", tags=("x",))),
        to_row(1, "w:1", _article("b", day=1), None),
    ]
    report = RunReport()
    with Store(tmp_path / "d.db") as store:
        load_rows(store, rows, report)
        assert store.has_article(_article("a")) and not store.articles(["b"])
    assert report.counts["stored"] == 1 and report.counts["duplicates"] == 1


def test_a_copy_the_store_takes_after_all_is_enriched_at_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _enrich_by_title.calls = []  # type: ignore[attr-defined]
    monkeypatch.setattr(load, "featurize", _enrich_by_title)
    taken = _article("c", text="A different body about the pier.", url="https://news.example/a")
    rows = [
        to_row(0, "w:0", taken, Features("c")),  # holds the URL: the first copy is refused
        to_row(1, "w:1", _article("a", day=1), Features("a", tags=("x",))),
        to_row(2, "w:2", _article("b", day=2), None),  # the worker guessed "a" would be stored
    ]
    report = RunReport()
    with Store(tmp_path / "d.db") as store:
        load_rows(store, rows, report)
        [features] = store.features(["b"])
    assert features.tags == ("Pier closes",)
    assert _enrich_by_title.calls == ["b"]  # type: ignore[attr-defined]
    assert report.counts["stored"] == 2 and report.counts["duplicates"] == 1
