"""Commands that present the desk: publish, serve, demo."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from glimpse.cli.common import DB_OPTION, db_path, err, out, print_report, status
from glimpse.models import RunReport

if TYPE_CHECKING:
    from glimpse.store import StoryRow


def publish(
    out_dir: Path = typer.Argument(..., help="Folder to write the static site into."),
    db: Path | None = DB_OPTION,
    base_url: str = typer.Option(
        "", "--base-url", help="Absolute URL the site will live at (for feeds)."
    ),
) -> None:
    """Write the static site: index, a page per story, tag and outlet, feed.atom and feed.json.

    Example: glimpse publish ./site --db desk.db --base-url https://news.example.org
    """
    from glimpse.publish import publish_site
    from glimpse.store import Store

    with Store(db_path(db)) as store, status("publishing"):
        result = publish_site(store, out_dir, base_url=base_url)
    err.print(f"published {result.stories} stories, {result.pages} pages to {result.out_dir}")


def serve(
    db: Path | None = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    cache_mb: float = typer.Option(
        32.0, "--cache-mb", min=0, help="Memory for cached pages, in MiB (0: no cache)."
    ),
) -> None:
    """Serve the web UI and the JSON API.

    Example: glimpse serve --db desk.db --port 8000   (then open http://127.0.0.1:8000/)
    """
    from glimpse.serve import serve as run_server

    run_server(db_path(db), host=host, port=port, cache_mb=cache_mb)


def demo(
    db: Path = typer.Option(
        Path("glimpse-demo.db"), "--db", help="Database the demo writes (replaced)."
    ),
    site: Path = typer.Option(Path("glimpse-site"), "--site", help="Where the static site goes."),
    keep_serving: bool = typer.Option(False, "--serve", help="Serve the web UI when done."),
    port: int = typer.Option(8000, "--port", help="Port for --serve."),
) -> None:
    """The whole pipeline on the bundled corpus: a local news wire of per-outlet RSS feeds on
    127.0.0.1 is ingested over HTTP, clustered, briefed and published.

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
    with WireServer() as wire:
        feeds = wire.feed_urls()
        err.print(f"demo wire: {len(feeds)} outlet feeds at {wire.base}")
        # The wire is our own server on loopback: no politeness delay is needed.
        run_ingest(db, feeds, report, fetch_options=FetchOptions(min_interval=0.0))
    run_build(db, report)
    with Store(db) as store, status("publishing the site"):
        result = publish_site(store, site)
        rows = store.list_stories(limit=100)
    print_report(report, "glimpse demo")
    _story_table(rows)
    took = time.monotonic() - started
    out.print(
        f"\n{len(rows)} stories from {report.counts.get('stored', 0)} articles in {took:.1f}s"
    )
    out.print(f"static site: {result.out_dir.resolve()}/index.html")
    out.print(f"database:    {db.resolve()}   (glimpse serve --db {db})")
    if keep_serving:
        from glimpse.serve import serve as run_server

        out.print(f"serving on http://127.0.0.1:{port}/ — Ctrl-C to stop")
        run_server(db, port=port)


def _story_table(rows: list[StoryRow]) -> None:
    table = Table(title="Stories", show_lines=False)
    table.add_column("story")
    table.add_column("headline")
    table.add_column("outlets", justify="right")
    table.add_column("tags")
    for row in rows:
        table.add_row(row.story, row.headline, str(row.outlets), " · ".join(row.tags[:4]))
    out.print(table)
