"""Article metadata beside the body: title, dates, authors, outlet, canonical URL, language.

The title (:mod:`glimpse.extract.title`), the dates (:mod:`glimpse.extract.dates`) and the
outlet (:mod:`glimpse.extract.outlet`) each have their module; the rest is read here.

Every field follows one rule: structured data first (JSON-LD, then ``<meta>``/microdata), then
visible markup; when the page says nothing the field is ``None``, never a guess (the only
inference is :mod:`htmldate` for the published date, which reads dates the page itself shows).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from glimpse.extract.authors import clean_authors
from glimpse.extract.dates import read_dates
from glimpse.extract.outlet import read_outlet
from glimpse.extract.structured import (
    article_objects,
    first,
    jsonld_objects,
    meta_tags,
    names,
    text_of,
)
from glimpse.extract.title import page_headlines, read_title


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    free: bool | None = None  # schema.org isAccessibleForFree, when the page states it
    article_body: str | None = None  # JSON-LD articleBody: the body when the markup has none


def read_metadata(
    tree: lxml_html.HtmlElement, url: str | None, *, html_dates: bool = True
) -> Metadata:
    """Everything the page states about the article in ``tree``."""
    objects = jsonld_objects(tree)
    articles = article_objects(objects)
    tags = meta_tags(tree)
    canonical = _canonical(tree, tags, url)
    source = read_outlet(
        objects, articles, tags, page_headlines(tree, articles, tags), canonical or url
    )
    published, updated = read_dates(tree, objects, articles, tags, url, html_dates=html_dates)
    return Metadata(
        title=read_title(tree, articles, tags, source, url),
        published=published,
        updated=updated,
        authors=_authors(tree, articles, tags, source),
        source=source,
        canonical_url=canonical,
        language=_language(tree, articles, tags),
        free=_free(articles),
        article_body=_article_body(articles),
    )


def _authors(
    tree: lxml_html.HtmlElement,
    articles: list[dict[str, Any]],
    tags: dict[str, list[str]],
    source: str | None,
) -> tuple[str, ...]:
    """The first source that yields a real name: (1) JSON-LD author/creator, (2) author meta
    tags, (3) ``rel=author``/``itemprop=author`` and byline-name elements in the page."""
    for candidates in _author_sources(tree, articles, tags):
        found = clean_authors(candidates, source)
        if found:
            return found
    return ()


def _author_sources(
    tree: lxml_html.HtmlElement, articles: list[dict[str, Any]], tags: dict[str, list[str]]
) -> Iterator[list[str]]:
    for obj in articles:
        yield names(obj.get("author")) + names(obj.get("creator"))
    for key in _AUTHOR_META:
        yield tags.get(key, [])
    nodes = tree.xpath(
        './/*[@rel="author" or @itemprop="author" or contains(@class, "author-name")'
        ' or contains(@class, "byline__name") or contains(@class, "author__name")]'
    )
    yield [text_of(node) for node in nodes[:8]]


_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dc:creator",
    "dcterms.creator",
    "citation_author",
    "parsely-author",
    "sailthru.author",
    "byl",
)


def _canonical(
    tree: lxml_html.HtmlElement, tags: dict[str, list[str]], url: str | None
) -> str | None:
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            return _absolute(link.get("href", ""), url)
    meta = first(tags, "og:url")
    return _absolute(meta, url) if meta else None


def _absolute(href: str, url: str | None) -> str | None:
    """``href`` made absolute; None unless http(s) (``javascript:`` is never a canonical URL)."""
    href = href.strip()
    joined = href if href.startswith(("http://", "https://")) else None
    if joined is None and url and href:
        joined = urljoin(url, href)
    parts = urlsplit(joined or "")
    return joined if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _language(
    tree: lxml_html.HtmlElement, articles: list[dict[str, Any]], tags: dict[str, list[str]]
) -> str | None:
    """The primary language subtag ("en") from ``<html lang>``, JSON-LD, or meta tags."""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    candidates += [o.get("inLanguage") for o in articles]
    candidates += [first(tags, "content-language", "og:locale", "language", "dc.language")]
    for value in candidates:
        if isinstance(value, str):
            match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value)
            if match:
                return match.group(1).lower()
    return None


def _article_body(articles: list[dict[str, Any]]) -> str | None:
    for obj in articles:
        body = obj.get("articleBody")
        if isinstance(body, str) and body.strip():
            return html.unescape(body)
    return None


def _free(articles: list[dict[str, Any]]) -> bool | None:
    for obj in articles:
        for holder in [obj, *_parts(obj)]:
            value = holder.get("isAccessibleForFree")
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in ("true", "false"):
                return value.strip().lower() == "true"
    return None


def _parts(obj: dict[str, Any]) -> list[dict[str, Any]]:
    part = obj.get("hasPart")
    parts = part if isinstance(part, list) else [part]
    return [p for p in parts if isinstance(p, dict)]
