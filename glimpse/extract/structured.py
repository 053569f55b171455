"""Read what a page says about itself: JSON-LD objects and ``<meta>`` tags.

These are plain lookups with no guessing; :mod:`glimpse.extract.metadata` decides what to trust.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

_ARTICLE_TYPES = ("article", "posting", "report", "blog")


def jsonld_objects(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, flattened out of ``@graph`` and lists."""
    found: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script[@type]"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text_content() or "") or "null", strict=False)
        except (ValueError, RecursionError):
            continue
        found.extend(_flatten(data))
    return found


# XHTML-era pages wrap script text in a CDATA section, often behind a JS comment
# ("//<![CDATA[ … //]]>"); JSON does not allow either.
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph"), depth + 1)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten(main, depth + 1)


def types_of(obj: dict[str, Any]) -> list[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.lower() for k in kinds if isinstance(k, str)]


def article_objects(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The JSON-LD objects that describe an article (NewsArticle, BlogPosting, Report…)."""
    return [o for o in objects if any(t.endswith(_ARTICLE_TYPES) for t in types_of(o))]


def names(value: Any) -> list[str]:
    """Names out of a schema.org value: a string, a Person/Organization, or a list of them."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return names(name) if name is not None else []
    if isinstance(value, list):
        return [n for item in value for n in names(item)]
    return []


def meta_tags(tree: lxml_html.HtmlElement) -> dict[str, list[str]]:
    """``<meta>`` values by lower-cased ``property``/``name``/``itemprop`` key, in page order
    (an RDFa ``property`` may name several keys, separated by spaces: ``"dc:creator
    twitter:creator"``)."""
    tags: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            for key in (meta.get(attr) or "").lower().split():
                tags.setdefault(key, []).append(content.strip())
    return tags


def first(tags: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        values = tags.get(key)
        if values:
            return values[0]
    return None


def text_of(node: lxml_html.HtmlElement) -> str:
    """The text of ``node`` and its descendants, whitespace collapsed."""
    return " ".join((node.text_content() or "").split())
