"""Commands that read sources and print records: extract, tag, cluster, brief."""

from __future__ import annotations

from typing import Annotated

import typer

from glimpse import pipeline
from glimpse.clean_text import terminal_safe
from glimpse.cli.common import (
    JSON_OPTION,
    LiveReport,
    config,
    emit,
    exit_for,
    out,
    progress,
    status,
)
from glimpse.cli.render import brief_markdown
from glimpse.ingest import Fetcher
from glimpse.models import Article, RunReport
from glimpse.serialize import article_to_dict, brief_to_dict, features_to_dict

Sources = Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs or - for stdin.")]


def _articles(sources: list[str], report: RunReport) -> list[Article]:
    with Fetcher(config().options("fetch")) as fetcher, progress("reading") as tick:
        articles = []
        for article in pipeline.load_articles(sources, report, fetcher):
            articles.append(article)
            tick()
        return articles


def extract(sources: Sources, as_json: bool = JSON_OPTION) -> None:
    """One Article per input document.

    Example: glimpse extract page.html https://example.org/news/story --json
    """
    report = LiveReport()
    produced = 0
    with Fetcher(config().options("fetch")) as fetcher:
        for a in pipeline.load_articles(sources, report, fetcher):  # printed as each is done
            produced += 1
            if as_json:
                emit(article_to_dict(a))
            else:
                line = f"{a.title}  ({a.source or '-'}, {len(a.sentences)} sentences)"
                out.print(terminal_safe(line), markup=False)
    exit_for(report, produced)


def tag(
    sources: Sources,
    top: int = typer.Option(10, "--top", min=1, help="How many keyphrases per article."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Articles with their entities, keyphrases and tags.

    Example: glimpse tag articles.jsonl --top 5 --json
    """
    from glimpse.enrich import tag_articles

    report = LiveReport()
    produced = 0
    with Fetcher(config().options("fetch")) as fetcher:
        # tagged and printed one by one as each article is read, so a pipe sees progress
        # (each article's features are its own: batching would only delay the first line)
        for a in pipeline.load_articles(sources, report, fetcher):
            (f,) = tag_articles([a], top=top)
            produced += 1
            if as_json:
                emit(article_to_dict(a) | features_to_dict(f))
            else:
                out.print(terminal_safe(a.title), style="bold", markup=False)
                out.print(terminal_safe(f"  tags: {' · '.join(f.tags)}"), markup=False)
                out.print(terminal_safe(f"  keyphrases: {', '.join(f.keyphrases)}"), markup=False)
    exit_for(report, produced)


def cluster(sources: Sources, as_json: bool = JSON_OPTION) -> None:
    """Group articles into stories, in time order: one {"id", "story"} line per article.

    Example: glimpse cluster today/ --json
    """
    report = RunReport()
    articles = _articles(sources, report)
    with status(f"clustering {len(articles)} articles"):
        features = pipeline.featurize(articles)
        assignments, _ = pipeline.assign(articles, features, None, config().options("cluster"))
    for a in assignments:
        if as_json:
            emit({"id": a.article, "story": a.story})
        else:
            out.print(f"{a.article}\t{a.story}")
    exit_for(report, len(assignments))


def brief(
    sources: Sources,
    as_json: bool = JSON_OPTION,
    md: bool = typer.Option(False, "--md", help="Print Markdown instead of text."),
    writer: str | None = typer.Option(
        None,
        "--writer",
        help="extractive (default) or llm: the [llm] server rewrites the brief, every sentence "
        "verified; the extractive brief is kept when it cannot.",
    ),
) -> None:
    """Treat the inputs as one story and print its brief (or one per `story` field).

    Example: glimpse brief wire-story.txt --json --writer llm
    """
    report = RunReport()
    articles = _articles(sources, report)
    cfg = config()
    options = cfg.options("compose", writer=writer)
    llm = pipeline.llm_writer(options, cfg.options("llm"))
    briefs = []
    for story_id, group in pipeline.group_by_story(articles):
        with status(f"briefing {len(group)} articles"):
            features = pipeline.featurize(group)
            made = pipeline.compose_one(story_id, group, features, report, options, llm)
        if made is not None:
            briefs.append(made)
            if as_json:
                emit(brief_to_dict(made))
            else:
                out.print(terminal_safe(brief_markdown(made), newlines=True), markup=False)
    exit_for(report, len(briefs))
