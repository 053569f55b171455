"""Metadata against the gold a page set carries (title, byline, lang, site name)."""

from __future__ import annotations

import re

from bench._extraction_sets import PageSet
from bench._report import table


def _key(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


# Readability keeps the site's part of a title ("… – Firefox Nightly News"); glimpse drops it
# on purpose (issue 14, item 4). The second title row also accepts the gold title's first
# part before such a separator.
_SITE_PART = re.compile(r"\s+(?:[|–—·»/~\[]|::?|-{1,2})\s*")


def _title_aside(ours: str | None, gold: str) -> bool:
    wanted = {_key(gold)} | {_key(gold[: m.start()]) for m in _SITE_PART.finditer(gold)}
    return _key(ours) in wanted


def meta_rows(pages: PageSet) -> str:
    """Share of the pages with a gold value where glimpse's value matches (after lower-casing
    and keeping only word characters); language on the primary subtag."""
    from glimpse.errors import SkipRecord
    from glimpse.extract import extract_article

    fields = {"title": "title", "title, site part aside": "title", "byline": "authors",
              "lang": "language", "site_name": "source"}  # fmt: skip
    hits = {f: [0, 0] for f in fields}
    misses: list[list[object]] = []
    for page in pages.pages:
        if not page.meta:
            continue
        try:
            article = extract_article(page.html, page.url)
        except SkipRecord:
            continue
        for gold_key, ours_key in fields.items():
            gold = page.meta.get(gold_key.split(",")[0])
            if not gold:
                continue
            ours = getattr(article, ours_key)
            ours = ", ".join(ours) if isinstance(ours, tuple) else ours
            if gold_key == "lang":
                ok = (ours or "") == gold.split("-")[0].lower()
            elif gold_key == "title, site part aside":
                ok = _title_aside(ours, gold)
            else:
                ok = _key(ours) == _key(gold)
            hits[gold_key][0] += ok
            hits[gold_key][1] += 1
            if not ok and len(misses) < 12 and gold_key != "title, site part aside":
                misses.append([page.id, gold_key, " ".join(gold.split())[:60], str(ours)[:60]])
    if not any(total for _, total in hits.values()):
        return ""
    rows = [[f, f"{h}/{t}", h / t if t else 0.0] for f, (h, t) in hits.items()]
    return (table(["field", "match", "share"], rows) + "\n\nFirst misses:\n\n"
            + table(["page", "field", "gold", "glimpse"], misses))  # fmt: skip
