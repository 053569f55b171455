"""glimpse: articles in, grounded story briefs out.

The public API, one pure function per stage plus the store::

    from glimpse import extract_article, tag_articles, cluster_articles, compose_brief, Store

Names are imported lazily so ``import glimpse`` (and the CLI's start-up) stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "glimpse.models",
    "Brief": "glimpse.models",
    "BriefSentence": "glimpse.models",
    "Entity": "glimpse.models",
    "Features": "glimpse.models",
    "Quote": "glimpse.models",
    "Sentence": "glimpse.models",
    "SourceRef": "glimpse.models",
    "Story": "glimpse.models",
    "SupportRef": "glimpse.models",
    "RunReport": "glimpse.models",
    "GlimpseError": "glimpse.errors",
    "SkipRecord": "glimpse.errors",
    "extract_article": "glimpse.extract",
    "article_from_text": "glimpse.extract",
    "split_sentences": "glimpse.extract",
    "tag_articles": "glimpse.enrich",
    "tag_story": "glimpse.enrich",
    "cluster_articles": "glimpse.cluster",
    "assign_story": "glimpse.cluster",
    "StoryIndex": "glimpse.cluster",
    "compose_brief": "glimpse.compose",
    "check_grounding": "glimpse.compose",
    "Store": "glimpse.store",
    "publish_site": "glimpse.publish",
    "create_app": "glimpse.serve",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'glimpse' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
