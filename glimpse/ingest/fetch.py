"""HTTP fetching with httpx: timeouts, a size limit, a clear user agent, conditional requests,
per-host politeness, robots.txt and back-off on errors.

httpx does the HTTP; what no library here does for us is the per-host pacing and the
robots.txt cache around one shared client, so that part is written by hand below.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

import httpx

from glimpse import __version__
from glimpse.errors import FetchError, FetchTimeout, TooLarge

USER_AGENT = f"glimpse/{__version__} (news desk engine; +https://pypi.org/project/glimpse/)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Per-run HTTP settings; ``min_interval`` is the seconds between requests to one host.

    ``timeout`` bounds each read, ``connect_timeout`` the TCP/TLS connect, ``deadline`` a whole
    request (connect + headers + body, retries included) so a dripping server cannot extend it.
    ``robots_timeout``/``robots_max_bytes`` bound robots.txt. ``host_failures`` failed requests
    in a row make a host fail fast for the rest of the run. ``allow_private`` lifts the refusal of
    loopback/private/link-local addresses for URLs found in content.
    """

    timeout: float = 15.0
    connect_timeout: float = 5.0
    deadline: float = 30.0
    robots_timeout: float = 5.0
    robots_max_bytes: int = 512 * 1024
    host_failures: int = 3
    allow_private: bool = False
    max_bytes: int = 10 * 1024 * 1024
    min_interval: float = 1.0
    robots: bool = True
    retries: int = 2
    backoff: float = 1.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    fetched: datetime

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    """One HTTP client shared by a run. Use as a context manager."""

    options: FetchOptions = field(default_factory=FetchOptions)
    _client: httpx.Client | None = None
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.options.timeout,
                follow_redirects=True,
                headers={"User-Agent": self.options.user_agent},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url``; raises FetchError / FetchTimeout / TooLarge with the URL as subject."""
        if self.options.robots and not self.allowed(url):
            raise FetchError("disallowed by robots.txt", url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.options.retries + 1):
            try:
                result = self._get(url, headers)
            except FetchTimeout:
                if attempt == self.options.retries:
                    raise
                self._sleep_backoff(attempt, None)
                continue
            if result.status in RETRY_STATUSES and attempt < self.options.retries:
                self._sleep_backoff(attempt, None)
                continue
            if result.status >= 400:
                raise FetchError(f"HTTP {result.status}", url)
            return result
        raise FetchError("gave up after retries", url)  # pragma: no cover

    def _sleep_backoff(self, attempt: int, retry_after: float | None) -> None:
        time.sleep(min(retry_after or self.options.backoff * 2**attempt, 30.0))

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        wait = self._last.get(host, 0.0) + self.options.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def _get(self, url: str, headers: dict[str, str]) -> FetchResult:
        self._pace(url)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                content = self._read_limited(response, url)
        except httpx.TimeoutException as exc:
            raise FetchTimeout(f"timed out after {self.options.timeout:g}s", url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"request failed ({exc.__class__.__name__}: {exc})", url) from exc
        return FetchResult(
            url=str(response.url),
            status=response.status_code,
            content=content,
            content_type=response.headers.get("content-type", ""),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            fetched=datetime.now(UTC),
        )

    def _read_limited(self, response: httpx.Response, url: str) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.options.max_bytes:
            raise TooLarge(f"{declared} bytes, over the {self.options.max_bytes} byte limit", url)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.options.max_bytes:
                raise TooLarge(f"over the {self.options.max_bytes} byte limit", url)
            chunks.append(chunk)
        return b"".join(chunks)

    def allowed(self, url: str) -> bool:
        """robots.txt for the URL's host, fetched once per run; a missing file allows all."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._robots:
            self._robots[key] = self._load_robots(key)
        parser = self._robots[key]
        return parser is None or parser.can_fetch(self.options.user_agent, url)

    def _load_robots(self, base: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            response = self.client.get(f"{base}/robots.txt", timeout=min(self.options.timeout, 5.0))
        except httpx.HTTPError:
            return None
        if response.status_code >= 400:
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.text.splitlines())
        return parser
