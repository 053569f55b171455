"""What a worker has already extracted, so it does not enrich a copy the store will refuse.

``glimpse ingest`` checks every article against the store before enriching it (a duplicate costs
its extraction only). A backfill worker cannot ask the store, so it remembers the duplicate keys
of the articles it extracted (the store's keys: body hash, id, URLs) and sends a later copy back
*without* features. The load step then decides, exactly as the store would: a copy the store
refuses is a duplicate (as before, but its enrichment was saved); one it would take after all
(the first copy was refused for another reason) is enriched there. So the rule only has to be
likely, never exact: a wrong guess costs time, not a different store.
"""

from __future__ import annotations

from datetime import datetime

from glimpse.models import Article
from glimpse.store.articles import article_urls, text_hash

#: keys remembered per worker (about 200 bytes each); past it the oldest are forgotten, which
#: only means an older copy is enriched again
LIMIT = 1_000_000

LoadKey = tuple[bool, datetime | None, int]


class Seen:
    """Duplicate keys of extracted articles, each with the load key of its first-loaded copy."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._first: dict[str, LoadKey] = {}

    def is_copy(self, article: Article, key: LoadKey) -> bool:
        """True when an article loaded before this one shares a key the store refuses it by;
        otherwise this article's keys are remembered."""
        keys = _keys(article)
        if any(k in self._first and self._first[k] < key for k in keys):
            return True
        for k in keys:
            if k not in self._first or key < self._first[k]:
                self._first[k] = key
        while len(self._first) > self.limit:
            del self._first[next(iter(self._first))]
        return False


def _keys(article: Article) -> list[str]:
    """The store refuses a body hash always, an id or URL only when it belongs to a full
    article (a headline's URL is taken over by its page, :mod:`glimpse.store.headlines`)."""
    digest = text_hash(article.text)
    if digest is None:  # a headline: nothing of it keeps another article out
        return []
    return [f"t:{digest}", f"i:{article.id}", *(f"u:{u}" for u in article_urls(article))]
