"""The one back-off loop (glimpse.retry): waits, retryable and fatal outcomes, the deadline."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from glimpse.retry import Backoff, retry


class Busy(Exception):
    """A failure worth another try."""


class Broken(Exception):
    """A failure no retry mends."""


def script(*outcomes: object) -> Callable[[], object]:
    """An attempt that gives ``outcomes`` in turn (an exception instance is raised)."""
    steps: Iterator[object] = iter(outcomes)

    def attempt() -> object:
        outcome = next(steps)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    return attempt


def is_busy(exc: Exception) -> bool:
    return isinstance(exc, Busy)


def test_waits_double_from_the_first_and_stop_at_the_cap() -> None:
    slept: list[float] = []
    failures = [Busy(str(n)) for n in range(6)]
    with pytest.raises(Busy) as info:
        retry(script(*failures), Backoff(5, 0.5, cap=4.0), retry_error=is_busy, sleep=slept.append)
    assert slept == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert info.value is failures[-1]  # the last failure is the one raised


def test_a_retryable_error_is_tried_again_until_a_value_comes() -> None:
    slept: list[float] = []
    value = retry(script(Busy(), Busy(), "ok"), Backoff(2, 0.1), retry_error=is_busy,
                  sleep=slept.append)  # fmt: skip
    assert value == "ok" and slept == [0.1, 0.2]


def test_a_fatal_error_is_raised_at_once_without_a_wait() -> None:
    slept: list[float] = []
    with pytest.raises(Broken):
        retry(script(Busy(), Broken(), "never"), Backoff(5, 0.1), retry_error=is_busy,
              sleep=slept.append)  # fmt: skip
    assert slept == [0.1]


def test_errors_are_fatal_unless_said_retryable() -> None:
    slept: list[float] = []
    with pytest.raises(Busy):
        retry(script(Busy(), "ok"), Backoff(3, 0.1), sleep=slept.append)
    assert slept == []


def test_a_retryable_value_is_tried_again_and_the_last_one_returned_when_retries_run_out() -> None:
    slept: list[float] = []
    busy = lambda status: status == 503  # noqa: E731
    assert retry(script(503, 503, 200), Backoff(3, 0.1), retry_result=busy,
                 sleep=slept.append) == 200  # fmt: skip
    assert retry(script(503, 503, 503, 200), Backoff(2, 0.1), retry_result=busy,
                 sleep=slept.append) == 503  # fmt: skip
    assert retry(script(404, 200), Backoff(2, 0.1), retry_result=busy, sleep=slept.append) == 404


def test_no_retries_is_one_attempt() -> None:
    slept: list[float] = []
    with pytest.raises(Busy):
        retry(script(Busy(), "ok"), Backoff(0, 0.1), retry_error=is_busy, sleep=slept.append)
    assert slept == []


def test_a_wait_that_does_not_end_before_the_deadline_is_not_taken() -> None:
    clock = {"left": 1.0}
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock["left"] -= seconds

    with pytest.raises(Busy):
        retry(script(*[Busy() for _ in range(9)]), Backoff(8, 0.25), retry_error=is_busy,
              time_left=lambda: clock["left"], sleep=sleep)  # fmt: skip
    # 0.25 then 0.5 fit in 1 s; the next 1 s wait does not fit in the 0.25 s left
    assert slept == [0.25, 0.5]


def test_a_wait_as_long_as_the_time_left_is_not_taken() -> None:
    slept: list[float] = []
    value = retry(script(503, 200), Backoff(3, 0.5), retry_result=lambda s: s == 503,
                  time_left=lambda: 0.5, sleep=slept.append)  # fmt: skip
    assert value == 503 and slept == []


def test_the_default_sleep_really_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)  # looked up at each wait, so patchable
    assert retry(script(Busy(), "ok"), Backoff(1, 0.3), retry_error=is_busy) == "ok"
    assert slept == [0.3]
