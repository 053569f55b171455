"""The extract stage: article text, metadata and sentences out of HTML pages or plain text."""

from glimpse.extract.article import article_from_text, extract_article, split_paragraphs
from glimpse.extract.limits import ExtractTimeout
from glimpse.extract.options import ExtractOptions
from glimpse.extract.sentences import split_sentences

__all__ = [
    "ExtractOptions",
    "ExtractTimeout",
    "article_from_text",
    "extract_article",
    "split_paragraphs",
    "split_sentences",
]
