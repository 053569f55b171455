"""Headline articles: a title without a body, as many feeds and the UCI News Aggregator carry.

A feed item whose own text is under the article threshold (a headline and a one-line teaser)
and whose page cannot be had, and a JSON Lines row with a ``title`` and no ``text``/``html``,
become an :class:`~glimpse.models.Article` of kind ``headline``: the title alone, with no
text, lede, paragraphs or sentences. Clustering then sees exactly what the clustering
benchmark feeds it for a UCI headline (title terms, title entities, the title's vector, no
body words), and compose has no sentence of it to quote or copy.
"""

from __future__ import annotations

from datetime import datetime

from glimpse.errors import EmptyInput
from glimpse.models import HEADLINE, Article, content_id


def headline_article(
    title: str,
    *,
    url: str | None = None,
    id: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
    story: str | None = None,
) -> Article:
    """The headline article of ``title``; its id hashes the URL, else the outlet and title
    (one outlet's headline given twice is one article, two outlets' same wire headline two)."""
    title = " ".join(title.split())
    if not any(c.isalnum() for c in title):
        raise EmptyInput("article has neither text nor html, and no title")
    if not id:
        id = content_id(url) if url else content_id("headline", source or "", title)
    return Article(
        id=id,
        title=title,
        text="",
        url=url,
        published=published,
        source=source,
        story=story,
        kind=HEADLINE,
    )
