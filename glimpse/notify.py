"""Webhooks: a signed JSON event when a story is created, grows by a new outlet, or changes its
headline.

:func:`story_events` is pure: it compares two :func:`snapshot`\\ s of the story list (before and
after a build). A :class:`Notifier` delivers events from a background thread through a bounded
queue, so ``build`` and ``watch`` never wait for a slow receiver: a full queue drops the event (and
logs it); a failed POST (a connection error, 429 or 5xx) is retried with exponential back-off.
``glimpse build`` gives the queue ``drain_seconds`` to empty before it exits; ``glimpse watch``
keeps the thread running across rounds.

Every POST carries ``X-Glimpse-Signature: sha256=<hex>``, the HMAC-SHA256 of the exact body under
the secret named by ``secret_env``; a receiver recomputes it over the raw body and compares with
:func:`hmac.compare_digest`. The webhook URL is configured by the desk, so it is not subject to
the private-address refusal that applies to URLs found in content.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import json
import logging
import os
import queue
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from glimpse.errors import ConfigError
from glimpse.models import content_id
from glimpse.retry import Backoff, retry
from glimpse.serialize import iso

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Glimpse-Signature"
CREATED, NEW_OUTLET, HEADLINE = "story.created", "story.new_outlet", "story.headline_changed"


@dataclass(frozen=True, slots=True)
class NotifyOptions:
    """``[notify]``: where events go and how hard delivery tries.

    Attributes:
        webhook_url: the receiver (empty: no webhooks).
        secret_env: the environment variable holding the HMAC secret (required with a URL).
        retries: further attempts after a failed POST.
        backoff: seconds before the first retry; doubled for each next one.
        timeout: seconds per POST.
        queue_size: events waiting at most; more are dropped and logged.
        drain_seconds: how long ``glimpse build`` waits for the queue before it exits.
    """

    webhook_url: str = ""
    secret_env: str = ""
    retries: int = 4
    backoff: float = 1.0
    timeout: float = 10.0
    queue_size: int = 1000
    drain_seconds: float = 10.0


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a reader of the story list sees of one story: its headline and outlet count."""

    headline: str
    outlets: int


def snapshot(store: Any) -> dict[str, Snapshot]:
    """Every listed story's headline and outlet count (one query)."""
    rows = store.list_stories(limit=10**9)
    return {r.story: Snapshot(r.headline, r.outlets) for r in rows}


def story_events(
    before: Mapping[str, Snapshot], after: Mapping[str, Snapshot], now: datetime | None = None
) -> list[dict[str, Any]]:
    """The events between two snapshots: new stories, more outlets, changed headlines."""
    at = iso(now or datetime.now(UTC))
    events: list[dict[str, Any]] = []
    for story, new in after.items():
        old = before.get(story)
        base = {"story": story, "headline": new.headline, "outlets": new.outlets, "at": at}
        if old is None:
            events.append({"event": CREATED, **base})
            continue
        if new.outlets > old.outlets:
            events.append({"event": NEW_OUTLET, **base, "previous_outlets": old.outlets})
        if new.headline != old.headline:
            events.append({"event": HEADLINE, **base, "previous_headline": old.headline})
    for event in events:
        event["id"] = content_id(event["event"], event["story"], event["headline"],
                                 str(event["outlets"]), prefix="e")  # fmt: skip
    return events


def sign(body: bytes, secret: str) -> str:
    """The ``X-Glimpse-Signature`` value of ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def _retryable(status: int) -> bool:
    return status == 429 or status >= 500


class Notifier:
    """Delivers events to one webhook from a daemon thread; :meth:`publish` never blocks."""

    def __init__(self, options: NotifyOptions, secret: str) -> None:
        self.options, self.secret = options, secret
        self.queue: queue.Queue[dict[str, Any] | None] = queue.Queue(max(options.queue_size, 1))
        self.delivered = self.failed = self.dropped = 0
        self._client = httpx.Client(timeout=options.timeout, follow_redirects=False)
        self._thread = threading.Thread(target=self._run, name="glimpse-webhooks", daemon=True)
        self._thread.start()

    def publish(self, events: Sequence[dict[str, Any]]) -> None:
        for event in events:
            try:
                self.queue.put_nowait(event)
            except queue.Full:
                self.dropped += 1
                log.warning("webhook queue full: dropped %s %s", event["event"], event["story"])

    def close(self, wait: float | None = None) -> None:
        """Stop after the queued events (waiting at most ``wait`` seconds, default
        ``drain_seconds``); what is still queued then is logged and left."""
        deadline = time.monotonic() + (self.options.drain_seconds if wait is None else wait)
        while self.queue.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.02)
        if self.queue.unfinished_tasks:
            log.warning("webhooks: %d events not delivered", self.queue.unfinished_tasks)
        with contextlib.suppress(queue.Full):
            self.queue.put_nowait(None)
        self._thread.join(timeout=0.5)
        if not self._thread.is_alive():
            self._client.close()

    def _run(self) -> None:
        while (event := self.queue.get()) is not None:
            try:
                self._deliver(event)
            finally:
                self.queue.task_done()
        self.queue.task_done()

    def _deliver(self, event: dict[str, Any]) -> None:
        body = json.dumps(event, ensure_ascii=False, sort_keys=True).encode("utf-8")
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "glimpse-webhooks",
            "X-Glimpse-Event": event["event"],
            SIGNATURE_HEADER: sign(body, self.secret),
        }
        tries = itertools.count(1)
        try:
            status: int | None = retry(
                lambda: self._post(event, body, headers, next(tries)),
                Backoff(self.options.retries, self.options.backoff),
                retry_error=lambda exc: isinstance(exc, httpx.HTTPError),
                retry_result=_retryable,
            )
        except httpx.HTTPError:
            status = None
        if status is None or _retryable(status):
            self.failed += 1
            log.warning("webhook %s for %s not delivered", event["event"], event["story"])
            return
        self.delivered += status < 400
        self.failed += status >= 400

    def _post(self, event: dict[str, Any], body: bytes, headers: dict[str, str], n: int) -> int:
        """One POST: its status; a failure is logged with the attempt's number."""
        try:
            status = self._client.post(self.options.webhook_url, content=body,
                                       headers=headers).status_code  # fmt: skip
        except httpx.HTTPError as exc:
            log.info("webhook %s: %s (attempt %d)", event["id"], exc, n)
            raise
        if _retryable(status):
            log.info("webhook %s: HTTP %d (attempt %d)", event["id"], status, n)
        return status


def open_notifier(options: NotifyOptions) -> Notifier | None:
    """A running :class:`Notifier`, or None when no webhook is configured.

    Raises :class:`ConfigError` when the URL is not http(s) or the secret is missing.
    """
    if not options.webhook_url:
        return None
    if not options.webhook_url.startswith(("http://", "https://")):
        raise ConfigError("notify.webhook_url must be an http(s) URL", options.webhook_url)
    secret = os.environ.get(options.secret_env) if options.secret_env else None
    if not secret:
        raise ConfigError("notify.secret_env must name a set environment variable", "[notify]")
    return Notifier(options, secret)
