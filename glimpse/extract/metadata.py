"""Article metadata beside the body: title, dates, authors, outlet, canonical URL, language.

Every field follows one rule: structured data first (JSON-LD, then ``<meta>``/microdata), then
visible markup; when the page says nothing the field is ``None``, never a guess (the only
inference is :mod:`htmldate` for the published date, which reads dates the page itself shows).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from glimpse.extract.authors import clean_authors
from glimpse.extract.outlet import read_outlet
from glimpse.extract.structured import (
    article_objects,
    first,
    jsonld_objects,
    meta_tags,
    names,
    types_of,
)
from glimpse.headline import is_site_title


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
        objects, articles, tags, _headlines(tree, articles, tags), canonical or url
    )
    dated = articles + [o for o in objects if "webpage" in types_of(o)]
    published = _date(tree, dated, tags, "datePublished", _PUBLISHED_META)
    updated = _date(tree, dated, tags, "dateModified", _UPDATED_META)
    if published is None and html_dates:
        published = _htmldate(tree, url)
        if published is not None and updated is not None and published.date() == updated.date():
            published = None  # htmldate fell back to the modification date: not a publication
    return Metadata(
        title=_title(tree, articles, tags, source, url),
        published=published,
        updated=updated,
        authors=_authors(tree, articles, tags, source),
        source=source,
        canonical_url=canonical,
        language=_language(tree, articles, tags),
        free=_free(articles),
        article_body=_article_body(articles),
    )


_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_UPDATED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "last-modified",
    "dcterms.modified",
)


def _title(
    tree: lxml_html.HtmlElement,
    articles: list[dict[str, Any]],
    tags: dict[str, list[str]],
    source: str | None,
    url: str | None,
) -> str | None:
    """(1) JSON-LD headline, (2) og/twitter title, (3) the only ``<h1>``, (4) ``<title>``,
    (5) the first ``<h1>``: the first that is not just the site's name ("ABC News"), else
    the first found."""
    found = [
        c for c in _title_candidates(tree, articles, tags, source, url) if c and not _is_slug(c)
    ]
    labels = _label_h1s(tree)
    own = [c for c in found if not is_site_title(c, source, url) and _key(c) not in labels]
    return (own or found)[0] if found else None


_SLUG = re.compile(r"[^\W_]+(?:[-_+][^\W_]+){2,}(?:\.\w{2,5})?")


def _is_slug(title: str) -> bool:
    """A URL slug ("ferry-strike-ends-after-three-days") in a title field is never a title."""
    return _SLUG.fullmatch(title.strip()) is not None


def _label_h1s(tree: lxml_html.HtmlElement) -> set[str]:
    """Keys of the ``<h1>`` elements that are the site's or a section's label, not a
    headline: all their text is one link to the home page or a top-level section
    (``<h1><a href="/">V8</a></h1>``, ``<a href="/sport/">BBC Sport</a>``)."""
    found = set()
    for h1 in tree.iterfind(".//h1"):
        links = h1.findall(".//a")
        text = _text(h1)
        if len(links) != 1 or not text or _text(links[0]) != text:
            continue
        path = urlsplit(links[0].get("href") or "").path
        if len([s for s in path.split("/") if s]) <= 1 and len(path) < 40:
            found.add(_key(text))
    return found


def _title_candidates(
    tree: lxml_html.HtmlElement,
    articles: list[dict[str, Any]],
    tags: dict[str, list[str]],
    source: str | None,
    url: str | None,
) -> Iterator[str]:
    """In order of trust; a JSON-LD headline or a lone ``<h1>`` that does not agree with the
    page's ``<title>`` (:func:`_agrees`) is passed over: a JSON-LD "headline" can be a
    description ("Wikimedia list article") and the only ``<h1>`` a section's name
    ("Allergies Health Center") while ``<title>`` names the article."""
    node = tree.find(".//title")
    page_title = _text(node) if node is not None else ""
    meta = first(
        tags, "og:title", "twitter:title", "headline", "parsely-title", "dc.title", "dc:title"
    )
    for obj in articles:
        headline = obj.get("headline") or obj.get("name")
        reference = f"{page_title} {meta or ''}"
        if isinstance(headline, str) and _agrees(headline, reference, _JSONLD_AGREES):
            yield _clean_title(headline, source, url)
    if meta:
        yield _clean_title(meta, source, url)
    h1s = [t for t in (_text(h) for h in tree.iterfind(".//h1")) if t]
    if len(h1s) == 1 and _agrees(h1s[0], page_title, _H1_AGREES):
        yield h1s[0]
    if page_title:
        yield _clean_title(_without_labels(page_title, _label_h1s(tree)), source, url)
    yield from h1s[:1]


# Share of a candidate's words the <title> (and og:title) must hold for it to stand for the
# title. An <h1> is the <title> without the site's part, so nearly all its words are there;
# a JSON-LD headline may be reworded for search, so half is enough.
_H1_AGREES = 0.8
_JSONLD_AGREES = 0.5


def _agrees(candidate: str, reference: str, share: float) -> bool:
    """Whether ``share`` of the words of ``candidate`` occur in ``reference`` (always true
    when there is no reference to check against)."""
    theirs = set(_key(reference).split())
    if not theirs:
        return True
    own = _key(candidate).split()
    return bool(own) and sum(w in theirs for w in own) >= share * len(own)


def _without_labels(title: str, labels: set[str]) -> str:
    """``title`` without a first or last part that the page's ``<h1>`` shows as its label
    ("Striker signs new deal | BBC Sport" with ``<h1><a href="/sport">BBC Sport</a></h1>``)."""
    seps = list(_TITLE_SEPARATORS.finditer(title))
    if not seps or not labels:
        return title
    first_part, last_part = title[: seps[0].start()], title[seps[-1].end() :]
    if _key(last_part) in labels and len(last_part) < len(first_part):
        return title[: seps[-1].start()]
    if _key(first_part) in labels and len(first_part) < len(last_part):
        return title[seps[0].end() :]
    return title


_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·»/~]|::?|-{1,2})\s+")
_SITE_PREFIX = re.compile(r"^([^:|]{2,60}?):\s+(\S.*)$")


def _clean_title(title: str, source: str | None, url: str | None = None) -> str:
    """Drop the site's part from a title in any language: "Title | site.ch | Tagline" →
    "Title", "Site - Title" → "Title", "Site: Title" → "Title", where the site part is one
    whose words all belong to the outlet's name or the host (:func:`is_site_title`); a
    tagline after the site's name goes with it."""
    title = " ".join(html.unescape(title).split())
    seps = list(_TITLE_SEPARATORS.finditer(title))
    bounds = [0, *(m.start() for m in seps), len(title)]
    starts = [0, *(m.end() for m in seps)]
    parts = [title[a:b] for a, b in zip(starts, bounds[1:], strict=True)]
    for i, part in enumerate(parts):
        if len(parts) > 1 and is_site_title(part, source, url):
            kept = title[seps[0].end() :] if i == 0 else title[: seps[i - 1].start()]
            return _clean_title(kept, source, url) if kept.strip() else title
    prefix = _SITE_PREFIX.match(title)
    if prefix and is_site_title(prefix.group(1), source, url):
        return prefix.group(2)
    return title


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join((node.text_content() or "").split())


def _headlines(
    tree: lxml_html.HtmlElement, articles: list[dict[str, Any]], tags: dict[str, list[str]]
) -> list[str]:
    found = [h for o in articles for h in [o.get("headline")] if isinstance(h, str)]
    found += tags.get("og:title", []) + tags.get("twitter:title", [])
    node = tree.find(".//title")
    return found + ([_text(node)] if node is not None else [])


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", html.unescape(text).lower()))


def _date(
    tree: lxml_html.HtmlElement,
    dated: list[dict[str, Any]],
    tags: dict[str, list[str]],
    key: str,
    meta_keys: tuple[str, ...],
) -> datetime | None:
    """(1) JSON-LD ``key`` of the article (then of the web page), (2) meta tags,
    (3) microdata ``<time itemprop=key datetime=…>``."""
    values = [obj.get(key) for obj in dated]
    values += [value for meta_key in meta_keys for value in tags.get(meta_key, ())]
    for node in tree.xpath(".//*[@itemprop=$key]", key=key)[:3]:
        values += [node.get("datetime"), node.get("content")]
    for value in values:
        parsed = parse_datetime(value) if isinstance(value, str) else None
        if parsed is not None:
            return parsed
    return None


def parse_datetime(value: str) -> datetime | None:
    """An ISO 8601 or RFC 2822 date or datetime as tz-aware UTC (naive values taken as UTC)."""
    value = value.strip()
    parsed = _parse_iso(value) or _parse_rfc2822(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if not 1990 <= parsed.year <= 2100:
        return None
    return parsed.astimezone(UTC)


_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,]\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)


def _parse_iso(value: str) -> datetime | None:
    match = _ISO.match(value)
    if match is None:
        return None
    day, clock, zone = match.groups()
    text = day + (f"T{clock}" if clock else "")
    if clock and zone:
        text += "+00:00" if zone == "Z" else zone
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_rfc2822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _htmldate(tree: lxml_html.HtmlElement, url: str | None) -> datetime | None:
    from htmldate import find_date

    try:
        found = find_date(
            tree, extensive_search=False, original_date=True, url=url, outputformat="%Y-%m-%d"
        )
    except (ValueError, TypeError):
        return None
    return parse_datetime(found) if found else None


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
    yield [_text(node) for node in nodes[:8]]


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
