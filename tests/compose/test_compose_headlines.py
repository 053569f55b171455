"""Headline articles in a brief: listed and counted as sources, never written from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from glimpse import pipeline
from glimpse.compose.headlines import (
    HEADLINES_ONLY,
    headlines_brief,
    representative,
    split_headlines,
    with_headlines,
)
from glimpse.extract import headline_article
from glimpse.models import HEADLINE, Article, Brief, Entity, Features, RunReport, Writer
from glimpse.pipeline import briefs

Story = Callable[[str], list[Article]]


def _headline(title: str, outlet: str, hour: int, url: str | None = None) -> Article:
    when = datetime(2026, 11, 20, hour, tzinfo=UTC)
    return headline_article(title, url=url, source=outlet, published=when)


HEADLINES = [
    _headline(
        "Riverton bridge closed after storm damage", "Valley Post", 9, "https://vp.example/1"
    ),
    _headline("Storm shuts Old Mill bridge in Riverton", "Daily Ledger", 7),
]


def _ids(brief: Brief) -> set[str]:
    """Every article id the written part of ``brief`` points at."""
    sentences = [*brief.summary, *(s for p in brief.body for s in p)]
    ids = {r.article for s in sentences for r in s.support}
    ids |= {c.article for s in sentences for c in s.corroboration}
    ids |= {e.article for s in sentences for e in s.edits}
    ids |= {r.article for r in brief.headline_support}
    if brief.key_quote is not None:
        ids.add(brief.key_quote.article)
    return ids


def test_a_story_of_headlines_only_has_no_written_part_and_says_why() -> None:
    brief = pipeline.compose_one("s1", HEADLINES, [], RunReport())
    assert brief is not None and brief.unwritten == HEADLINES_ONLY
    assert (brief.summary, brief.body, brief.key_quote, brief.tags) == ((), (), None, ())
    assert brief.headline in {h.title for h in HEADLINES}
    assert [s.outlet for s in brief.sources] == ["Daily Ledger", "Valley Post"]  # time order
    assert all(s.kind == HEADLINE and s.lede == "" for s in brief.sources)
    assert brief.updated_at == HEADLINES[0].published


def test_a_full_article_joining_gets_the_brief_written_and_headlines_stay_sources(
    story: Story,
) -> None:
    articles = [*HEADLINES, *story("one_article")]
    brief = pipeline.compose_one("s1", articles, [], RunReport())
    assert brief is not None and not brief.unwritten and brief.summary
    assert _ids(brief) == {"wire-1"}
    kinds = {s.article: s.kind for s in brief.sources}
    assert kinds == {"wire-1": "article", **{h.id: HEADLINE for h in HEADLINES}}
    assert brief.updated_at == HEADLINES[0].published  # the 09:00 headline is the newest


def test_tags_and_entities_never_come_from_a_headline(story: Story) -> None:
    full = story("one_article")
    feats = [Features(article=a.id) for a in full]
    odd = Features(article=HEADLINES[0].id, tags=("zebra",), entities=(Entity("Zebra", "ORG"),))
    articles, features, headlines = split_headlines([HEADLINES[0], *full], [odd, *feats])
    assert articles == full and features == feats and headlines == [HEADLINES[0]]
    brief = pipeline.compose_one("s1", [HEADLINES[0], *full], [odd, *feats], RunReport())
    assert brief is not None and "zebra" not in brief.tags
    assert all(e.name != "Zebra" for e in brief.entities)


def test_the_story_headline_is_the_wording_the_headlines_share() -> None:
    heads = [
        _headline("Mayor opens new library", "A", 1),
        _headline("Riverton bridge closed by storm", "B", 2),
        _headline("Storm closes Riverton bridge", "C", 3),
    ]
    assert representative(heads).source == "B"  # ties go to the first of equals


def test_with_headlines_lists_them_after_the_articles_and_keeps_the_writer() -> None:
    base = headlines_brief("s1", HEADLINES[:1], Writer("extractive", None, "v9"))
    assert base.writer.key == "v9"
    extra = _headline("Bridge repairs to take two weeks", "Courier", 11)
    joined = with_headlines(base, [extra])
    assert [s.article for s in joined.sources] == [HEADLINES[0].id, extra.id]
    assert joined.updated_at == extra.published


def test_the_llm_writer_is_never_asked_for_a_story_of_headlines_only() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from glimpse.compose.llm import LLMOptions, LLMWriter

    llm = LLMWriter(LLMOptions(model="tiny-model"))
    brief = pipeline.compose_one("s1", HEADLINES, [], RunReport())
    assert brief is not None
    with ThreadPoolExecutor(1) as pool:
        job = briefs._llm_job(pool, llm, brief, HEADLINES)
    assert job.done()  # nothing was sent to the model
    kept, note = job.result()
    assert note is None and kept.unwritten == HEADLINES_ONLY
    assert kept.writer.key == llm.key  # so the next build does not rewrite it
