"""URLs of every page: for the server (``/stories/<id>``) and the static site
(``stories/<id>.html``).

Templates build every link through a :class:`Links`, so the same template renders both. Tags and
outlets appear in URLs as slugs (:func:`slugify`); a slug shared by two names shows the bigger one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode

from glimpse.models import content_id

_NON_WORD = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slugify(name: str) -> str:
    """``"Putin-Kim summit"`` → ``"putin-kim-summit"``; a name with no ASCII letters gets a hash."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", ascii_name.lower()).strip("-")[:60].strip("-")
    return slug or content_id(name)[:10]


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]*")  # what quote(..., safe="-_") leaves as it is


def safe_id(story_id: str) -> str:
    """A story id as a URL path segment and a file name."""
    if _UNQUOTED.fullmatch(story_id):  # every glimpse id: no quote() call for each link
        return story_id
    return quote(story_id, safe="-_")


@dataclass(frozen=True, slots=True)
class Links:
    """Every URL a page links to; ``static`` pages use relative ``.html`` paths from ``root``."""

    root: str = "/"
    static: bool = False

    def at_depth(self, depth: int) -> Links:
        """The same links as seen from a static page ``depth`` folders below the site root."""
        return Links("../" * depth or "./", self.static) if self.static else self

    def page(self, base: str, page: int, ext: str, query: dict[str, str] | None = None) -> str:
        if self.static:
            name = base if page <= 1 else f"{base}.p{page}"
            return f"{self.root}{name}{ext}"
        params = dict(query or {})
        if page > 1:
            params["page"] = str(page)
        path = f"{self.root}{base}{ext}" if base != "index" else self.root
        return f"{path}?{urlencode(params)}" if params else path

    def home(self, page: int = 1, **query: str) -> str:
        return self.page("index", page, ".html" if self.static else "", query)

    def story(self, story_id: str) -> str:
        return f"{self.root}stories/{safe_id(story_id)}{'.html' if self.static else ''}"

    def story_json(self, story_id: str) -> str:
        return f"{self.root}stories/{safe_id(story_id)}.json"

    def tag(self, slug: str, page: int = 1) -> str:
        return self.page(f"tags/{slug}", page, ".html" if self.static else "")

    def outlet(self, slug: str, page: int = 1) -> str:
        return self.page(f"outlets/{slug}", page, ".html" if self.static else "")

    def section(self, slug: str) -> str:
        """A front-page section's own page (``sections/<slug>``)."""
        return self.page(f"sections/{slug}", 1, ".html" if self.static else "")

    def index(self, kind: str) -> str:
        """The page listing every tag (``kind="tags"``) or outlet (``"outlets"``)."""
        return f"{self.root}{kind}{'.html' if self.static else ''}"

    def thread_json(self, story_id: str) -> str:
        return f"{self.root}stories/{safe_id(story_id)}/thread.json"

    def asset(self, name: str) -> str:
        return f"{self.root}static/{name}"

    def feed(self, base: str = "", kind: str = "atom", **query: str) -> str:
        """``base``: ``""`` (front page), ``tags/<slug>`` or ``search``; ``kind``: atom or json."""
        if base == "":
            name = "feed.atom" if kind == "atom" else "feed.json"
        else:
            name = f"{base}.{'atom' if kind == 'atom' else 'feed.json'}"
        url = f"{self.root}{name}"
        return f"{url}?{urlencode(query)}" if query and not self.static else url
