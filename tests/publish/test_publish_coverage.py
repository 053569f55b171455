"""Who reports what on the story page: per-fact outlet counts and the coverage table."""

from __future__ import annotations

import warnings
from dataclasses import replace
from pathlib import Path

from lxml import html as lxml_html

from glimpse.models import Corroboration
from glimpse.publish.coverage import story_coverage
from glimpse.publish.sample import add_story, sample_article, sample_brief, story_id
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient


def _corroborated(articles):  # type: ignore[no-untyped-def]
    """The sample brief with sentence 1 reported by every article, the others by their own."""
    brief = sample_brief(story_id(3), articles)
    everyone = tuple(Corroboration(a.id, 0, a.source) for a in articles)
    own = [replace(s, corroboration=(Corroboration(s.support[0].article, s.support[0].sentence,
                                                   articles[0].source),)) for s in brief.summary]  # fmt: skip
    own[0] = replace(own[0], corroboration=everyone)
    return replace(brief, summary=tuple(own))


def test_coverage_counts_outlets_per_fact_and_facts_per_outlet() -> None:
    articles = [sample_article(3, n) for n in range(3)]
    coverage = story_coverage(_corroborated(articles))
    assert coverage.total == len({a.source for a in articles})
    assert coverage.facts[0].number == 1 and len(coverage.facts[0].outlets) == coverage.total
    first = next(o for o in coverage.outlets if o.outlet == articles[0].source)
    assert first.facts[:2] == (1, 2) and first.first_report == articles[0].published
    assert all(1 in o.facts for o in coverage.outlets)


def test_a_brief_without_corroboration_shows_no_facts() -> None:
    articles = [sample_article(3, n) for n in range(2)]
    assert story_coverage(sample_brief(story_id(3), articles)).facts == ()


def test_story_page_shows_reported_by_and_the_coverage_table(tmp_path: Path) -> None:
    articles = [sample_article(3, n) for n in range(3)]
    with Store(tmp_path / "d.db") as store:
        add_story(store, story_id(3), articles, ())
        store.save_brief(_corroborated(articles))
    with TestClient(create_app(tmp_path / "d.db")) as client:
        page = lxml_html.fromstring(client.get(f"/stories/{story_id(3)}").text)
        data = client.get(f"/stories/{story_id(3)}.json").json()
    reported = page.xpath("//section[@class='who-reports']//span[@class='reported']/text()")
    assert reported[0].startswith("— reported by 3 of 3 outlets")
    rows = page.xpath("//table[@class='coverage-table']/tbody/tr")
    assert len(rows) == 3 and all(r.xpath(".//time") for r in rows)
    assert page.xpath("//table[@class='coverage-table']//a[@href='#s1']")
    assert data["summary"][0]["corroboration"][0]["outlet"] == articles[0].source
    assert [c["outlet"] for c in data["coverage"]][:1] == [articles[0].source]


def test_the_outlet_list_names_each_outlet_once_whatever_its_case(tmp_path: Path) -> None:
    articles = [sample_article(3, n) for n in range(3)]
    brief = sample_brief(story_id(3), articles)
    spelt = ("NPR", None, "npr", "CNN")
    sources = tuple(replace(s, outlet=o) for s, o in zip(brief.sources * 2, spelt, strict=False))
    with Store(tmp_path / "d.db") as store:
        add_story(store, story_id(3), articles, ())
        store.save_brief(replace(brief, sources=sources))
    with TestClient(create_app(tmp_path / "d.db")) as client:
        page = lxml_html.fromstring(client.get(f"/stories/{story_id(3)}").text)
    listed = page.xpath("//section[@class='coverage']//ul[@class='outlets']/li/a/text()")
    assert listed == ["NPR", "CNN"]
