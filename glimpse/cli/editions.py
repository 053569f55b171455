"""``glimpse digest``: the day's edition as Markdown, HTML or JSON Lines, or mailed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from glimpse.cli.common import (
    DB_OPTION,
    JSON_OPTION,
    config,
    emit,
    err,
    existing_db,
    fail,
    out,
)
from glimpse.errors import ConfigError, GlimpseError

SINCE_HELP = "Updated at or after: a duration back from now (24h, 90m, 7d) or an ISO 8601 time."


def since_option(value: str | None, flag: str = "--since") -> datetime | None:
    """``--since`` as a time; a usage error (exit 2) when it is neither a duration nor a time."""
    from glimpse.digest import parse_since

    if value is None:
        return None
    parsed = parse_since(value)
    if parsed is None:
        err.print(
            f"error: {flag}: not a duration (24h, 7d) or an ISO 8601 time: {value!r} [G013]",
            markup=False,
        )
        raise typer.Exit(2)
    return parsed


def digest(
    db: Path | None = DB_OPTION,
    since: str = typer.Option("24h", "--since", help=SINCE_HELP),
    tz: str = typer.Option("UTC", "--tz", help="Time zone of the edition (Europe/Berlin)."),
    md: bool = typer.Option(False, "--md", help="Markdown (the default)."),
    html: bool = typer.Option(False, "--html", help="An HTML document."),
    as_json: bool = JSON_OPTION,
    limit: int = typer.Option(10, "--limit", min=1, help="Top stories to include."),
    base_url: str = typer.Option(
        "", "--base-url", help="Where the published site lives: stories link to their pages."
    ),
    send: bool = typer.Option(False, "--send", help="Mail it through [mail] (text + HTML)."),
) -> None:
    """Write the edition: the top stories since --since with summaries and links.

    Example: glimpse digest --since 24h --tz Europe/Berlin --html > edition.html
    """
    from glimpse.digest import edition_html, edition_markdown, edition_rows, load_edition, zone
    from glimpse.store import Store

    if md + html + as_json > 1:
        err.print("error: choose one of --md, --html, --json [G013]", markup=False)
        raise typer.Exit(2)
    after = since_option(since)
    assert after is not None
    try:
        with Store(existing_db(db)) as store:
            edition = load_edition(store, after, tz=zone(tz), limit=limit, base_url=base_url)
        if send:
            _send(edition)
            return
    except (ConfigError, GlimpseError) as exc:
        raise fail(exc) from exc
    if as_json:
        for row in edition_rows(edition):
            emit(row)
    elif html:
        out.print(edition_html(edition), markup=False, soft_wrap=True, highlight=False)
    else:
        out.print(edition_markdown(edition), markup=False, soft_wrap=True, highlight=False)


def _send(edition: object) -> None:
    from glimpse.digest import Edition
    from glimpse.mail import edition_message, recipients, send_message

    assert isinstance(edition, Edition)
    options = config().options("mail")
    send_message(edition_message(edition, options), options)
    err.print(
        f"sent the edition ({len(edition.stories)} stories) to {', '.join(recipients(options.to))}",
        markup=False,
    )
