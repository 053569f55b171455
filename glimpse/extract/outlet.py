"""The outlet (site) name of an article page: the name a desk prints beside the story.

Structured data first, but never a section's or a generic label ("U.S.", "Hosted", "World")
that some pages put in ``og:site_name``, and never a headline. Order:

1. a publication hosted on a platform: the article's JSON-LD publisher whose own URL is a
   path of the page's host that the page lies under ("Voodoo Engineering" at
   medium.com/voodoo-engineering, where ``og:site_name`` is the platform, "Medium");
2. ``og:site_name`` (or ``application-name``);
3. the article's JSON-LD publisher;
4. a JSON-LD ``WebSite``/``NewsMediaOrganization`` name;
5. the known name of the page's registrable domain (:data:`KNOWN_NAMES`);
6. the ``twitter:site`` handle when it spells the domain's name ("@Reuters" on reuters.com).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from courlan import extract_domain  # trafilatura's URL library (public-suffix aware)

from glimpse.extract.structured import first, names, types_of

_SOURCE_WORDS = 8
_WORD = re.compile(r"\w+")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—·»/~]|::?|-{1,2})\s+")
_DOMAIN = re.compile(r"(?:www\.)?[^\W_][\w-]*\.[a-z]{2,6}", re.I)

# Words of section names and generic labels: a name made only of these is not an outlet
# ("U.S.", "World News", "Hosted", "Home"), unless it spells the domain ("News" on news.com).
_LABELS = """u s us uk eu world news home homepage hosted politics business sport sports tech
    technology science health markets money economy entertainment opinion opinions local
    national international lifestyle travel culture arts blog blogs article articles section
    edition latest top stories breaking video videos main index default front page live the
    and of"""
_LABEL_WORDS = frozenset(_LABELS.split())

# Outlets whose pages are often served under partner or section hosts, by registrable domain.
# Hand-written: no maintained library maps a domain to the name its outlet prints; a page of
# these domains whose own markup names no outlet (or only a label) still gets its name.
KNOWN_NAMES = {
    "ap.org": "Associated Press",
    "apnews.com": "Associated Press",
    "reuters.com": "Reuters",
    "afp.com": "AFP",
    "bloomberg.com": "Bloomberg",
    "upi.com": "UPI",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian",
    "cnn.com": "CNN",
    "msn.com": "MSN",
}


def read_outlet(
    objects: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    tags: dict[str, list[str]],
    headlines: list[str],
    url: str | None,
) -> str | None:
    """The outlet's name (see the module's order), or None when the page names none."""
    domain = _domain(url)
    taken = {_key(h) for h in headlines}
    for candidate in _candidates(objects, articles, tags, url, domain):
        name = clean_source(candidate) if candidate else ""
        if (
            name
            and _key(name) not in taken
            and len(name.split()) <= _SOURCE_WORDS
            and not is_label(name, domain)
        ):
            return name
    return None


def _candidates(
    objects: list[dict[str, Any]],
    articles: list[dict[str, Any]],
    tags: dict[str, list[str]],
    url: str | None,
    domain: str,
) -> Iterator[str | None]:
    yield from (_hosted_publication(obj, url) for obj in articles)
    yield first(tags, "og:site_name", "application-name")
    yield from (n for obj in articles for n in names(obj.get("publisher")))
    kinds = {"website", "newsmediaorganization"}
    yield from (n for o in objects if set(types_of(o)) & kinds for n in names(o))
    yield KNOWN_NAMES.get(domain)
    handle = (first(tags, "twitter:site") or "").strip().lstrip("@")
    if handle and domain and _squash(handle) == _squash(domain.split(".")[0]):
        yield spaced_handle(handle)


def spaced_handle(handle: str) -> str:
    """A handle's words as a name is printed: "CBSNews" -> "CBS News", "TheAtlantic" -> "The
    Atlantic"; one word ("comwrap", "Reuters") stays as it is."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", handle)


def _hosted_publication(article: dict[str, Any], url: str | None) -> str | None:
    """The publisher's name when its URL is a path on the page's own host that the page's
    URL lies under (a publication on a blogging platform)."""
    publisher = article.get("publisher")
    page = url or _string(article.get("url"))
    if not isinstance(publisher, dict) or not page:
        return None
    home = urlsplit(_string(publisher.get("url")) or "")
    here = urlsplit(page)
    path = home.path.rstrip("/")
    if not path or home.hostname != here.hostname or not here.path.startswith(path + "/"):
        return None
    found = names(publisher)
    return found[0] if found else None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def is_label(name: str, domain: str = "") -> bool:
    """Whether ``name`` is only a section's name or a generic label ("U.S.", "Hosted"),
    not an outlet: all its words are label words and it does not spell the domain's name."""
    words = _WORD.findall(name.lower())
    if not words or not all(w in _LABEL_WORDS for w in words):
        return False
    return not domain or _squash(name) != _squash(domain.split(".")[0])


def _domain(url: str | None) -> str:
    if not url:
        return ""
    return (extract_domain(url) or "").lower()


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def _key(text: str) -> str:
    return " ".join(_WORD.findall(html.unescape(text).lower()))


def clean_source(name: str) -> str:
    """ "The Post | Post.com" → "The Post"; "@politifact" → "politifact"."""
    name = " ".join(html.unescape(name).split())
    name = name.split(" | ")[0].strip().lstrip("@")
    # "Aktuálně.cz - Víte, co se právě děje": a domain name before a tagline
    parts = _TITLE_SEPARATORS.split(name, maxsplit=1)
    return parts[0] if len(parts) > 1 and _DOMAIN.fullmatch(parts[0]) else name
