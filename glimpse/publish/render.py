"""The Jinja2 environment shared by the static site and the server (autoescape always on)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from glimpse.publish.front import filter_tags, short_summary
from glimpse.publish.links import Links, slugify
from glimpse.publish.safe import clean_text, link_url
from glimpse.serialize import iso

#: The Content-Security-Policy of the static pages, as a ``<meta>`` tag (the server sends its own
#: as a header). Chromium lets ``'self'`` on a ``file:`` page match ``file:`` URLs (checked by
#: tests/e2e/test_browser_static.py), so one policy works opened from disk and served.
#: ``frame-ancestors`` is not allowed in a meta tag; ``connect-src`` is not needed (no fetch).
STATIC_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; base-uri 'none'"
)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: ``strftime("%b")`` in the C locale (Python's unless a program sets another): the month is
#: spelt by hand below, because a page formats dozens of times (see :func:`time_tag`).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _midnight(at: datetime) -> bool:
    return not (at.hour or at.minute or at.second or at.microsecond)


def date_only(value: datetime) -> bool:
    """Whether ``value`` is a date given without a time of day.

    Articles keep one ``published`` datetime; a source that gave only a date (an RSS date, a
    ``2017-12-31`` meta tag, the corpus's ``T00:00:00``) arrives as midnight UTC to the
    microsecond. The record cannot tell that from a story filed at exactly 00:00:00.000000
    UTC, which is rare enough that such a time is shown as its date alone ("31 Dec 2017")
    rather than as a made-up "00:00 UTC".
    """
    return _midnight(_utc(value))


def _when_utc(at: datetime) -> str:
    day = f"{at.day} {_MONTHS[at.month - 1]} {at.year}"
    return day if _midnight(at) else f"{day}, {at.hour:02d}:{at.minute:02d} UTC"


def when(value: datetime | None) -> str:
    """``28 Nov 2026, 02:31 UTC`` — a time as readers see it; ``31 Dec 2017`` for a date
    given without a time (:func:`date_only`)."""
    if value is None:
        return "unknown time"
    return _when_utc(_utc(value))


@lru_cache(maxsize=16384)  # pure, and pages show the same stories' times again and again
def time_tag(value: datetime | None) -> Markup:
    """A ``<time>`` element with a machine-readable ``datetime``; plain text when unknown. A
    date without a time has a date-only ``datetime`` (``2017-12-31``), which the relative-time
    script leaves as it is: "3 h ago" would claim a time nobody gave."""
    if value is None:
        return Markup('<span class="notime">time unknown</span>')
    # Every card and timeline line has one, so no Markup.format (string.Formatter) and no
    # escape(): both strings are made of digits, "-", ":", "T", "Z", spaces and month names.
    at = _utc(value)
    if _midnight(at):
        return Markup(
            f'<time datetime="{at.date().isoformat()}" class="date">{_when_utc(at)}</time>'
        )
    # iso(value) without its microseconds (HTML allows at most 3 fraction digits)
    machine = at.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
    return Markup(f'<time datetime="{machine}">{_when_utc(at)}</time>')


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 outlet``, ``3 outlets``; ``nouns`` for irregular plurals (``stories``)."""
    return f"{n} {noun if n == 1 else nouns or noun + 's'}"


def story_url(story_id: str, links: Links) -> str:
    """``{{ row.story | story_url(links) }}``: the story page's address."""
    return links.story(story_id)


def tag_url(name: str, links: Links) -> str:
    """``{{ tag | tag_url(links) }}``: the tag page of a tag name."""
    return links.tag(slugify(name))


def outlet_url(name: str, links: Links) -> str:
    """``{{ outlet | outlet_url(links) }}``: the outlet page of an outlet name."""
    return links.outlet(slugify(name))


def _finalize(value: Any) -> Any:
    """Every ``{{ value }}`` a template prints: plain text loses XML-illegal and bidi controls
    (already-built markup was cleaned when its parts were printed)."""
    if type(value) is str:  # nearly every value: clean_text's printable shortcut, inlined
        return value if value.isprintable() else clean_text(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return clean_text(value)
    return value


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        finalize=_finalize,
        loader=PackageLoader("glimpse", "templates"),
        auto_reload=False,  # the templates ship in the package: no stat() per render to recheck
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(when=when, iso=iso, slug=slugify, short=short_summary)
    # What a page prints in a loop (cards, lists, evidence, timelines) is a filter, not a
    # call: Jinja compiles a filter to a direct function call, while every ``f(x)`` goes
    # through Context.call's checks, about twice the cost (measured: 55 front-page lines
    # 0.95 -> 0.48 ms). The globals stay for the one-off uses.
    env.filters.update(
        plural=plural,
        time_tag=time_tag,
        link_url=link_url,
        story_url=story_url,
        tag_url=tag_url,
        outlet_url=outlet_url,
    )
    from glimpse.publish import fragments  # it prints with this module's filters

    env.filters.update(
        headline_items=fragments.headline_items,
        thread_items=fragments.thread_items,
        tag_items=fragments.tag_items,
        outlet_items=fragments.outlet_items,
        option_items=fragments.option_items,
        evidence_items=fragments.evidence_items,
    )
    env.globals.update(
        plural=plural, time_tag=time_tag, link_url=link_url, csp=STATIC_CSP, filter_tags=filter_tags
    )
    return env


def render(template: str, **context: Any) -> str:
    """Render ``template`` (a file in ``glimpse/templates``) with ``context``."""
    return environment().get_template(template).render(**context)
