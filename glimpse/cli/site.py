"""Commands that present the desk: publish, serve, demo."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from glimpse.cli.common import (
    DB_OPTION,
    config,
    err,
    existing_db,
    fail,
    out,
    print_report,
    status,
)
from glimpse.errors import GlimpseError
from glimpse.models import RunReport

if TYPE_CHECKING:
    from glimpse.store import StoryRow


NO_BASE_URL = (
    "warning: no --base-url: feed links are relative to each feed file, so a reader that"
    " copies a feed elsewhere cannot follow them"
)


def publish(
    out_dir: Path = typer.Argument(..., help="Folder to write the static site into."),
    db: Path | None = DB_OPTION,
    base_url: str = typer.Option(
        "", "--base-url", help="Absolute URL the site will live at (for feeds)."
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help="Publish into a folder that holds other files too: the site's files are written"
        " among them and the other files are left alone.",
    ),
) -> None:
    """Write the static site: index, a page per story, tag and outlet, feed.atom and feed.json.

    The folder gets a manifest (.glimpse-site.json) of the files glimpse wrote; a folder holding
    anything else is refused [G017] unless --force.

    Example: glimpse publish ./site --db desk.db --base-url https://news.example.org
    """
    from glimpse.publish import publish_site
    from glimpse.store import Store

    with Store(existing_db(db)) as store, status("publishing"):
        result = publish_site(
            store, out_dir, base_url=base_url, force=force, desk=config().options("desk")
        )
    if not base_url:  # after publishing: a refused publish prints its one error line only
        err.print(NO_BASE_URL, markup=False, soft_wrap=True)
    err.print(f"published {result.stories} stories, {result.pages} pages to {result.out_dir}")


def serve(
    db: Path | None = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    cache_mb: float = typer.Option(
        32.0,
        "--cache-mb",
        min=0,
        help="Memory for cached pages, in MiB, per worker (0: no cache).",
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help="Server processes answering on the port (one page at a time each; up to one per"
        " core). Each keeps its own page cache.",
    ),
) -> None:
    """Serve the web UI and the JSON API.

    Example: glimpse serve --db desk.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    from glimpse.serve import serve as run_server
    from glimpse.store import Store

    path = existing_db(db)
    try:  # fail now, in one line, rather than answer 500 to every request
        Store(path).close()
    except GlimpseError as exc:
        raise fail(exc) from exc
    run_server(
        path,
        host=host,
        port=port,
        desk=config().options("desk"),
        cache_mb=cache_mb,
        workers=workers,
    )


def demo(
    db: Path = typer.Option(
        Path("glimpse-demo.db"), "--db", help="Database the demo writes (replaced)."
    ),
    site: Path = typer.Option(Path("glimpse-site"), "--site", help="Where the static site goes."),
    keep_serving: bool = typer.Option(False, "--serve", help="Serve the web UI when done."),
    port: int = typer.Option(8000, "--port", help="Port for --serve."),
) -> None:
    """The whole pipeline on the bundled corpus: a local news wire of per-outlet RSS feeds on
    127.0.0.1 is ingested over HTTP, clustered, briefed and published. Source links point at
    the articles' original addresses (the wire's pages name them as canonical); with --serve
    the wire keeps running while the web UI is served.

    Example: glimpse demo --serve
    """
    from glimpse.cli.desk import run_build, run_ingest
    from glimpse.demo.server import WireServer
    from glimpse.ingest import FetchOptions
    from glimpse.publish import publish_site
    from glimpse.store import Store

    started = time.monotonic()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    report = RunReport()
    desk = config().options("desk")
    with WireServer() as wire:
        feeds = wire.feed_urls()
        err.print(f"demo wire: {len(feeds)} outlet feeds at {wire.base}")
        # The wire is our own server on loopback: no politeness delay is needed.
        run_ingest(db, feeds, report, fetch_options=FetchOptions(min_interval=0.0))
        run_build(db, report)
        with Store(db) as store, status("publishing the site"):
            result = publish_site(store, site, desk=desk)
            rows = store.list_stories(limit=100)
        print_report(report, "glimpse demo")
        _story_table(rows)
        took = time.monotonic() - started
        out.print(
            f"\n{len(rows)} stories from {report.counts.get('stored', 0)} articles in {took:.1f}s"
        )
        out.print(f"static site: {result.out_dir.resolve()}/index.html")
        out.print(f"database:    {db.resolve()}   (glimpse serve --db {db})")
        if keep_serving:  # inside the `with`: the wire stays up while the desk is served
            from glimpse.serve import serve as run_server

            out.print(f"serving on http://127.0.0.1:{port}/ (wire at {wire.base}) — Ctrl-C to stop")
            run_server(db, port=port, desk=desk)


def _story_table(rows: list[StoryRow]) -> None:
    table = Table(title="Stories", show_lines=False)
    table.add_column("story")
    table.add_column("headline")
    table.add_column("outlets", justify="right")
    table.add_column("tags")
    for row in rows:
        table.add_row(row.story, row.headline, str(row.outlets), " · ".join(row.tags[:4]))
    out.print(table)
