"""The extract stage: article text, metadata and sentences out of HTML pages or plain text."""

from glimpse.extract import body, language
from glimpse.extract.article import article_from_text, extract_article, split_paragraphs
from glimpse.extract.headlines import headline_article
from glimpse.extract.limits import ExtractTimeout
from glimpse.extract.options import ExtractOptions
from glimpse.extract.sentences import split_sentences

__all__ = [
    "ExtractOptions",
    "ExtractTimeout",
    "article_from_text",
    "extract_article",
    "headline_article",
    "split_paragraphs",
    "split_sentences",
    "warm_up",
]


def warm_up() -> None:
    """Load the language model and trafilatura's lazy stoplists before the first article."""
    body.warm_up()
    language.warm_up()
