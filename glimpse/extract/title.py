"""The article's title: the page's headline fields in order of trust, with the site's part cut.

(1) JSON-LD headline, (2) og/twitter title, (3) the only ``<h1>``, (4) ``<title>``, (5) the
first ``<h1>``; a URL slug is never a title, a candidate that is only the site's name or a
section label is passed over, and "Title | Site" loses its site part in any language
(:func:`glimpse.headline.is_site_title`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

from glimpse.extract.structured import first, text_of
from glimpse.headline import is_site_title


def read_title(
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
        text = text_of(h1)
        if len(links) != 1 or not text or text_of(links[0]) != text:
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
    page_title = text_of(node) if node is not None else ""
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
    h1s = [t for t in (text_of(h) for h in tree.iterfind(".//h1")) if t]
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


def page_headlines(
    tree: lxml_html.HtmlElement, articles: list[dict[str, Any]], tags: dict[str, list[str]]
) -> list[str]:
    """Every headline the page states as is (JSON-LD, og/twitter titles, ``<title>``): never
    taken for the outlet's name (:func:`glimpse.extract.outlet.read_outlet`)."""
    found = [h for o in articles for h in [o.get("headline")] if isinstance(h, str)]
    found += tags.get("og:title", []) + tags.get("twitter:title", [])
    node = tree.find(".//title")
    return found + ([text_of(node)] if node is not None else [])


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", html.unescape(text).lower()))
