"""A disputed figure is still told: the brief states the newest one, attributed.

When the sources disagree on a quantity (:func:`glimpse.compose.conflicts.find_conflicts`),
selection leaves out every sentence stating an older figure. If the newest figure's sentences
then rank below the ones chosen, the brief would record the dispute and state no figure at all
(a Nice-attack brief without its toll). :func:`promote_newest` moves the best sentence stating
the newest figure up to right after the top sentence (or to the top, on a second try), so
selection takes it; :func:`glimpse.compose.brief` attributes it to its source.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from glimpse.compose.conflicts import newest_value, stated_value
from glimpse.compose.rank import Candidate
from glimpse.models import Conflict

# Where a promoted sentence goes: second (the top sentence keeps the lead), then first.
PLACES = (1, 0)


def states_newest(texts: Iterable[str], conflict: Conflict) -> bool:
    """Whether one of ``texts`` states the newest figure of ``conflict``."""
    newest = newest_value(conflict)
    return any(stated_value(t, conflict) == newest for t in texts)


def promote_newest(
    pool: Sequence[Candidate], conflict: Conflict, place: int
) -> list[Candidate] | None:
    """``pool`` (best first) with its best sentence stating the newest figure of ``conflict``
    moved to ``place`` and scored as the sentence it displaces; None when no sentence states
    it or it already stands there or higher."""
    newest = newest_value(conflict)
    at = next((i for i, c in enumerate(pool) if stated_value(c.text, conflict) == newest), None)
    if at is None or at <= place:
        return None
    rest = [c for i, c in enumerate(pool) if i != at]
    score = rest[place].score if place < len(rest) else pool[at].score
    return [*rest[:place], replace(pool[at], score=score), *rest[place:]]
