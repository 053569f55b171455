"""Headline articles are clustered as bench/clustering.py clusters UCI headlines: on the
title alone (no body words), so the CLI path measures what the benchmark measures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from glimpse import pipeline
from glimpse.cluster import ClusterItem
from glimpse.extract import headline_article
from glimpse.models import Article, Entity, Features

T0 = datetime(2014, 3, 13, 8, tzinfo=UTC)
TITLES = [
    "Croydon tram derails, killing seven",
    "Croydon tram crash: seven dead as tram overturns",
    "Seven dead in Croydon tram derailment",
    "Oil prices slide as Opec output rises",
]


def test_a_headline_article_is_the_benchmarks_headline_item() -> None:
    feats = Features(article="u1", entities=(Entity("Croydon", "GPE"),), vector=(0.6, 0.8))
    mine = headline_article(TITLES[0], id="u1", published=T0, source="Wire")
    bench = Article(id="u1", title=TITLES[0], text="", published=T0)  # bench.clustering.uci_days
    assert ClusterItem.from_records(mine, feats) == ClusterItem.from_records(bench, feats)
    assert ClusterItem.from_records(mine, feats).body_words == 0


def test_headlines_of_one_event_make_one_story_and_another_event_its_own() -> None:
    heads = [
        headline_article(t, source=f"outlet {n}", published=T0 + timedelta(minutes=10 * n))
        for n, t in enumerate(TITLES)
    ]
    assignments, _ = pipeline.assign(heads, [Features(article=h.id) for h in heads])
    story = {a.article: a.story for a in assignments}
    assert story[heads[0].id] == story[heads[1].id] == story[heads[2].id]
    assert story[heads[3].id] != story[heads[0].id]
