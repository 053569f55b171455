"""Webhooks: signed JSON events for new stories, new outlets and new headlines, delivered by a
background thread with retries, through a local HTTP receiver that checks the signature."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from glimpse.errors import ConfigError
from glimpse.notify import (
    CREATED,
    HEADLINE,
    NEW_OUTLET,
    NotifyOptions,
    Snapshot,
    open_notifier,
    snapshot,
    story_events,
)
from glimpse.publish.sample import add_story, fill_store, sample_article, sample_brief, story_id
from glimpse.store import Store
from tests._http import LocalServer, Reply, Request

SECRET = "hook-secret"


class Receiver:
    """Answers 503 to the first ``fail_first`` POSTs, then 200; keeps what verified."""

    def __init__(self, fail_first: int = 0, delay: float = 0.0) -> None:
        self.fail_first, self.delay = fail_first, delay
        self.attempts: list[float] = []
        self.events: list[dict[str, Any]] = []
        self.bad_signatures = 0

    def __call__(self, request: Request) -> Reply:
        self.attempts.append(time.monotonic())
        time.sleep(self.delay)
        expected = "sha256=" + hmac.new(SECRET.encode(), request.body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(request.headers.get("X-Glimpse-Signature", ""), expected):
            self.bad_signatures += 1
            return Reply(401)
        if len(self.attempts) <= self.fail_first:
            return Reply(503)
        self.events.append(json.loads(request.body))
        return Reply(204)


@pytest.fixture
def receiver(http_server: LocalServer) -> tuple[Receiver, str]:
    http_server.routes["/hook"] = state = Receiver()
    return state, http_server.url("/hook")


def _options(url: str, **kw: Any) -> NotifyOptions:
    return NotifyOptions(webhook_url=url, secret_env="GLIMPSE_TEST_HOOK_SECRET", backoff=0.05, **kw)


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLIMPSE_TEST_HOOK_SECRET", SECRET)


def test_events_for_new_stories_new_outlets_and_new_headlines() -> None:
    before = {"a": Snapshot("Quake hits Hokkaido", 2), "b": Snapshot("Vote delayed", 3)}
    after = {"a": Snapshot("Quake kills 9 in Hokkaido", 3), "b": Snapshot("Vote delayed", 3),
             "c": Snapshot("New story", 1)}  # fmt: skip
    events = story_events(before, after, now=datetime(2026, 12, 1, tzinfo=UTC))
    kinds = sorted((e["event"], e["story"]) for e in events)
    assert kinds == [(CREATED, "c"), (HEADLINE, "a"), (NEW_OUTLET, "a")]
    grew = next(e for e in events if e["event"] == NEW_OUTLET)
    assert grew["previous_outlets"] == 2 and grew["outlets"] == 3 and grew["at"].endswith("Z")
    assert len({e["id"] for e in events}) == 3


def test_store_snapshots_see_what_a_build_changed(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as store:
        fill_store(store, 3)
        before = snapshot(store)
        add_story(store, story_id(7), [sample_article(7, 0)], ("Lisbon",))
        grown = [sample_article(1, n) for n in range(5)]
        add_story(store, story_id(1), grown, ())
        renamed = replace(sample_brief(story_id(2), [sample_article(2, n) for n in range(4)]),
                          headline="A new headline")  # fmt: skip
        store.save_brief(renamed)
        events = story_events(before, snapshot(store))
    assert sorted((e["event"], e["story"]) for e in events) == sorted(
        [(CREATED, story_id(7)), (NEW_OUTLET, story_id(1)), (HEADLINE, story_id(2))])  # fmt: skip


def test_signed_events_arrive_after_retries_with_backoff(receiver: tuple[Receiver, str]) -> None:
    state, url = receiver
    state.fail_first = 2
    notifier = open_notifier(_options(url))
    assert notifier is not None
    event = story_events({}, {"s1": Snapshot("Quake", 1)})
    notifier.publish(event)
    notifier.close(wait=5)
    assert state.bad_signatures == 0 and [e["story"] for e in state.events] == ["s1"]
    assert len(state.attempts) == 3 and notifier.delivered == 1
    gaps = [b - a for a, b in zip(state.attempts, state.attempts[1:], strict=False)]
    assert gaps[0] >= 0.05 and gaps[1] >= 0.1  # back-off doubles


def test_a_receiver_that_keeps_failing_gets_a_bounded_number_of_attempts(
    receiver: tuple[Receiver, str],
) -> None:
    state, url = receiver
    state.fail_first = 100
    notifier = open_notifier(_options(url, retries=2))
    assert notifier is not None
    notifier.publish(story_events({}, {"s1": Snapshot("Quake", 1)}))
    notifier.close(wait=5)
    assert len(state.attempts) == 3 and notifier.failed == 1 and state.events == []


def test_publishing_never_blocks_on_a_slow_receiver_and_a_full_queue_drops(
    receiver: tuple[Receiver, str],
) -> None:
    state, url = receiver
    state.delay = 0.5
    notifier = open_notifier(_options(url, queue_size=2))
    assert notifier is not None
    events = story_events({}, {f"s{i}": Snapshot(f"Story {i}", 1) for i in range(6)})
    started = time.monotonic()
    notifier.publish(events)
    assert time.monotonic() - started < 0.1
    notifier.close(wait=3)
    assert notifier.dropped >= 3 and notifier.delivered == 6 - notifier.dropped


def test_a_webhook_without_its_secret_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GLIMPSE_TEST_HOOK_SECRET")
    with pytest.raises(ConfigError):
        open_notifier(_options("http://127.0.0.1:9/hook"))
    assert open_notifier(NotifyOptions()) is None
