"""A local news wire for the demo and the end-to-end tests: per-outlet RSS feeds and article
pages, served from the bundled corpus on 127.0.0.1.

Pages carry what real news pages carry (Open Graph, JSON-LD NewsArticle, a byline, navigation,
a related-articles box and a footer) so extraction is exercised, not bypassed. Feeds answer
conditional requests (ETag / Last-Modified) with 304.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

OUTLET_NAMES = {
    "www.nytimes.com": "The New York Times",
    "www.npr.org": "NPR",
    "www.thesun.co.uk": "The Sun",
    "edition.cnn.com": "CNN",
    "money.cnn.com": "CNN Money",
    "www.dailymail.co.uk": "Daily Mail",
    "www.washingtonpost.com": "The Washington Post",
    "www.usatoday.com": "USA Today",
    "www.chinadaily.com.cn": "China Daily",
    "usa.chinadaily.com.cn": "China Daily USA",
    "www.huffingtonpost.com": "HuffPost",
    "www.huffingtonpost.ca": "HuffPost Canada",
    "www.standard.co.uk": "Evening Standard",
    "www.express.co.uk": "Daily Express",
    "www.independent.co.uk": "The Independent",
    "www.eonline.com": "E! Online",
    "www.nydailynews.com": "New York Daily News",
    "www.mirror.co.uk": "The Mirror",
    "www.bloomberg.com": "Bloomberg",
    "www.wsj.com": "The Wall Street Journal",
    "uk.reuters.com": "Reuters UK",
    "www.fool.com": "The Motley Fool",
    "www.cbsnews.com": "CBS News",
}


@dataclass(frozen=True, slots=True)
class WireArticle:
    slug: str
    outlet_slug: str
    outlet: str
    title: str
    description: str
    paragraphs: tuple[str, ...]
    published: datetime
    original_url: str


def outlet_slug(domain: str) -> str:
    return domain.removeprefix("www.").replace(".", "-")


def load_corpus(path: Path | None = None) -> list[WireArticle]:
    """The bundled corpus (or a JSON Lines file of the same shape)."""
    if path is None:
        text = (resources.files("glimpse.demo") / "corpus" / "articles.jsonl").read_text("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return [_wire_article(json.loads(line)) for line in text.splitlines() if line.strip()]


def _wire_article(row: dict[str, Any]) -> WireArticle:
    domain = row["source_domain"]
    paragraphs = tuple(p.strip() for p in row["text"].split("\n") if len(p.split()) > 3)
    published = datetime.fromisoformat(row["date_publish"]).replace(tzinfo=UTC)
    return WireArticle(
        slug=row["doc_id"][:16],
        outlet_slug=outlet_slug(domain),
        outlet=OUTLET_NAMES.get(domain, domain),
        title=row["title"],
        description=row.get("description") or "",
        paragraphs=paragraphs,
        published=published,
        original_url=row["url"],
    )


@functools.cache
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("glimpse.demo", "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
    )
    env.filters["rfc2822"] = lambda d: format_datetime(d, usegmt=True)
    return env


def article_page(a: WireArticle, base: str) -> str:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": a.published.isoformat(),
        "publisher": {"@type": "Organization", "name": a.outlet},
        "isAccessibleForFree": True,
    }
    return _templates().get_template("article.html").render(a=a, base=base, ld=ld)


def rss_feed(outlet: str, slug: str, items: Iterable[WireArticle], base: str) -> str:
    template = _templates().get_template("rss.xml")
    return template.render(outlet=outlet, slug=slug, items=list(items), base=base)


class Wire:
    """The corpus arranged by outlet; ``feed_urls(base)`` lists one RSS feed per outlet."""

    def __init__(self, articles: list[WireArticle]) -> None:
        self.articles = {(a.outlet_slug, a.slug): a for a in articles}
        self.outlets: dict[str, list[WireArticle]] = {}
        for a in sorted(articles, key=lambda x: x.published):
            self.outlets.setdefault(a.outlet_slug, []).append(a)

    def feed_urls(self, base: str) -> list[str]:
        return [f"{base}/{slug}/rss.xml" for slug in sorted(self.outlets)]

    def respond(self, path: str, base: str) -> tuple[int, str, str] | None:
        parts = [p for p in urlsplit(path).path.split("/") if p]
        if len(parts) == 2 and parts[1] == "rss.xml" and parts[0] in self.outlets:
            items = self.outlets[parts[0]]
            feed = rss_feed(items[0].outlet, parts[0], items, base)
            return 200, "application/rss+xml; charset=utf-8", feed
        if len(parts) == 2 and parts[1].endswith(".html"):
            article = self.articles.get((parts[0], parts[1].removesuffix(".html")))
            if article:
                return 200, "text/html; charset=utf-8", article_page(article, base)
        if parts == ["robots.txt"]:
            return 200, "text/plain", "User-agent: *\nDisallow: /private/\n"
        return None


def _handler(wire: Wire) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://{self.headers.get('Host', '127.0.0.1')}"
            found = wire.respond(self.path, base)
            if found is None:
                self.send_error(404, "not found")
                return
            status, ctype, text = found
            data = text.encode("utf-8")
            etag = f'"{hashlib.sha1(data).hexdigest()[:16]}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


class WireServer:
    """The demo wire on 127.0.0.1 in a background thread. Use as a context manager."""

    def __init__(self, articles: list[WireArticle] | None = None, port: int = 0) -> None:
        self.wire = Wire(articles if articles is not None else load_corpus())
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), _handler(self.wire))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def feed_urls(self) -> list[str]:
        return self.wire.feed_urls(self.base)

    def __enter__(self) -> WireServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
