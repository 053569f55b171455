"""A feed item's own text: many feeds carry the whole article in ``content:encoded``,
``content`` or ``description``/``summary``, and that text is kept.

An item becomes an article from its own text when its link cannot be fetched (or it has no
link), and its text is the fallback of the fetched page: the page wins unless it is refused
at extraction or is shorter than the item's text (see :func:`glimpse.pipeline.to_article`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from glimpse.errors import SkipRecord, TooLarge
from glimpse.ingest.feeds import Feed, FeedEntry, cap_entries, entry_link
from glimpse.ingest.sources import RawDoc
from glimpse.models import Article, Enclosure, content_id

if TYPE_CHECKING:
    from glimpse.ingest.fetch import Fetcher

log = logging.getLogger(__name__)
#: when an article with this URL was stored (None: not stored)
StoredAt = Callable[[str], datetime | None]
#: entries read from a local feed file, which has no fetch options
LOCAL_FEED_ENTRIES = 1000

#: an item's text counts as an article from this many words (after HTML is taken out):
#: a headline plus a one- or two-sentence teaser stays under it, a short news item is over it
FEED_TEXT_MIN_WORDS = 50
#: the hint key that carries an item's text to extraction, as the page's fallback
FEED_TEXT = "feed_text"
#: the hint key that carries what the item says about itself (authors, categories, ...)
FEED_ITEM = "feed_item"
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def html_text(markup: str) -> str:
    """Plain text of an item's HTML (or plain) text, paragraphs on blank lines."""
    if "<" not in markup:
        return markup.strip()
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    text: str = root.text_content()
    return "\n\n".join(" ".join(p.split()) for p in text.split("\n\n") if p.strip())


def item_text(entry: FeedEntry) -> str:
    """The longest of the item's content and summary, as text; "" when under the threshold."""
    texts = (html_text(entry.content_html), html_text(entry.summary))
    best = max(texts, key=len)
    return best if len(best.split()) >= FEED_TEXT_MIN_WORDS else ""


def item_label(origin: str, number: int, entry: FeedEntry) -> str:
    """``feed.xml#3 (Title)``: never an empty ``: :`` when the item has no title."""
    title = " ".join(str(entry.title or "").split())[:60]
    return f"{origin}#{number} ({title})" if title else f"{origin}#{number}"


def item_id(origin: str, entry: FeedEntry, text: str) -> str:
    """A stable id for an item without a link: the feed and the item's guid (or its text)."""
    return content_id(origin, entry.guid or f"{entry.title}\n{text}")


def item_hints(feed: Feed, entry: FeedEntry, text: str) -> dict[str, Any]:
    """What the feed says about the item's page: title, date, outlet, and its own text."""
    hints: dict[str, Any] = {
        "title": entry.title,
        "published": entry.published,
        "source": feed.title,
    }
    if text:
        hints[FEED_TEXT] = text
    hints[FEED_ITEM] = ItemMeta(entry.authors, entry.categories, entry.enclosures, entry.updated)
    return hints


@dataclass(frozen=True, slots=True)
class ItemMeta:
    """What a feed item says about its article beyond title and date: kept on the article."""

    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    enclosures: tuple[Enclosure, ...] = ()
    updated: datetime | None = None


def with_item_meta(article: Article, hints: dict[str, Any], text_source: str | None) -> Article:
    """``article`` with where its text came from (``"feed"`` or ``"page"``; None for a
    headline article, which has no text) and the feed item's categories and enclosures; the
    item's authors and update time fill only what the page did not say (a page's byline is
    the fuller one)."""
    if article.is_headline:
        text_source = None
    meta = hints.get(FEED_ITEM)
    if not isinstance(meta, ItemMeta):
        return replace(article, text_source=text_source)
    return replace(
        article,
        text_source=text_source,
        authors=article.authors or meta.authors,
        updated=article.updated or meta.updated,
        categories=meta.categories,
        enclosures=meta.enclosures,
    )


def item_doc(
    feed: Feed, entry: FeedEntry, text: str, label: str, origin: str, link: str | None
) -> RawDoc:
    """The item as an article record made from its own text."""
    fields: dict[str, Any] = {
        "title": entry.title,
        "text": text,
        "published": entry.published.isoformat() if entry.published else None,
        "source": feed.title,
    }
    if link:
        fields["url"] = link
    else:
        fields["id"] = item_id(origin, entry, text)
    meta = {FEED_ITEM: item_hints(feed, entry, "")[FEED_ITEM]}
    kept = {k: v for k, v in fields.items() if v}
    return RawDoc("record", label, url=link, fields=kept, hints=meta)


def iter_feed(
    feed: Feed,
    origin: str,
    fetcher: Fetcher | None,
    stored_at: StoredAt | None = None,
    *,
    base: str | None = None,
) -> Iterator[RawDoc | SkipRecord]:
    """Each item's linked page (fetched, with the item's own text as its fallback), or the
    item's text alone when the link fails, is not http(s), or there is no ``fetcher`` (a
    local feed file: its links are not fetched).

    At most ``fetch.feed_entries`` entries are read; an entry whose URL is already stored is
    not fetched again unless the feed dates an update after it was stored.
    """
    limit = fetcher.options.feed_entries if fetcher else LOCAL_FEED_ENTRIES
    entries, dropped = cap_entries(feed, limit)
    if dropped:
        yield TooLarge(
            f"{len(feed.entries)} entries, over the {len(entries)} entry limit"
            " (fetch.feed_entries): the rest are not read",
            origin,
        )
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        link = entry_link(entry, base or origin)
        if link is not None and (
            link in seen or not _changed(entry, stored_at(link) if stored_at else None)
        ):
            continue
        if link is not None:
            seen.add(link)
        made = _item(feed, entry, link, item_label(origin, number, entry), origin, fetcher)
        yield from made if isinstance(made, tuple) else (made,)


def _item(
    feed: Feed,
    entry: FeedEntry,
    link: str | None,
    label: str,
    origin: str,
    fetcher: Fetcher | None,
) -> RawDoc | SkipRecord | tuple[SkipRecord, RawDoc]:
    """The item's page, its own text, or (no text, a title) its headline article; when the
    page of a headline-only item fails, the error and then the headline article."""
    text = item_text(entry)
    if link is None or fetcher is None:
        if text or has_title(entry):  # no text: a headline article (glimpse.extract.headlines)
            return item_doc(feed, entry, text, label, origin, link)
        why = "no http(s) link" if link is None else "a link not fetched (a local feed)"
        return SkipRecord(
            f"feed entry has {why} and no text of its own (under {FEED_TEXT_MIN_WORDS} words)",
            label,
        )
    try:
        page = fetcher.fetch(link)
    except SkipRecord as exc:
        if not text:  # the error stays reported; a titled item is still its outlet's headline
            return (
                (exc, item_doc(feed, entry, "", label, origin, link)) if has_title(entry) else exc
            )
        log.info("%s: page not fetched (%s); the item's own text is used", label, exc.reason)
        return item_doc(feed, entry, text, label, origin, link)
    hints = item_hints(feed, entry, text)
    return RawDoc(
        "html", link, content=page.content, url=page.url, hints=hints, fetched=page.fetched
    )


def has_title(entry: FeedEntry) -> bool:
    """Whether the item has a headline to be stored as a headline article when it has no text."""
    return any(c.isalnum() for c in str(entry.title or ""))


def _changed(entry: FeedEntry, stored: datetime | None) -> bool:
    """Fetch when not stored yet, or when the feed dates an update after the stored copy."""
    return stored is None or (entry.updated is not None and entry.updated > stored)
