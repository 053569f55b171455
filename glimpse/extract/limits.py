"""Hard per-page limits: a byte cap before parsing, a node cap after it, a wall-clock alarm.

Why three: the byte cap is free and stops a 50 MB page before any work; lxml parses in linear
time at C speed, so the node cap right after parsing bounds the work of every extractor that
walks the tree; the alarm catches whatever pathological page slips through both. Python can only
interrupt running code with a signal in the main thread, so off the main thread the two caps
alone bound the time (extractors here are close to linear in the number of nodes).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from glimpse.errors import SkipRecord, TooLarge


class ExtractTimeout(SkipRecord):
    """Extraction ran past ``ExtractOptions.timeout_s`` (code G006, timeout)."""

    code = "G006"


def check_size(size: int, limit: int, what: str = "page") -> None:
    if size > limit:
        raise TooLarge(f"{what} is {size:,} bytes, over the {limit:,}-byte limit")


def check_nodes(count: int, limit: int) -> None:
    if count > limit:
        raise TooLarge(f"page has {count:,} HTML elements, over the {limit:,}-element limit")


@dataclass
class Deadline:
    expired: bool = False


@contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """Raise :class:`ExtractTimeout` if the block runs longer than ``seconds`` (main thread).

    The alarm fires once and its handler restores the previous one before raising, so nothing
    is left armed whatever the timing. Third-party extractors catch broad exceptions: a block
    that swallowed the alarm still ends in :class:`ExtractTimeout` when it returns.
    """
    state = Deadline()
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0  # never override someone else's alarm
    )
    if not usable:
        yield state
        return
    reason = f"extraction took longer than {seconds:g} s"

    def _expire(signum: int, frame: FrameType | None) -> None:
        signal.signal(signal.SIGALRM, previous)
        state.expired = True
        raise ExtractTimeout(reason)

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield state
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if state.expired:
        raise ExtractTimeout(reason)
