"""Metadata against the gold a page set carries (title, byline, lang, site name)."""

from __future__ import annotations

import re

from bench._extraction_sets import PageSet
from bench._report import table


def _key(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def meta_rows(pages: PageSet) -> str:
    """Share of the pages with a gold value where glimpse's value matches (after lower-casing
    and keeping only word characters); language on the primary subtag."""
    from glimpse.errors import SkipRecord
    from glimpse.extract import extract_article

    fields = {"title": "title", "byline": "authors", "lang": "language", "site_name": "source"}
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
            gold = page.meta.get(gold_key)
            if not gold:
                continue
            ours = getattr(article, ours_key)
            ours = ", ".join(ours) if isinstance(ours, tuple) else ours
            if gold_key == "lang":
                ok = (ours or "") == gold.split("-")[0].lower()
            else:
                ok = _key(ours) == _key(gold)
            hits[gold_key][0] += ok
            hits[gold_key][1] += 1
            if not ok and len(misses) < 12:
                misses.append([page.id, gold_key, gold[:60], str(ours)[:60]])
    if not any(total for _, total in hits.values()):
        return ""
    rows = [[f, f"{h}/{t}", h / t if t else 0.0] for f, (h, t) in hits.items()]
    return (table(["field", "match", "share"], rows) + "\n\nFirst misses:\n\n"
            + table(["page", "field", "gold", "glimpse"], misses))  # fmt: skip
