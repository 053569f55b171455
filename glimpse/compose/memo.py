"""Memoised pure text functions, forgotten together by :func:`clear`.

Selection ranks, trims and tests the same candidate sentences in every round (after each choice,
after each sentence left out, again for each disputed figure), so a few pure functions of a
sentence's text are called ten times per text on a big story. :func:`text_memo` keeps their
answers: a function of its arguments alone (no options, no story) cannot give a stale answer for
another story. :func:`glimpse.compose.terms.clear_caches` clears these with the term caches, so
a benchmark still times a brief from cold. Hand-written over ``functools.lru_cache`` only to keep
the registry of what to clear.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
T = TypeVar("T")
_CLEARS: list[Callable[[], None]] = []


def text_memo(maxsize: int = 8192) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorate a pure function of hashable arguments (a sentence's text) with an LRU cache
    that :func:`clear` forgets. Its result must be immutable (a str, bool, tuple, frozenset or
    frozen record): every caller gets the same object."""

    def wrap(fn: Callable[P, T]) -> Callable[P, T]:
        cached = functools.lru_cache(maxsize=maxsize)(fn)
        _CLEARS.append(cached.cache_clear)
        return cast(Callable[P, T], cached)

    return wrap


def clear() -> None:
    """Forget every memoised answer."""
    for clear_one in _CLEARS:
        clear_one()
