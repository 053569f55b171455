"""The extract stage's core: HTML or plain text in, one :class:`~glimpse.models.Article` out."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from lxml import etree
from lxml import html as lxml_html

from glimpse.errors import EmptyInput, NoArticle
from glimpse.extract.body import (
    cut_related,
    drop_title,
    extract_paragraphs,
    headline_story,
    is_listing,
)
from glimpse.extract.decode import check_text, decode_html
from glimpse.extract.language import article_language, detect_language
from glimpse.extract.limits import check_nodes, check_size, deadline
from glimpse.extract.metadata import Metadata, read_metadata
from glimpse.extract.options import ExtractOptions
from glimpse.extract.sentences import split_sentences
from glimpse.furniture import furniture_family, is_furniture
from glimpse.models import Article, content_id

DEFAULT_OPTIONS = ExtractOptions()
_PAYWALL_HINT = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|to continue reading|already a subscriber"
    r"|subscribers only|for subscribers|this article is for subscribers",
    re.I,
)


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    id: str | None = None,
    fetched: datetime | None = None,
    options: ExtractOptions | None = None,
) -> Article:
    """Extract the article in one HTML page (bytes in any encoding, or text).

    Steps: size cap → decode (:func:`~glimpse.extract.decode.decode_html`) → parse once →
    node cap → metadata (:func:`~glimpse.extract.metadata.read_metadata`) → body paragraphs
    (:func:`~glimpse.extract.body.extract_paragraphs`, voting extractors) → headline and
    trailing related-stories list removed → listing pages refused → sentences. The id is
    ``id`` if given, else the hash of the canonical URL (or ``url``), else of title and text.

    Raises :class:`~glimpse.errors.TooLarge` (page over ``options.max_bytes``, checked before
    decoding, or over ``options.max_nodes`` elements), :class:`~glimpse.errors.BadEncoding`
    (binary or undecodable data), :class:`~glimpse.errors.NoArticle` (empty page, no article
    body, or a page listing several articles), and
    :class:`~glimpse.extract.limits.ExtractTimeout` (over ``options.timeout_s``; see
    :mod:`glimpse.extract.limits` for how time is bounded).
    """
    opts = options or DEFAULT_OPTIONS
    check_size(_size(html, opts.max_bytes), opts.max_bytes)
    text = decode_html(html) if isinstance(html, bytes) else check_text(html)
    _warm_once()  # outside the deadline: the first page must not pay for the loads
    with deadline(opts.timeout_s):
        tree = parse_html(text)
        check_nodes(int(tree.xpath("count(//*)")), opts.max_nodes)
        meta = read_metadata(tree, url, html_dates=opts.html_dates)
        found = extract_paragraphs(tree, url, opts, meta.language)
        paragraphs = finish(found, meta.title, opts)
        story = headline_story(tree, paragraphs, meta.title)
        wrong_story = story != paragraphs and _words(story) < opts.min_words
        paragraphs = paragraphs if wrong_story else story
        if not wrong_story and is_listing(tree, paragraphs):
            raise NoArticle("the page lists several articles; it is not one article")
    if wrong_story:
        # the page's own story, when its JSON-LD states it; never another story on the page
        if not meta.article_body or _words(split_paragraphs(meta.article_body)) < opts.min_words:
            raise NoArticle("the text found belongs to another story than the page's headline")
        paragraphs = split_paragraphs(meta.article_body)
    if _words(paragraphs) < opts.min_words and meta.article_body:
        # pages that render the text with scripts still state it in JSON-LD articleBody
        paragraphs = split_paragraphs(meta.article_body)
    if _words(paragraphs) < opts.min_words:
        raise NoArticle(f"no article body found in the page (under {opts.min_words} words)")
    # the paywall prompt is furniture and may have left the body: look for it before the cut
    paywalled = _paywalled(meta, "\n\n".join(found))
    return replace(_build(paragraphs, meta, url, id, fetched), paywalled=paywalled)


_WARM: list[bool] = []


def _warm_once() -> None:
    """Load models and stoplists on the first page of a process (about 1.5 s), not inside it."""
    if not _WARM:
        from glimpse.extract import warm_up

        warm_up()
        _WARM.append(True)


# Han, kana and Hangul are written without spaces: each character counts as one word.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Whitespace-separated words, with every CJK character counted as a word."""
    return len(_CJK.sub(" ", text).split()) + len(_CJK.findall(text))


# In HTML bodies only lines this short are checked for furniture: the patterns cost ~0.1 ms a
# line and long lines are almost never furniture (out of fold: 30 vs 60 words, -0.0004 F1).
_HTML_FURNITURE_WORDS = 30


def _words(paragraphs: tuple[str, ...]) -> int:
    return sum(count_words(p) for p in paragraphs)


def finish(paragraphs: tuple[str, ...], title: str | None, opts: ExtractOptions) -> tuple[str, ...]:
    """The rules applied after the body cascade, each behind its option."""
    if opts.drop_title:
        paragraphs = drop_title(paragraphs, title)
    if opts.cut_related:
        paragraphs = cut_related(paragraphs)
    if opts.drop_furniture:
        families = frozenset(opts.drop_furniture)
        kept = tuple(
            p
            for p in paragraphs
            if len(p.split()) > _HTML_FURNITURE_WORDS or not _furniture_line(p, families)
        )
        paragraphs = kept or paragraphs
    return paragraphs


def _size(html: str | bytes, limit: int) -> int:
    if isinstance(html, bytes) or len(html) > limit:  # every character is at least one byte
        return len(html)
    return len(html.encode("utf-8", "surrogatepass"))


# Comments and processing instructions are dropped at parse time: left in, they split text
# nodes and extractors lose the text that follows them (the tail of the comment node).
_PARSER = lxml_html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)


def parse_html(text: str) -> lxml_html.HtmlElement:
    """Parse page text into an lxml tree, or raise :class:`NoArticle` for an empty page."""
    if not text.strip():
        raise NoArticle("empty page")
    try:
        tree = lxml_html.document_fromstring(text.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        raise NoArticle(f"page could not be parsed as HTML: {err}") from err
    return tree


def _build(
    paragraphs: tuple[str, ...],
    meta: Metadata,
    url: str | None,
    id: str | None,
    fetched: datetime | None,
) -> Article:
    body = "\n\n".join(paragraphs)
    title = meta.title or ""
    known_url = meta.canonical_url or url
    return Article(
        id=id or (content_id(known_url) if known_url else content_id(title + "\n" + body)),
        title=title,
        text=body,
        url=url,
        lede=pick_lede(paragraphs),
        paragraphs=paragraphs,
        sentences=split_sentences(body),
        published=meta.published,
        updated=meta.updated,
        authors=meta.authors,
        source=meta.source,
        language=article_language(meta.language, body),
        canonical_url=meta.canonical_url,
        paywalled=_paywalled(meta, body),
        fetched=fetched,
    )


_LEDE_END = re.compile(r"[.!?…][\"'”’»)]*$")


def pick_lede(paragraphs: tuple[str, ...]) -> str:
    """The first paragraph that reads as prose (8+ words ending a sentence), else the first.

    Pages often open the body with a reading time, a subheading or a "click here" line.
    """
    for paragraph in paragraphs:
        if len(paragraph.split()) >= 8 and _LEDE_END.search(paragraph):
            return paragraph
    return paragraphs[0] if paragraphs else ""


def _paywalled(meta: Metadata, body: str) -> bool | None:
    """True when the page says the article is not free, or the body ends at a paywall prompt."""
    if meta.free is not None:
        return not meta.free
    tail = body[-400:]
    if _PAYWALL_HINT.search(tail):
        return True
    return None


def article_from_text(
    title: str,
    text: str,
    *,
    url: str | None = None,
    id: str | None = None,
    published: datetime | None = None,
    source: str | None = None,
    authors: tuple[str, ...] | list[str] = (),
    story: str | None = None,
    language: str | None = None,
) -> Article:
    """An Article from plain text: paragraphs split on blank lines (or lines, if none); short
    paragraphs that are page furniture (captions, credits, prompts, see
    :mod:`glimpse.furniture`) are left out when anything else remains."""
    paragraphs = split_paragraphs(text)
    reporting = tuple(p for p in paragraphs if not _furniture_line(p))
    paragraphs = reporting or paragraphs
    if not paragraphs:
        raise EmptyInput("empty text: nothing to extract")
    body = "\n\n".join(paragraphs)
    title = " ".join(title.split())
    return Article(
        id=id or (content_id(url) if url else content_id(title + "\n" + body)),
        title=title,
        text=body,
        url=url,
        lede=paragraphs[0],
        paragraphs=paragraphs,
        sentences=split_sentences(body),
        published=published,
        authors=tuple(authors),
        source=source,
        language=language or detect_language(body),
        story=story,
    )


# A paragraph longer than this is kept even if it opens like furniture: it carries reporting.
FURNITURE_MAX_WORDS = 60


def _furniture_line(paragraph: str, families: frozenset[str] | None = None) -> bool:
    """A short paragraph of page furniture (of one of ``families``, if given)."""
    if len(paragraph.split()) > FURNITURE_MAX_WORDS:
        return False
    if families is None:
        return is_furniture(paragraph)
    return furniture_family(paragraph) in families


def split_paragraphs(text: str) -> tuple[str, ...]:
    """Paragraphs separated by blank lines, or by single newlines when there are no blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return tuple(p for p in (" ".join(b.split()) for b in blocks) if p)
