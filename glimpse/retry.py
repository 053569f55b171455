"""One back-off loop for every retried request: page and feed fetches, webhooks, the LLM endpoint.

Hand-written rather than tenacity: the three callers need a retry count, doubling waits with a
cap, a deadline the waits must fit in (a fetch's wire budget), and a retry on an exception or on
a returned value (an HTTP status); that is the small function below, and tenacity would be a new
dependency for it. httpx's transport ``retries`` re-tries failed connections only, not statuses
or timeouts, so it does not fit either.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Backoff:
    """``retries`` further attempts after the first; before retry ``n`` (from 1) the wait is
    ``first * 2 ** (n - 1)`` seconds, at most ``cap``."""

    retries: int
    first: float
    cap: float = math.inf

    def wait(self, n: int) -> float:
        return min(self.first * 2.0 ** (n - 1), self.cap)


def _never(_outcome: object) -> bool:
    return False


def retry(
    attempt: Callable[[], T],
    backoff: Backoff,
    *,
    retry_error: Callable[[Exception], bool] = _never,
    retry_result: Callable[[T], bool] = _never,
    time_left: Callable[[], float] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> T:
    """Call ``attempt`` until its outcome is final, and return its value.

    An exception ``retry_error`` accepts, or a value ``retry_result`` accepts, is retried after
    :meth:`Backoff.wait` seconds (``sleep``, default :func:`time.sleep`), unless the retries are
    spent or the wait would not end before ``time_left()`` seconds: then that last outcome
    stands, the exception raised or the value returned. Any other exception is raised at once.
    """
    n = 0
    while True:
        n += 1
        try:
            value = attempt()
        except Exception as exc:
            if not (retry_error(exc) and _pause(backoff, n, time_left, sleep)):
                raise
            continue
        if not (retry_result(value) and _pause(backoff, n, time_left, sleep)):
            return value


def _pause(
    backoff: Backoff,
    n: int,
    time_left: Callable[[], float] | None,
    sleep: Callable[[float], None] | None,
) -> bool:
    """Wait before retry ``n``; False (no wait) when no retry is left or the wait does not fit."""
    if n > backoff.retries:
        return False
    wait = backoff.wait(n)
    if time_left is not None and wait >= time_left():
        return False
    (sleep or time.sleep)(wait)
    return True
