"""The ``glimpse`` command: thin typer commands over the library functions."""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from pathlib import Path

import typer

from glimpse import __version__
from glimpse.cli import backfill, desk, editions, records, site, sources
from glimpse.cli.common import STATE
from glimpse.cli.verify import verify
from glimpse.config import Config
from glimpse.errors import GlimpseError, WriteFailed

app = typer.Typer(
    name="glimpse",
    help="News desk engine: articles from feeds, pages and files in; grounded story briefs out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"glimpse {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    config: Path | None = typer.Option(
        None, "--config", help="A glimpse.toml (default: ./glimpse.toml)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No run report tables."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what each stage does."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True),
) -> None:
    """glimpse: stories, not 400 overlapping articles."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(name)s: %(message)s"
    )
    STATE["quiet"] = quiet
    STATE["config"] = Config.load(config) if config else None


COMMANDS: tuple[Callable[..., None], ...] = (
    records.extract,
    records.tag,
    records.cluster,
    records.brief,
    desk.ingest,
    desk.build,
    desk.stories,
    desk.show,
    desk.watch,
    editions.digest,
    backfill.backfill,
    site.publish,
    site.serve,
    site.demo,
    verify,
)
for command in COMMANDS:
    app.command()(command)
app.add_typer(sources.app)


# OS errors that mean "the disk or the file system refused a write".
_WRITE_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT}


def main() -> None:
    """Entry point: every GlimpseError that escapes a command becomes one line and exit 1;
    so does an OS error that refused a write (G019), instead of a traceback."""
    try:
        app()
    except GlimpseError as exc:
        typer.echo(exc.line(), err=True)
        raise SystemExit(1) from exc
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            raise
        reason = f"cannot write ({(exc.strerror or str(exc)).lower()})"
        typer.echo(WriteFailed(reason, str(exc.filename or "")).line(), err=True)
        raise SystemExit(1) from exc
