"""Titles that only name the site, and the headline to use in their place.

Feeds and scraped pages often carry the site's name where the headline belongs ("ABC News",
"World news - RT International"): the page had no ``og:title`` and its ``<title>`` is the
site's. Such a title says nothing about the event, and matched as words it would pull
unrelated articles of one outlet together. Extraction from HTML skips such candidates when
the page has a better one (:mod:`glimpse.extract.title`). A title given as is (feeds,
JSON Lines) is stored as published, and only the features (clustering, the vector, the
MinHash) fall back to the URL slug, which usually still spells the headline
("/russian-space-experts-regain-control-1st-angola-satellite-52044233"), as news
aggregators do.

Written by hand: no extraction library exposes "is this title the site's name". A module of
its own, outside :mod:`glimpse.extract`, because extraction, enrich and clustering all use it
and clustering should not load the extractors (trafilatura) to read a title.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from glimpse.models import Article

_WORD = re.compile(r"[a-z0-9]+")
# Words of site and section names ("World news", "Latest headlines", "Home page").
_SITE_WORDS = frozenset(
    {
        "news",
        "world",
        "international",
        "home",
        "homepage",
        "page",
        "latest",
        "breaking",
        "headlines",
        "top",
        "stories",
        "online",
        "live",
        "today",
        "edition",
        "the",
        "and",
        "of",
        "com",
        "www",
        "official",
        "site",
        "website",
    }
)
_EXTENSION = re.compile(r"\.(s?html?|php|aspx?|jsp|cms)$")
_ID = re.compile(r"^(\d+|[0-9a-f]{8,}|[a-z]*\d[a-z\d]{5,})$")  # numbers, hashes, codes


def is_site_title(title: str, source: str | None, url: str | None = None) -> bool:
    """Whether ``title`` names only the outlet or a section of it: every word is a
    site-name word or part of the outlet's name (``source``) or of the URL's host."""
    words = _WORD.findall(title.lower())
    if not words:
        return False
    host = urlsplit(url).hostname if url else None
    outlet = "".join(_WORD.findall(f"{source or ''} {host or ''}".lower()))
    own = [w for w in words if w not in _SITE_WORDS]
    return all(len(w) > 1 and w in outlet for w in own) and (bool(own) or len(words) <= 3)


def slug_words(url: str | None, min_words: int = 3) -> str:
    """The words of the URL's last meaningful path segment, ids dropped ("" when fewer than
    ``min_words`` remain)."""
    if not url:
        return ""
    segments = [s for s in urlsplit(url).path.lower().split("/") if s]
    for segment in reversed(segments):
        words = [w for w in re.split(r"[-_+.]+", _EXTENSION.sub("", segment)) if w]
        words = [w for w in words if w.isalnum() and not _ID.match(w)]
        if len(words) >= min_words:
            return " ".join(words)
    return ""


def feature_title(article: Article) -> str:
    """The title clustering and the vector should read: the article's own, or, when that
    only names the site, the URL slug's words (or nothing)."""
    if not is_site_title(article.title, article.source, article.url):
        return article.title
    return slug_words(article.canonical_url) or slug_words(article.url)
