"""Shared CLI plumbing: JSON Lines output, error lines, progress bars, the run report."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from glimpse.clean_text import terminal_safe
from glimpse.config import Config
from glimpse.errors import GlimpseError, InputNotFound
from glimpse.models import RunReport

err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

STATE: dict[str, Any] = {"config": None, "quiet": False}


def _database(value: str) -> Path:
    from glimpse.store.dialect import database

    return database(value)


DB_OPTION = typer.Option(
    None,
    "--db",
    parser=_database,  # keeps a postgresql:// URL whole (a Path would fold its "//")
    help="SQLite database file, or a postgresql:// URL (default: $GLIMPSE_DB or ./glimpse.db).",
)
JSON_OPTION = typer.Option(False, "--json", help="Print JSON Lines on stdout and nothing else.")


def config() -> Config:
    if STATE["config"] is None:
        STATE["config"] = Config.load()
    cfg: Config = STATE["config"]
    return cfg


def emit(record: dict[str, Any]) -> None:
    """One JSON object per line on stdout, flushed: a pipe sees each record when it is done."""
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def error_line(subject: str, reason: str, code: str, kind: str = "error") -> None:
    """``error: <input>: <reason> [G0xx]`` on one line, whatever characters the input has."""
    where = f"{terminal_safe(subject)}: " if subject else ""
    line = f"{kind}: {where}{terminal_safe(reason)} [{code}]"
    err.print(line, markup=False, soft_wrap=True, highlight=False)


def fail(exc: GlimpseError) -> typer.Exit:
    """Print a command-level failure as one line and return the exit to raise."""
    err.print(exc.line(), markup=False, soft_wrap=True)
    return typer.Exit(1)


class LiveReport(RunReport):
    """A run report that prints each skipped (``error:``) or changed (``warning:``) record
    the moment it happens, so a long run shows its failures as they come."""

    def skip(self, stage: str, record: str, code: str, reason: str) -> None:
        RunReport.skip(self, stage, record, code, reason)
        error_line(record, f"{stage}: {reason}", code)

    def warn(self, stage: str, record: str, code: str, reason: str) -> None:
        RunReport.warn(self, stage, record, code, reason)
        error_line(record, f"{stage}: {reason}", code, "warning")


def report_skips(report: RunReport) -> None:
    """One line per record changed (``warning:``) or skipped (``error:``), unless each was
    printed when it happened (:class:`LiveReport`)."""
    if isinstance(report, LiveReport):
        return
    for warning in report.warnings:
        error_line(warning.record, f"{warning.stage}: {warning.reason}", warning.code, "warning")
    for skip in report.skips:
        error_line(skip.record, f"{skip.stage}: {skip.reason}", skip.code)


def print_report(report: RunReport, title: str) -> None:
    """The run report as a table on stderr (stdout stays clean for --json)."""
    if STATE["quiet"]:
        return
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in sorted(report.counts.items()):
        table.add_row(key, str(value))
    err.print(table)


@contextmanager
def progress(label: str, total: int | None = None) -> Iterator[Any]:
    """A rich progress bar on stderr; a no-op when stderr is not a terminal."""
    bar = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal or STATE["quiet"],
    )
    with bar:
        task = bar.add_task(label, total=total)

        def advance(_stage: str = "", n: int = 1) -> None:
            bar.advance(task, n)

        yield advance


@contextmanager
def status(label: str) -> Iterator[None]:
    """A spinner on stderr for one long step whose size is not known; silent off a terminal."""
    if not err.is_terminal or STATE["quiet"]:
        yield
        return
    with err.status(label):
        yield


def db_path(db: Path | None) -> Path:
    from glimpse.store import default_db_path

    return default_db_path(db)


def existing_db(db: Path | None) -> Path:
    """The database of a command that only reads: a missing file is an error (G001), never a
    new empty database created by the typo."""
    from glimpse.store.dialect import DatabaseUrl

    path = db_path(db)
    if isinstance(path, DatabaseUrl):  # a server database: opening it says if it is there
        return path
    if not path.is_file():
        what = "is not a database file" if path.exists() else "no such database"
        raise fail(InputNotFound(f"{what} (check --db, or run glimpse ingest first)", str(path)))
    return path


def exit_for(report: RunReport, produced: int) -> None:
    """Exit 1 when every input failed (something was skipped and nothing came out)."""
    report_skips(report)
    if produced == 0 and report.skips:
        raise typer.Exit(1)
