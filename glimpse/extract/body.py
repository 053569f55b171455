"""The article body: paragraphs of main text out of a parsed page, by voting extractors."""

from __future__ import annotations

import copy
import functools
import logging
import re
from collections.abc import Iterable

import trafilatura
from lxml import html as lxml_html

from glimpse.extract.options import ExtractOptions
from glimpse.extract.vote import coverage, trigrams, vote

log = logging.getLogger(__name__)
# readability logs a full traceback for every page it cannot summarise; here that is an
# expected outcome (the cascade moves on), logged once at debug level by _readability.
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)

_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre", "td", "dd")
# jusText stoplists for the primary language subtag of the page.
_STOPLISTS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian_Bokmal", "nb": "Norwegian_Bokmal", "fi": "Finnish",
    "cs": "Czech", "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian", "tr": "Turkish",
    "el": "Greek", "uk": "Ukrainian", "bg": "Bulgarian", "hr": "Croatian", "sl": "Slovenian",
    "id": "Indonesian", "ca": "Catalan",
}  # fmt: skip


def warm_up() -> None:
    """Load what the cascade loads lazily (trafilatura's jusText stoplists of every language,
    about half a second on its first hard page; readability-lxml's import, 80 ms) so that no
    article pays for it."""
    import readability  # noqa: F401  (imported for its load time only)
    from trafilatura import external

    if external.JT_STOPLIST is None:
        external.jt_stoplist_init()


def extract_paragraphs(
    tree: lxml_html.HtmlElement,
    url: str | None,
    options: ExtractOptions,
    language: str | None = None,
) -> tuple[str, ...]:
    """Paragraphs of the main text of the page in ``tree`` (the tree is not modified).

    Cascade: (1) trafilatura in recall mode, comments excluded, gives the paragraphs;
    (2) only where that text looks wrong — short (at most ``options.vote_max_words`` words,
    where a byline, caption or teaser at its edges weighs most) or a small share of the page's
    ``<p>`` text (:func:`needs_vote`) — readability-lxml is run: its text replaces
    trafilatura's when it holds all of it and much more (:func:`extend`), else it votes on
    trafilatura's paragraphs (:func:`refine`); (3) when trafilatura finds nothing,
    readability's paragraphs are used, then jusText's (stoplist of the page's declared
    language).

    Each step was kept because it wins out of fold: 5-fold cross-validation over the 145
    development pages (``bench/extraction.py``, section "out of fold"). An always-on
    readability pass scored about as well but costs a second extractor on every page (the
    speed target is 0.9x trafilatura), so it runs only behind the two gates.
    """
    base = _trafilatura(tree, url, options)
    if base and not needs_vote(base, options, page_words(tree)):
        return base
    readable = _readability(tree, url)
    if not base:
        found = _blocks(readable) if readable is not None else ()
        return found or _justext(tree, language)
    if readable is None:
        return base
    voter = readable.text_content()
    return extend(base, voter, _blocks(readable), options) or refine(base, voter, options)


def needs_vote(base: tuple[str, ...], options: ExtractOptions, in_page: int = 0) -> bool:
    """Whether trafilatura's text looks wrong enough to ask readability: short enough for an
    edge error to weigh, or under ``options.vote_min_share`` of the ``in_page`` words of the
    page's ``<p>`` elements (trafilatura stopped early or took a side box)."""
    words = _words(base)
    if 0 < words <= options.vote_max_words:
        return True
    return 0 < words < options.vote_min_share * in_page


def page_words(tree: lxml_html.HtmlElement) -> int:
    """Words in the page's ``<p>`` elements: a cheap upper bound of its prose."""
    return sum(len((p.text_content() or "").split()) for p in tree.iter("p"))


# Share of trafilatura's trigrams readability must also hold for its text to count as the
# same article, only longer.
_SAME_TEXT = 0.9


def extend(
    base: tuple[str, ...], voter: str, blocks: tuple[str, ...], options: ExtractOptions
) -> tuple[str, ...] | None:
    """readability's ``blocks`` in place of trafilatura's ``base`` when its text ``voter``
    holds nearly all of ``base`` and ``options.extend_ratio`` times its words: both found the
    same article and trafilatura dropped part of it (it stops at some inner boxes and drops
    paragraphs it has seen before). None otherwise (0 switches it off)."""
    if not options.extend_ratio or not blocks:
        return None
    if len(voter.split()) < options.extend_ratio * _words(base):
        return None
    return blocks if coverage("\n".join(base), trigrams(voter)) >= _SAME_TEXT else None


def refine(base: tuple[str, ...], voter: str, options: ExtractOptions) -> tuple[str, ...]:
    """``base`` trimmed to the span the voter also found, unless that loses over
    ``1 - options.vote_keep`` of its words in lines of prose (then the voter found another
    text, not a tighter version of this one, and trafilatura's own text stands). Cutting
    menu-like lines (at most ``_MENU_WORDS`` words each) is always accepted."""
    if not voter.strip():
        return base
    voted = vote(base, [voter], min_votes=options.min_votes)
    if _words(voted) >= options.vote_keep * _words(base):
        return voted
    kept = set(voted)
    cut = [p for p in base if p not in kept]
    return voted if voted and all(len(p.split()) <= _MENU_WORDS for p in cut) else base


_MENU_WORDS = 8


def _words(paragraphs: tuple[str, ...]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def _trafilatura(
    tree: lxml_html.HtmlElement, url: str | None, options: ExtractOptions
) -> tuple[str, ...]:
    # no copy here: bare_extraction copies a tree it is given before it prunes it
    # (trafilatura 2.3.1, pinned; test_extraction_leaves_the_parsed_tree_as_it_was)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_recall=True,
        include_comments=False,
        include_tables=options.include_tables,
        with_metadata=False,
    )
    return _lines(getattr(doc, "text", None) or "")


def _readability(tree: lxml_html.HtmlElement, url: str | None) -> lxml_html.HtmlElement | None:
    from readability.readability import Unparseable

    try:
        # no url: readability would make every link absolute (a third of its time on long
        # pages) and only the text is used
        summary = _text_document()(copy.deepcopy(tree)).summary(html_partial=True)
        return lxml_html.fromstring(summary) if summary.strip() else None
    except Unparseable as err:
        log.debug("readability found no body: %s", err)
        return None
    except Exception as err:  # a voter is optional: its crash must not lose the article
        log.debug("readability failed: %r", err)
        return None


@functools.cache
def _text_document() -> type:
    """readability-lxml's ``Document`` for a caller that reads only the text of its summary.

    Its own parse step runs an HTML cleaner with ``javascript=True``, which rewrites every
    link of the page and strips ``on*`` attributes (a third of readability's time on pages
    with many links); neither changes any text, so this subclass cleans without it. The
    rest of ``_parse`` (hidden and ``display:none`` elements dropped) is kept as is.
    Written as a subclass because readability has no option for it.
    """
    from lxml_html_clean import Cleaner
    from readability import Document
    from readability.readability import REGEXES

    cleaner = Cleaner(
        scripts=True, javascript=False, comments=True, style=True, links=True, meta=False,
        add_nofollow=False, page_structure=False, processing_instructions=True,
        embedded=False, frames=False, forms=False, annoying_tags=False,
        remove_unknown_tags=False, safe_attrs_only=False,
    )  # fmt: skip

    class TextDocument(Document):  # type: ignore[misc]
        def _parse(self, input: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
            self.encoding = "utf-8"
            for elem in input.xpath("//*[@hidden]"):
                elem.drop_tree()
            for elem in input.xpath("//*[@style]"):
                if REGEXES["displayNoneRe"].search(elem.get("style")):
                    elem.drop_tree()
            doc: lxml_html.HtmlElement = cleaner.clean_html(input)
            return doc

    return TextDocument


def _blocks(root: lxml_html.HtmlElement) -> tuple[str, ...]:
    """Text of the innermost block elements (paragraphs, list items, quotes…) in order."""
    leaves = (n for n in root.iter(*_BLOCKS) if next(n.iterdescendants(*_BLOCKS), None) is None)
    return _clean(n.text_content() for n in leaves)


def _justext(tree: lxml_html.HtmlElement, language: str | None) -> tuple[str, ...]:
    import justext

    name = _STOPLISTS.get(language or "en")  # a page that names no language: assume English
    if name is None:
        return ()
    try:
        dom = justext.core.preprocessor(copy.deepcopy(tree))
        paragraphs = justext.core.ParagraphMaker.make_paragraphs(dom)
        justext.core.classify_paragraphs(paragraphs, justext.get_stoplist(name))
        justext.core.revise_paragraph_classification(paragraphs)
    except Exception as err:  # a voter is optional: its crash must not lose the article
        log.debug("jusText failed: %r", err)
        return ()
    return _clean(p.text for p in paragraphs if not p.is_boilerplate)


def _lines(text: str) -> tuple[str, ...]:
    return _clean(text.split("\n"))


def _clean(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(p for p in (" ".join(t.split()) for t in texts) if p)


def is_listing(tree: lxml_html.HtmlElement, paragraphs: tuple[str, ...]) -> bool:
    """True for a page that lists several articles rather than showing one.

    The extracted text comes from two or more ``<article>`` elements together (teasers) while
    no single one of them holds it: a real article page keeps its body inside one element, or
    outside all of them when only the teasers around it are marked up as ``<article>``.
    """
    outer = [a for a in tree.iter("article") if next(a.iterancestors("article"), None) is None]
    if len(outer) < 2:
        return False
    body = "\n".join(paragraphs)
    texts = [a.text_content() for a in outer]
    if coverage(body, trigrams("\n".join(texts))) < 0.8:
        return False
    return all(coverage(body, trigrams(text)) < 0.8 for text in texts)


_RELATED = re.compile(
    r"(?:you (?:may|might) (?:also )?like|related(?: articles| stories| content| coverage| news)?"
    r"|read (?:more|next)|more (?:from|on|stories|news)\b.*|recommended(?: for you)?"
    r"|most (?:popular|read)|trending(?: now)?|also read|see also|further reading"
    r"|latest (?:news|stories)|don'?t miss|top stories)\W*",
    re.I,
)


def cut_related(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """Cut a trailing "You may also like…"/"Related stories" list from the body.

    A short heading line in the second half of the body starts the list only when nothing but
    headline-length lines follow it: the same words also head promotion boxes in the middle
    of an article ("DON'T MISS"), and the article text after those must stay.
    """
    for i in range(max(len(paragraphs) // 2, 1), len(paragraphs)):
        if _is_related_heading(paragraphs[i]) and all(
            len(p.split()) <= _HEADLINE_WORDS for p in paragraphs[i + 1 :]
        ):
            return paragraphs[:i]
    return paragraphs


def _is_related_heading(line: str) -> bool:
    return len(line.split()) <= 6 and _RELATED.fullmatch(line.strip()) is not None


_HEADLINE_WORDS = 20


def drop_title(paragraphs: tuple[str, ...], title: str | None) -> tuple[str, ...]:
    """Remove the headline when the extractor kept it as the first paragraph."""
    if title and paragraphs and _key(paragraphs[0]) == _key(title):
        return paragraphs[1:]
    return paragraphs


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def headline_story(
    tree: lxml_html.HtmlElement, paragraphs: tuple[str, ...], title: str | None
) -> tuple[str, ...]:
    """The paragraphs that belong to the story of the page's headline.

    On a page of several ``<article>`` elements (a story with teasers, a live page, a
    front page) whose text was taken from inside them, the one whose heading
    (``h1``–``h3``) is the page's title holds the story the page is about: only its
    paragraphs are kept (none, when the text is another story's). Pages whose text lies
    outside the ``<article>`` elements, or whose title heads none or several of them (or
    also appears outside them), are not judged: their paragraphs come back unchanged.
    """
    if not title or not paragraphs:
        return paragraphs
    outer = [a for a in tree.iter("article") if next(a.iterancestors("article"), None) is None]
    if len(outer) < 2:
        return paragraphs
    wanted = _key(title)
    heads = [h for h in tree.iter(*_HEADS) if _key(h.text_content()) == wanted]
    own = [a for a in outer if any(a in h.iterancestors("article") for h in heads)]
    body = "\n".join(paragraphs)
    # judged only when every heading that is the title lies in one <article>: the same
    # headline outside it (the page's own <h1> above a teaser of itself) leaves it open
    inside = all(own and own[0] in h.iterancestors("article") for h in heads)
    if (
        len(own) != 1
        or not inside
        or coverage(body, trigrams("\n".join(a.text_content() for a in outer))) < 0.8
    ):
        return paragraphs
    text = own[0].text_content()
    grams, words = trigrams(text), _key(text)
    # a paragraph of one or two words ("Claim") has no trigram: it must occur in the story
    return tuple(
        p
        for p in paragraphs
        if coverage(p, grams) >= 0.8 or (len(p.split()) < 3 and _key(p) in words)
    )


_HEADS = ("h1", "h2", "h3")
