"""The enrich stage: entities with canonical names, keyphrases and ordered tags.

Nothing heavy is imported here: spaCy loads on first use (``glimpse.nlp.load_spacy``).
"""

from glimpse.enrich.options import TagOptions
from glimpse.enrich.tagger import tag_article, tag_articles, tag_story

__all__ = ["TagOptions", "tag_article", "tag_articles", "tag_story"]
