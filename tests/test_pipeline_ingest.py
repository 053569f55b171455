"""The runner keeps going: a record that breaks a stage is skipped and reported, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from glimpse import pipeline
from glimpse.models import Article, Features, RunReport
from glimpse.store import Store


def write_jsonl(path: Path, titles: list[str]) -> Path:
    rows = [
        {"id": f"a{i}", "title": t, "text": f"{t} happened today in the town centre."}
        for i, t in enumerate(titles)
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    return path


def fake_features(articles: list[Article]) -> list[Features]:
    if any("poison" in a.title for a in articles):
        raise RuntimeError("tagger exploded")
    return [Features(article=a.id, tags=("Town",)) for a in articles]


def test_an_article_that_breaks_enrich_is_skipped_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "featurize", fake_features)
    source = write_jsonl(tmp_path / "a.jsonl", ["Fire", "poison pill", "Flood"])
    report = RunReport()
    with Store(tmp_path / "d.db") as store:
        pipeline.ingest(store, [str(source)], report)
        assert store.article_count() == 2
    assert report.counts["stored"] == 2
    [skip] = report.skips
    assert (skip.stage, skip.code) == ("enrich", "G016") and "tagger exploded" in skip.reason


def test_an_unexpected_extraction_error_is_a_skip_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = pipeline.to_article

    def flaky(doc, report=None):  # type: ignore[no-untyped-def]
        if doc.fields.get("title") == "Flood":
            raise ValueError("lxml said no")
        return real(doc, report)

    monkeypatch.setattr(pipeline, "to_article", flaky)
    source = write_jsonl(tmp_path / "b.jsonl", ["Fire", "Flood"])
    report = RunReport()
    articles = list(pipeline.load_articles([str(source)], report))
    assert [a.title for a in articles] == ["Fire"]
    assert report.skips[0].record.endswith("b.jsonl:2") and report.skips[0].code == "G016"


def test_duplicates_within_one_run_are_stored_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "featurize", fake_features)
    one = write_jsonl(tmp_path / "one.jsonl", ["Fire"])
    report = RunReport()
    with Store(tmp_path / "d.db") as store:
        pipeline.ingest(store, [str(one), str(one)], report)
        pipeline.ingest(store, [str(one)], report)
        assert store.article_count() == 1
    assert report.counts == {"documents": 3, "stored": 1, "duplicates": 2}
