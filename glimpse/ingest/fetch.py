"""HTTP fetching with httpx under one fetch policy: what may be fetched, for how long, how much.

Every request (feeds, pages, each redirect hop, robots.txt) goes through :meth:`Fetcher._follow`:
only http(s); the address rule of :mod:`glimpse.ingest.address` (user-named origins trusted);
robots.txt of every host reached; a host that failed ``host_failures`` times in a row (or
did not answer twice in a row: :data:`SILENT_FAILURES`) fails fast; per-host pacing; a total
deadline no dripping server can extend (:mod:`.transport`); a size limit. httpx does the
HTTP; redirects are followed here, one checked hop at a time, because httpx would follow
them without asking the policy.
"""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from glimpse import __version__
from glimpse.errors import AddressRefused, FetchError, FetchTimeout, SkipRecord, TooLarge
from glimpse.ingest.address import AddressPolicy, origin
from glimpse.ingest.transport import deadline_of, guarded_transport
from glimpse.retry import Backoff, retry

USER_AGENT = f"glimpse/{__version__} (news desk engine; +https://pypi.org/project/glimpse/)"
RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 10
#: a host that did not answer (timed out, refused or dropped the connection) this many times
#: in a row is given up, whatever ``host_failures`` allows: each such failure costs up to a
#: timeout, so a dead host's robots.txt and first page are enough (issue 15: a feed of 25
#: items on a host that accepts and never answers takes robots_timeout + timeout, not 25 waits)
SILENT_FAILURES = 2


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """Per-run HTTP settings; ``min_interval`` is the seconds between requests to one host.

    ``timeout`` bounds each read, ``connect_timeout`` the TCP/TLS connect, ``deadline`` a whole
    request (connect + headers + body, retries and redirects included) so a dripping server
    cannot extend it. ``robots_timeout``/``robots_max_bytes`` bound robots.txt (a longer file
    is read up to the cap). ``host_failures`` failed requests in a row make a host fail fast
    for the rest of the run (0: never). ``allow_private`` lifts the refusal of
    loopback/private/link-local addresses for URLs found in content. ``feed_entries`` caps the
    entries read from one feed.
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
    feed_entries: int = 200


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
class Budget:
    """Seconds a fetch may spend on the wire (attempts, back-off); pacing and robots are apart."""

    total: float
    spent: float = 0.0

    def left(self) -> float:
        return self.total - self.spent

    def spend(self, seconds: float) -> None:
        self.spent += seconds

    def wait(self, seconds: float) -> None:
        """Sleep (a back-off) on the budget."""
        time.sleep(seconds)
        self.spend(seconds)


@dataclass
class Fetcher:
    """One HTTP client shared by a run. Use as a context manager."""

    options: FetchOptions = field(default_factory=FetchOptions)
    policy: AddressPolicy | None = None
    _client: httpx.Client | None = None
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _failures: dict[str, int] = field(default_factory=dict)
    _silent: dict[str, int] = field(default_factory=dict)  # no answer, in a row

    def __post_init__(self) -> None:
        if self.policy is None:
            self.policy = AddressPolicy(allow_private=self.options.allow_private)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def guard(self) -> AddressPolicy:
        assert self.policy is not None  # set in __post_init__
        return self.policy

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            opts = self.options
            self._client = httpx.Client(
                transport=guarded_transport(self.guard),
                timeout=httpx.Timeout(opts.timeout, connect=opts.connect_timeout),
                follow_redirects=False,
                headers={"User-Agent": opts.user_agent},
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def trust(self, url: str) -> None:
        """``url`` was named by the user: its origin may be a local address."""
        self.guard.trust(url)

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url``; raises FetchError / FetchTimeout / TooLarge / AddressRefused naming it."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        budget = Budget(self.options.deadline)
        result = retry(
            lambda: self._follow(url, headers, budget),
            Backoff(self.options.retries, self.options.backoff, cap=30.0),
            retry_error=lambda exc: isinstance(exc, FetchTimeout) and not self._given_up(url),
            retry_result=lambda result: result.status in RETRY_STATUSES,
            time_left=budget.left,
            sleep=budget.wait,
        )
        if result.status >= 400:
            raise FetchError(f"HTTP {result.status}", url)
        return result

    def _follow(
        self,
        url: str,
        headers: dict[str, str],
        budget: Budget,
        *,
        page: bool = True,
        cap: int | None = None,
    ) -> FetchResult:
        """One attempt: GET, following checked redirects. ``page`` False is a robots.txt
        request (no robots check, no pacing); ``cap`` truncates the body instead of failing."""
        hop = url
        for _ in range(MAX_REDIRECTS + 1):
            self._admit(hop, url, page=page)
            answer = self._exchange(hop, url, headers, budget, cap)
            if isinstance(answer, FetchResult):
                return answer
            hop = answer
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", url)

    def _admit(self, hop: str, url: str, *, page: bool) -> None:
        """Policy checks before a request to ``hop`` (``url`` names the fetch in errors)."""
        self.guard.check_url(hop, url)
        host = _host(hop)
        if self._given_up(hop):
            failures = self._failures.get(host, 0)
            raise FetchError(
                f"skipped: {host} failed {failures} requests in a row in this run (host_failures)",
                url,
            )
        if page and self.options.robots and not self.allowed(hop):
            where = "" if hop == url else f" (redirect to {hop})"
            raise FetchError(f"disallowed by robots.txt{where}", url)
        if page:
            self._pace(hop)

    def _exchange(
        self, hop: str, url: str, headers: dict[str, str], budget: Budget, cap: int | None
    ) -> FetchResult | str:
        """One request within what is left of ``budget``: the result, or a redirect target."""
        left = budget.left()
        if left <= 0:
            raise FetchTimeout(self._deadline_reason(budget), url)
        started = time.monotonic()
        try:
            with deadline_of(left), self.client.stream("GET", hop, headers=headers) as response:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    self._record(hop, ok=True)
                    return str(response.url.join(location))
                content = _read(response, url, cap or self.options.max_bytes, cap is not None)
            self._record(hop, ok=response.status_code not in RETRY_STATUSES)
            return _result(response, hop, content)
        except AddressRefused as exc:  # from the connect-time re-check (DNS rebinding)
            exc.subject = url
            raise
        except httpx.TimeoutException as exc:
            self._record(hop, ok=False, silent=True)
            if time.monotonic() - started >= left - 0.05:
                raise FetchTimeout(self._deadline_reason(budget), url) from exc
            raise FetchTimeout(self._timeout_reason(exc), url) from exc
        except httpx.HTTPError as exc:
            self._record(hop, ok=False, silent=isinstance(exc, httpx.TransportError))
            raise FetchError(f"request failed ({exc.__class__.__name__}: {exc})", url) from exc
        finally:
            budget.spend(time.monotonic() - started)

    def _timeout_reason(self, exc: httpx.TimeoutException) -> str:
        if isinstance(exc, httpx.ConnectTimeout):
            return f"could not connect within {self.options.connect_timeout:g} s (connect_timeout)"
        return f"no data for {self.options.timeout:g} s (timeout)"

    @staticmethod
    def _deadline_reason(budget: Budget) -> str:
        return f"no complete answer within the {budget.total:g} s deadline"

    def _record(self, hop: str, *, ok: bool, silent: bool = False) -> None:
        """Count failures in a row per host; ``silent``: no answer at all (timeout, refusal)."""
        host = _host(hop)
        self._failures[host] = 0 if ok else self._failures.get(host, 0) + 1
        self._silent[host] = self._silent.get(host, 0) + 1 if silent else 0

    def _given_up(self, url: str) -> bool:
        """Whether ``url``'s host failed ``host_failures`` times in a row, or did not answer
        :data:`SILENT_FAILURES` times in a row (0 ``host_failures``: never given up)."""
        limit = self.options.host_failures
        host = _host(url)
        return bool(limit) and (
            self._failures.get(host, 0) >= limit
            or self._silent.get(host, 0) >= min(SILENT_FAILURES, limit)
        )

    def _pace(self, url: str) -> None:
        host = _host(url)
        wait = self._last.get(host, 0.0) + self.options.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """robots.txt for the URL's host, fetched once per run; a missing file allows all."""
        found = origin(url)
        if found is None:
            return False
        key = f"{found[0]}://{found[1]}:{found[2]}"
        if key not in self._robots:
            self._robots[key] = self._load_robots(url)
        parser = self._robots[key]
        return parser is None or parser.can_fetch(self.options.user_agent, url)

    def _load_robots(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """Read at most ``robots_max_bytes`` within ``robots_timeout``; failures allow all."""
        robots_url = str(httpx.URL(url).join("/robots.txt"))
        budget = Budget(self.options.robots_timeout)
        try:
            response = self._follow(
                robots_url, {}, budget, page=False, cap=self.options.robots_max_bytes
            )
        except SkipRecord:  # timeouts, refusals, unreachable hosts: allow all
            return None
        if response.status >= 400:
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.content.decode("utf-8", "replace").splitlines())
        return parser


def _host(url: str) -> str:
    found = origin(url)
    return f"{found[1]}:{found[2]}" if found else url


def _read(response: httpx.Response, url: str, limit: int, truncate: bool) -> bytes:
    """The body, streamed: over ``limit`` bytes is TooLarge, or cut there when ``truncate``."""
    declared = response.headers.get("content-length", "")
    if not truncate and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"{declared} bytes, over the {limit} byte limit", url)
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        if size + len(chunk) > limit:
            if truncate:
                chunks.append(chunk[: limit - size])
                break
            raise TooLarge(f"over the {limit} byte limit", url)
        size += len(chunk)
        chunks.append(chunk)
    return b"".join(chunks)


def _result(response: httpx.Response, url: str, content: bytes) -> FetchResult:
    return FetchResult(
        url=url,
        status=response.status_code,
        content=content,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
        fetched=datetime.now(UTC),
    )
