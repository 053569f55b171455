"""Real-shaped feeds for bench/ingest.py, served on 127.0.0.1, and the servers that fail.

The feeds are written here, from the article-extraction benchmark's pages and their
ground-truth texts (so full-text items carry real reporting), in the shapes that broke glimpse
in the wild (issue 15): a UTF-8 byte-order mark, an XML comment and processing instructions
before the root, a UTF-16 Atom feed, full-text items, items without links (``urn:uuid`` ids),
a JSON Feed, links to a port that refuses and to a host that accepts and never answers.
"""

from __future__ import annotations

import codecs
import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from bench._report import DATA

BENCH = DATA / "article-extraction-benchmark"


@dataclass(frozen=True)
class Story:
    """One benchmark page: its key (file name), title line and ground-truth text."""

    key: str
    title: str
    text: str


def stories() -> list[Story]:
    truth = json.loads((BENCH / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for key, row in sorted(truth.items()):
        text = " ".join(str(row.get("articleBody") or "").split())
        if len(text.split()) >= 120 and (BENCH / "html" / f"{key}.html").exists():
            out.append(Story(key, " ".join(text.split()[:9]), text))
    return out


@dataclass(frozen=True)
class FeedFile:
    """A feed as served: path, bytes, Content-Type."""

    path: str
    body: bytes
    ctype: str


def _words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def _rss_item(s: Story, link: str | None, text: str, guid: str) -> str:
    link_xml = f"<link>{escape(link)}</link>" if link else ""
    return (
        f"<item><title>{escape(s.title)}</title>{link_xml}"
        f"<guid isPermaLink='false'>{escape(guid)}</guid>"
        "<pubDate>Tue, 01 Dec 2026 09:00:00 GMT</pubDate><dc:creator>Desk Reporter</dc:creator>"
        "<category>News</category>"
        f"<description><![CDATA[<p>{escape(text)}</p>]]></description></item>"
    )


def _rss(title: str, items: list[str], prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


def feed_files(
    pick: Callable[[int], list[Story]], page: str, gone: str, refused: str, silent: str
) -> list[FeedFile]:
    """The bench feeds; ``page``/``gone``/``refused``/``silent`` are link prefixes to a served
    page, a 404, a port that refuses and a socket that never answers."""
    full = [
        f"<item><title>{escape(s.title)}</title><link>{page}{s.key}.html</link>"
        f"<guid>{page}{s.key}.html</guid><content:encoded><![CDATA[<p>{escape(s.text)}</p>]]>"
        "</content:encoded></item>"
        for s in pick(8)
    ]
    bom = codecs.BOM_UTF8 + _rss("BOM Wire", full).replace(
        "<rss ", '<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" ', 1
    ).encode("utf-8")
    prolog = (
        "\n<!-- generator: a CMS that writes a comment first -->\n"
        '<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>\n'
    )
    commented = [
        _rss_item(s, f"{gone}{i}.html", s.text, f"c{i}") for i, s in enumerate(pick(8))
    ] + [
        _rss_item(s, f"{gone}t{i}.html", _words(s.text, 20), f"t{i}")  # teasers: under 50
        for i, s in enumerate(pick(2))
    ]
    atom_entries = "".join(
        f"<entry><title>{escape(s.title)}</title><id>urn:uuid:00000000-0000-4000-8000-{i:012d}"
        f"</id><link href='urn:uuid:00000000-0000-4000-8000-{i:012d}'/>"
        f"<updated>2026-12-01T09:00:00Z</updated><author><name>Atom Writer</name></author>"
        f"<content type='html'>{escape('<p>' + escape(s.text) + '</p>')}</content></entry>"
        for i, s in enumerate(pick(6))
    )
    atom = (
        '<?xml version="1.0" encoding="utf-16"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>UTF-16 Atom</title>{atom_entries}</feed>'
    )
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON Wire",
        "items": [
            {"id": f"j{i}", "title": s.title, "content_text": s.text, "tags": ["World"]}
            for i, s in enumerate(pick(6))
        ],
    }
    refusing = [_rss_item(s, f"{refused}{i}", s.text, f"r{i}") for i, s in enumerate(pick(6))]
    never = [_rss_item(s, f"{silent}{i}", s.text, f"n{i}") for i, s in enumerate(pick(25))]
    return [
        FeedFile("/bom.xml", bom, "application/rss+xml"),
        FeedFile("/comment.xml", _rss("Commented Wire", commented, prolog).encode(), "text/xml"),
        FeedFile("/utf16.atom", codecs.BOM_UTF16_LE + atom.encode("utf-16-le"), "text/html"),
        FeedFile("/items.json", json.dumps(json_feed).encode(), "application/json"),
        FeedFile("/refused.xml", _rss("Refused Wire", refusing).encode(), "application/xml"),
        FeedFile("/silent.xml", _rss("Silent Wire", never).encode(), "application/rss+xml"),
    ]


class _Handler(BaseHTTPRequestHandler):
    files: ClassVar[dict[str, tuple[bytes, str]]] = {}

    def do_GET(self) -> None:
        found = self.files.get(self.path)
        if found is None and self.path.startswith("/page/"):
            html = BENCH / "html" / self.path.removeprefix("/page/")
            found = (html.read_bytes(), "text/html; charset=utf-8") if html.is_file() else None
        if found is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", found[1])
        self.send_header("Content-Length", str(len(found[0])))
        self.end_headers()
        self.wfile.write(found[0])

    def log_message(self, *_args: object) -> None:
        pass


@contextmanager
def servers() -> Iterator[tuple[str, str, str]]:
    """(feed server base URL, refusing base URL, silent base URL) on 127.0.0.1."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))  # bound, never listening: connections are refused
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def hold() -> None:  # accepts every connection and never sends a byte
        silent.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(silent.accept()[0])
            except OSError:
                continue

    threading.Thread(target=hold, daemon=True).start()
    try:
        yield (
            f"http://127.0.0.1:{httpd.server_address[1]}",
            f"http://127.0.0.1:{closed.getsockname()[1]}/story/",
            f"http://127.0.0.1:{silent.getsockname()[1]}/story/",
        )
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        for sock in [closed, silent, *held]:
            sock.close()


def serve_files(files: list[FeedFile]) -> None:
    _Handler.files = {f.path: (f.body, f.ctype) for f in files}


def write_files(files: list[FeedFile], folder: Path) -> None:
    """The feeds as files too (for a look at what was served)."""
    for f in files:
        (folder / f.path.lstrip("/")).write_bytes(f.body)
