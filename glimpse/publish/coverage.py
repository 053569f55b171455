"""Who reports what, as the story page shows it: per brief sentence, the outlets that state its
fact ("reported by 4 of 5 outlets"); per outlet, its headline and lede, its first report and the
brief's facts it carries. Computed from the brief's ``corroboration`` (see
:mod:`glimpse.compose.corroborate`); a brief stored before corroboration existed shows none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from glimpse.models import Brief, BriefSentence, SourceRef
from glimpse.serialize import iso


@dataclass(frozen=True, slots=True)
class Fact:
    """Brief sentence ``number`` (the page's marker) and the outlets that report it."""

    number: int
    text: str
    outlets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """One outlet's coverage: its first article's headline and lede, when it first reported,
    and the numbers of the brief's facts it carries."""

    outlet: str
    headline: str
    lede: str
    url: str | None
    first_report: datetime | None
    facts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    facts: tuple[Fact, ...]
    outlets: tuple[OutletCoverage, ...]

    @property
    def total(self) -> int:
        return len(self.outlets)


def _sentences(brief: Brief) -> list[BriefSentence]:
    return [*brief.summary, *(s for para in brief.body for s in para)]


def _name(outlet: str | None) -> str:
    return outlet or "Unknown outlet"


def story_coverage(brief: Brief) -> Coverage:
    """The coverage of ``brief``; empty facts when its sentences carry no corroboration."""
    sentences = _sentences(brief)
    facts = tuple(
        Fact(n, s.text, tuple(dict.fromkeys(_name(c.outlet) for c in s.corroboration)))
        for n, s in enumerate(sentences, start=1)
        if s.corroboration
    )
    first: dict[str, SourceRef] = {}
    for source in sorted(brief.sources, key=lambda s: iso(s.published) or "~"):
        first.setdefault(_name(source.outlet), source)
    rows = tuple(
        OutletCoverage(
            name,
            src.headline,
            src.lede,
            src.url,
            src.published,
            tuple(f.number for f in facts if name in f.outlets),
        )
        for name, src in first.items()
    )
    return Coverage(facts, rows)


def coverage_json(coverage: Coverage) -> list[dict[str, object]]:
    return [
        {
            "outlet": o.outlet,
            "headline": o.headline,
            "lede": o.lede,
            "url": o.url,
            "first_report": iso(o.first_report),
            "facts": list(o.facts),
        }
        for o in coverage.outlets
    ]
