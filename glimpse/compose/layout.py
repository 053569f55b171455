"""Lay out a brief's body as an editor would: the news, then details, then reactions and
quotes, then background; the most important first, developments in time order.

Each body sentence gets a *role* from its wording (:func:`role`): background when it looks
back ("last year", "in 2009", "had been"), reaction when someone responds ("said", "condemned",
"declined to comment"), news otherwise. Hand-written cue families: the trusted dependencies
have no discourse-role model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from glimpse.compose.memo import text_memo
from glimpse.compose.voice import outside_quotes

BACKGROUND = re.compile(
    r"\b(?:last (?:year|month|week|summer|winter|spring|autumn|fall)|(?:in|since|until|by) "
    r"(?:early |late |mid-)?(?:19|20)\d\d\b|previously|formerly|earlier this (?:year|month)|"
    r"years? ago|had been|had long|was founded|first time since|in the past|history of|"
    r"the (?:last|previous) time|decades?)\b",
    re.I,
)
REACTION = re.compile(
    r"\b(?:said|says|told|tells|added|according to|condemned|condemns|welcomed|welcomes|"
    r"responded|criticis\w+|criticiz\w+|praised|warned|urged|called on|called for|vowed|"
    r"declined to comment|in a statement|tweeted|wrote)\b",
    re.I,
)
# The narrower cue the summary uses: the sentence is about an earlier time, not just in the
# past perfect ("had been") or about a long period ("decades").
EARLIER = re.compile(
    r"\b(?:last (?:year|month|summer|winter|spring|autumn|fall)|(?:in|since) (?:early |late |"
    r"mid-)?(?:19|20)\d\d\b|years? ago|previously|earlier this (?:year|month)|"
    r"first time since)\b",
    re.I,
)
ROLES = ("news", "reaction", "background")
T = TypeVar("T")


@text_memo()
def looks_back(text: str) -> bool:
    """Whether ``text`` reports an earlier time (what led to the news, not the news);
    memoised: each summary selection reads every candidate."""
    return bool(EARLIER.search(outside_quotes(text)))


def role(text: str) -> str:
    """ "background", "reaction" or "news" for one body sentence."""
    if BACKGROUND.search(outside_quotes(text)):
        return "background"
    if REACTION.search(text) or any(q in text for q in '“"'):
        return "reaction"
    return "news"


def lay_out(
    sentences: Sequence[T],
    texts: Sequence[str],
    when: Sequence[tuple[int, int]],
    size: int,
    lead: int = 2,
) -> list[list[T]]:
    """Paragraphs of ``sentences`` (given best first, with their ``texts`` and time keys
    ``when``): the ``lead`` most important news sentences, the other news in time order, then
    reactions, then background, each in time order and at most ``size`` to a paragraph."""
    roles = [role(t) for t in texts]
    news = [i for i, r in enumerate(roles) if r == "news"]
    top = news[:lead]
    paragraphs: list[list[T]] = [[sentences[i] for i in top]] if top else []
    for name in ROLES:
        rest = [i for i, r in enumerate(roles) if r == name and i not in top]
        rest.sort(key=lambda i: when[i])
        paragraphs += [
            [sentences[i] for i in rest[k : k + size]] for k in range(0, len(rest), size)
        ]
    return paragraphs
