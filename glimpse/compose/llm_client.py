"""The LLM writer's client: OpenAI-compatible ``/chat/completions`` over httpx.

httpx rather than the ``openai`` package: glimpse already depends on it, and the few fields
used here (messages, temperature, max_tokens, response_format, usage) are the stable core of
the schema every compatible server (vLLM, llama.cpp, Ollama, hosted APIs) implements.

JSON output is asked for in the strongest form the server accepts: ``json_schema`` (OpenAI,
vLLM, Ollama), then ``json_object`` with a ``schema`` (llama-cpp-python's server, which
turns it into a grammar), then no ``response_format`` at all (the tolerant parser reads
the JSON out of free text). A server that rejects one form is asked in the next, and the
form that worked is kept for the following requests.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from glimpse.retry import Backoff, retry


class Chat(Protocol):
    """A chat function: messages (and the answer's JSON schema) in, the answer's text out."""

    def __call__(
        self, messages: Sequence[dict[str, str]], schema: dict[str, Any] | None = None
    ) -> str: ...


class LLMUnavailable(Exception):
    """The endpoint could not be used (down, slow, garbage); the message says why.

    ``transport`` is true when the server itself failed (refused, timed out, HTTP errors),
    so the caller can stop asking it for the rest of a run.
    """

    def __init__(self, reason: str, transport: bool = False, outcome: Any = None) -> None:
        super().__init__(reason)
        self.transport = transport
        self.outcome = outcome  # the writer's Outcome when the gate refused every sentence


@dataclass(frozen=True, slots=True)
class LLMOptions:
    """How the LLM writer reaches its model (the ``[llm]`` config table).

    Attributes:
        base_url: the OpenAI-compatible API root (``.../v1``).
        model: the model name sent with each request and recorded in the brief's ``writer``.
        api_key_env: the environment variable holding the API key (none needed locally).
        timeout: seconds per request.
        max_concurrency: at most this many requests to the server at once; ``build`` and
            ``watch`` rewrite this many briefs side by side.
        temperature: sampling temperature.
        max_tokens: at most this many tokens per answer.
        retries: a failed request is retried this many times, with doubling back-off.
        budget: seconds one brief may spend on the model; past it, failing sentences are no
            longer sent back for a rewrite (the extractive sentence replaces them).
        judge: also ask the endpoint, in a second call per generated sentence that passed
            every other check, whether its cited sentences entail it (``entailment``); an
            endpoint that cannot answer is not asked again in the run.
        judge_model: the model that judges (default: ``model``).
    """

    base_url: str = "http://127.0.0.1:8080/v1"
    model: str = "local"
    api_key_env: str = "GLIMPSE_LLM_API_KEY"
    timeout: float = 60.0
    max_concurrency: int = 2
    temperature: float = 0.2
    max_tokens: int = 600
    retries: int = 2
    budget: float = 180.0
    judge: bool = True
    judge_model: str = ""


def _formats(schema: dict[str, Any]) -> list[dict[str, Any] | None]:
    return [
        {"type": "json_schema", "json_schema": {"name": "brief", "schema": schema}},
        {"type": "json_object", "schema": schema},
        None,
    ]


def _rejects_format(response: httpx.Response) -> bool:
    """A 4xx, or a 5xx whose message names ``response_format`` (llama-cpp-python answers a
    validation error with 500), means: ask again in a weaker form."""
    if response.status_code in (400, 422):
        return True
    return response.status_code >= 500 and "response_format" in response.text


#: what makes one request fail and be retried: the server (HTTP errors, 5xx) or its answer
_FAILURES = (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError)


def _failure(exc: Exception) -> str:
    """Why the last request failed: ``HTTP 503`` for a server error, else the exception."""
    if isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code >= 500:
        return f"HTTP {exc.response.status_code}"
    return f"{type(exc).__name__}: {exc}"


class HttpChat:
    """A chat function over ``options``' endpoint; counts calls and tokens in and out.

    Thread-safe: at most ``max_concurrency`` requests are in flight at once.
    """

    def __init__(self, options: LLMOptions, client: httpx.Client | None = None) -> None:
        self.options = options
        self.http = client or httpx.Client(timeout=options.timeout)
        key = os.environ.get(options.api_key_env, "")
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.gate = threading.BoundedSemaphore(max(1, options.max_concurrency))
        self.lock = threading.Lock()
        self.form = 0  # index into _formats(): the strongest form the server accepted
        self.calls = self.tokens_in = self.tokens_out = 0
        self.last = ""  # the last answer's content (for diagnostics and benches)

    def __call__(
        self, messages: Sequence[dict[str, str]], schema: dict[str, Any] | None = None
    ) -> str:
        with self.gate:
            return self._ask(list(messages), schema)

    def _ask(self, messages: list[dict[str, str]], schema: dict[str, Any] | None) -> str:
        o = self.options
        url = f"{o.base_url.rstrip('/')}/chat/completions"
        try:
            return retry(
                lambda: self._attempt(url, messages, schema),
                Backoff(o.retries, 0.5, cap=4.0),
                retry_error=lambda exc: isinstance(exc, _FAILURES),
            )
        except _FAILURES as exc:
            raise LLMUnavailable(f"{o.base_url}: {_failure(exc)}", transport=True) from exc

    def _attempt(
        self, url: str, messages: list[dict[str, str]], schema: dict[str, Any] | None
    ) -> str:
        """One request, asked again in a weaker form while the server rejects the form."""
        while True:
            used = self.form
            body: dict[str, Any] = {
                "model": self.options.model,
                "messages": messages,
                "temperature": self.options.temperature,
                "max_tokens": self.options.max_tokens,
            }
            form = _formats(schema or {"type": "object"})[used]
            if form is not None:
                body["response_format"] = form
            r = self.http.post(url, json=body, headers=self.headers)
            if not (_rejects_format(r) and used < 2):
                break
            with self.lock:  # not an attempt: the same question in a weaker form
                self.form = max(self.form, used + 1)
        r.raise_for_status()
        return self._content(r.json())

    def _content(self, data: dict[str, Any]) -> str:
        usage = data.get("usage") or {}
        with self.lock:
            self.calls += 1
            self.tokens_in += int(usage.get("prompt_tokens") or 0)
            self.tokens_out += int(usage.get("completion_tokens") or 0)
        self.last = str(data["choices"][0]["message"]["content"])
        return self.last


def http_chat(options: LLMOptions, client: httpx.Client | None = None) -> HttpChat:
    """A chat function over ``options``' endpoint: JSON output, retries, back-off."""
    return HttpChat(options, client)


def parse_answer(content: str) -> dict[str, Any]:
    """The JSON object in a model's answer: code fences and text around it are tolerated."""
    start, end = content.find("{"), content.rfind("}")
    if start < 0 or end <= start:
        raise LLMUnavailable("the answer has no JSON object")
    try:
        data = json.loads(content[start : end + 1], strict=False)  # raw newlines in strings
    except json.JSONDecodeError as exc:
        raise LLMUnavailable(f"the answer is not JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise LLMUnavailable("the answer is not a JSON object")
    return data
