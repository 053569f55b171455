"""All per-article features in one pass: tags and entities (spaCy), the MiniLM vector of the
title and lede, and the MinHash of the body. Computed once at enrich time, stored, reused by
clustering and briefs; never recomputed per comparison."""

from __future__ import annotations

from dataclasses import replace

from glimpse.headline import feature_title
from glimpse.models import Article, Features


def vector_text(article: Article) -> str:
    """What the vector represents: the headline and the lede, the parts that name the event
    (a title that only names the site gives way to the URL's words)."""
    lede = article.lede or (article.paragraphs[0] if article.paragraphs else article.text[:400])
    return f"{feature_title(article)}. {lede}".strip(". ")


def compute_features(articles: list[Article], *, vectors: bool = True) -> list[Features]:
    from glimpse.cluster.minhash import article_signature
    from glimpse.enrich import tag_articles
    from glimpse.enrich.embed import default_embedder

    tagged = tag_articles(articles)
    if vectors and articles:
        matrix = default_embedder().embed([vector_text(a) for a in articles])
        rows = [tuple(float(x) for x in row) for row in matrix]
    else:
        rows = [() for _ in articles]
    return [
        replace(f, vector=row, minhash=article_signature(a))
        for a, f, row in zip(articles, tagged, rows, strict=True)
    ]
