"""The headline's part of the grounding check: every content word of the headline is in the
sources (their titles or sentences)."""

from __future__ import annotations

from collections.abc import Sequence

from glimpse.compose.terms import unsupported_keys
from glimpse.models import Article


def headline_problems(headline: str, articles: Sequence[Article]) -> list[str]:
    """Why ``headline`` is unfit for a brief of ``articles``; an empty list means it passes."""
    if not headline.strip():
        return ["headline: empty"]
    texts = [a.title for a in articles]
    texts += [s.text for a in articles for s in a.sentences]
    missing = unsupported_keys(headline, texts)
    return [f"headline: not in the sources: {', '.join(missing)}"] if missing else []
