"""The Jinja2 environment shared by the static site and the server (autoescape always on)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from glimpse.publish.links import slugify
from glimpse.serialize import iso


def when(value: datetime | None) -> str:
    """``28 Nov 2026, 02:31 UTC`` — a time as readers see it."""
    if value is None:
        return "unknown time"
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%-d %b %Y, %H:%M UTC")


def time_tag(value: datetime | None) -> Markup:
    """A ``<time>`` element with a machine-readable ``datetime``; plain text when unknown."""
    if value is None:
        return Markup('<span class="notime">time unknown</span>')
    machine = iso(value.replace(microsecond=0))  # HTML allows at most 3 fraction digits
    return Markup('<time datetime="{}">{}</time>').format(machine, when(value))


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 outlet``, ``3 outlets``; ``nouns`` for irregular plurals (``stories``)."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("glimpse", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=when, iso=iso, slug=slugify)
    env.globals.update(plural=plural, time_tag=time_tag)
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` (a file in ``glimpse/templates``) with ``context``."""
    return environment().get_template(template).render(**context)
