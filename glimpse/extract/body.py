"""The article body: paragraphs of main text out of a parsed page."""

from __future__ import annotations

import copy

import trafilatura
from lxml import html as lxml_html

from glimpse.extract.options import ExtractOptions


def extract_paragraphs(
    tree: lxml_html.HtmlElement, url: str | None, options: ExtractOptions
) -> tuple[str, ...]:
    """Paragraphs of the main text of the page in ``tree`` (the tree is not modified)."""
    doc = trafilatura.bare_extraction(
        copy.deepcopy(tree),
        url=url,
        include_comments=False,
        include_tables=options.include_tables,
        with_metadata=False,
    )
    text = getattr(doc, "text", None) or ""
    return _paragraphs(text)


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p for p in (" ".join(line.split()) for line in text.split("\n")) if p)
