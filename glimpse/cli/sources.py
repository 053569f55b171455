"""``glimpse sources``: the feed list kept in the database, read by ``ingest`` and ``watch``
when they are given no source."""

from __future__ import annotations

import importlib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import typer

from glimpse.clean_text import terminal_safe
from glimpse.cli.common import (
    DB_OPTION,
    JSON_OPTION,
    db_path,
    emit,
    error_line,
    existing_db,
    fail,
    out,
)
from glimpse.errors import AddressRefused, InputNotFound, SkipRecord
from glimpse.ingest.sources import is_url

app = typer.Typer(
    name="sources",
    help="The feed list in the database: add, list, remove, export.\n\n"
    "Example: glimpse sources add https://example.org/rss.xml --db desk.db",
    no_args_is_help=True,
)


def _xml_parser() -> Any:
    """defusedxml when installed (no entity expansion, no external entities), else the
    standard library, which already refuses external entities."""
    try:
        return importlib.import_module("defusedxml.ElementTree")
    except ImportError:
        return ET


def read_opml(path: Path) -> list[tuple[str, str | None]]:
    """(xmlUrl, title) of every outline with an ``xmlUrl``, nested ones included, in order."""
    try:
        root = _xml_parser().fromstring(path.read_bytes())
    except OSError as exc:
        raise InputNotFound(f"cannot read file ({exc.strerror})", str(path)) from exc
    except Exception as exc:  # ParseError, or defusedxml's refusals of entities
        raise SkipRecord(f"not an OPML document ({exc})", str(path)) from exc
    found: list[tuple[str, str | None]] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url:
            found.append((url, outline.get("title") or outline.get("text") or None))
    return found


def to_opml(feeds: list[tuple[str, str | None]]) -> str:
    """An OPML 2.0 document listing ``(url, title)`` feeds."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = "glimpse feeds"
    body = ET.SubElement(root, "body")
    for url, title in feeds:
        name = title or url
        ET.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


@app.command("add")
def add(
    source: str = typer.Argument(..., help="A feed URL (http or https) or an OPML file."),
    db: Path | None = DB_OPTION,
) -> None:
    """Add a feed URL, or every feed of an OPML file, to the list.

    Example: glimpse sources add subscriptions.opml --db desk.db
    """
    from glimpse.store import Store

    if is_url(source):
        feeds: list[tuple[str, str | None]] = [(source, None)]
    elif source.lower().endswith((".opml", ".xml")):
        try:
            feeds = read_opml(Path(source))
        except SkipRecord as exc:
            raise fail(exc) from exc
    else:
        raise fail(AddressRefused("only http(s) feed URLs or an OPML file can be added", source))
    refused = [url for url, _ in feeds if not is_url(url)]
    for url in refused:
        error_line(url, "not an http(s) URL; not added", AddressRefused.code)
    with Store(db_path(db)) as store:
        added = sum(store.add_feed(url, title) for url, title in feeds if is_url(url))
    out.print(f"{added} added, {len(feeds) - len(refused) - added} already listed", markup=False)
    if refused:
        raise typer.Exit(1)


@app.command("list")
def list_(db: Path | None = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
    """List the feeds with their last fetch.

    Example: glimpse sources list --json
    """
    from glimpse.store import Store

    with Store(existing_db(db)) as store:
        rows = store.listed_feeds()
    for row in rows:
        if as_json:
            emit(
                {
                    "url": row.url,
                    "title": row.title,
                    "last_fetch": row.last_fetch,
                    "last_status": row.last_status,
                    "etag": row.etag,
                    "last_modified": row.last_modified,
                    "items_seen": row.items_seen,
                    "failures": row.failures,
                }
            )
        else:
            line = f"{row.url}  {row.title or ''}  {row.last_status or 'never fetched'}"
            out.print(terminal_safe(line), markup=False, highlight=False)


@app.command("remove")
def remove(
    url: str = typer.Argument(..., help="A listed feed URL."),
    db: Path | None = DB_OPTION,
) -> None:
    """Take a feed off the list.

    Example: glimpse sources remove https://example.org/rss.xml
    """
    from glimpse.store import Store

    with Store(existing_db(db)) as store:
        removed = store.remove_feed(url)
    if not removed:
        raise fail(InputNotFound("not in the feed list", url))


@app.command("export")
def export(
    opml: bool = typer.Option(True, "--opml", help="OPML 2.0 (the only format)."),
    db: Path | None = DB_OPTION,
) -> None:
    """Print the list as OPML 2.0 on stdout.

    Example: glimpse sources export --opml > subscriptions.opml
    """
    from glimpse.store import Store

    del opml  # the only format; the flag names it
    with Store(existing_db(db)) as store:
        rows = store.listed_feeds()
    typer.echo(to_opml([(row.url, row.title) for row in rows]))


def stored_sources(db: Path) -> list[str]:
    """The listed feed URLs, for ``ingest`` and ``watch`` without a source (none when the
    database does not exist yet: it is not created for that)."""
    from glimpse.store import Store

    if not db.is_file():
        return []
    with Store(db) as store:
        return [row.url for row in store.listed_feeds()]
