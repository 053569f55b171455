"""The LLM writer: a story's brief in a model's own words, every sentence through the gate.

The model (any OpenAI-compatible ``/chat/completions`` endpoint) gets the extractive brief's
sentences numbered by source (``[a1:7]`` = sentence 7 of the story's first article) and must
answer JSON: a summary and body sentences, each citing the numbered sentences it rests on.
Each generated sentence is checked by :func:`glimpse.compose.verify.verify_claim` against the
sentences it cites (strict attribution); one that fails is sent back once with the failure
named, then replaced by the extractive sentence for the same fact (the one it cites), or
dropped. Any transport or parse failure raises :class:`LLMUnavailable`; the caller keeps the
extractive brief and reports why. The writer never stores anything.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import httpx

from glimpse.compose.verify import GateOptions, Verdict, verify_claim
from glimpse.models import Article, Brief, BriefSentence, SupportRef

GATE = GateOptions(strict_attribution=True, checks=("numbers", "names", "quotes", "negation",
                                                    "attribution", "similarity"))  # fmt: skip
WRITER = "glimpse.compose.llm.v1"
CITE = re.compile(r"a(\d+):(\d+)")
SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "summary": {"type": "array", "items": {"$ref": "#/$defs/s"}},
        "body": {"type": "array", "items": {"$ref": "#/$defs/s"}},
    },
    "required": ["summary", "body"],
    "$defs": {
        "s": {
            "type": "object",
            "properties": {
                "text": {"type": "string"},
                "cites": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["text", "cites"],
        }
    },
}
SYSTEM = (
    "You are a wire editor. Rewrite the numbered source sentences as a short news brief in "
    "plain words. Use only facts the sentences state; keep every number, name, negation and "
    "attribution ('police said') as the source has it; never invent a quotation. Answer JSON "
    'only: {"summary": [{"text": ..., "cites": ["a1:3"]}], "body": [...]}; each sentence '
    "cites the numbered sentences it rests on."
)


class LLMUnavailable(Exception):
    """The endpoint could not be used (down, slow, garbage); the message says why."""


@dataclass(frozen=True, slots=True)
class LLMOptions:
    """How the LLM writer reaches its model (the ``[llm]`` config table).

    Attributes:
        base_url: the OpenAI-compatible API root (``.../v1``).
        model: the model name sent with each request.
        api_key_env: the environment variable holding the API key (none needed locally).
        timeout: seconds per request.
        max_concurrency: at most this many requests at once (the writer sends one at a time
            per brief; ``watch`` may run briefs side by side).
        temperature: sampling temperature.
        retries: a failed request is retried this many times, with doubling back-off.
        budget: seconds one brief may spend on the model before the extractive brief is kept.
    """

    base_url: str = "http://127.0.0.1:8080/v1"
    model: str = "local"
    api_key_env: str = "GLIMPSE_LLM_API_KEY"
    timeout: float = 30.0
    max_concurrency: int = 2
    temperature: float = 0.2
    retries: int = 2
    budget: float = 120.0


Chat = Callable[[list[dict[str, str]]], str]


def http_chat(options: LLMOptions, client: httpx.Client | None = None) -> Chat:
    """A chat function over ``options``' endpoint: JSON schema output, retries, back-off."""
    http = client or httpx.Client(timeout=options.timeout)
    key = os.environ.get(options.api_key_env, "")
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    fmt = {"type": "json_schema", "json_schema": {"name": "brief", "schema": SCHEMA}}

    def chat(messages: list[dict[str, str]]) -> str:
        body = {"model": options.model, "messages": messages,
                "temperature": options.temperature, "response_format": fmt}  # fmt: skip
        last = "no attempt"
        for attempt in range(options.retries + 1):
            try:
                r = http.post(f"{options.base_url.rstrip('/')}/chat/completions",
                              json=body, headers=headers)  # fmt: skip
                if r.status_code < 500:
                    r.raise_for_status()
                    return str(r.json()["choices"][0]["message"]["content"])
                last = f"HTTP {r.status_code}"
            except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
                last = f"{type(exc).__name__}: {exc}"
            time.sleep(min(0.25 * 2**attempt, 4.0))
        raise LLMUnavailable(f"{options.base_url}: {last}")

    return chat


def parse_answer(content: str) -> dict[str, Any]:
    """The JSON object in a model's answer: code fences and text around it are tolerated."""
    start, end = content.find("{"), content.rfind("}")
    if start < 0 or end <= start:
        raise LLMUnavailable("the answer has no JSON object")
    try:
        data = json.loads(content[start : end + 1])
    except json.JSONDecodeError as exc:
        raise LLMUnavailable(f"the answer is not JSON: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise LLMUnavailable("the answer is not a JSON object")
    return data


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of each generated sentence: ``accepted``, ``rewritten``, ``replaced``,
    ``dropped``, and the checks that rejected them (``rejected`` by check name)."""

    counts: dict[str, int]
    rejected: dict[str, int]


def _numbered(brief: Brief, articles: Sequence[Article]) -> tuple[str, dict[str, SupportRef]]:
    order = {a.id: n for n, a in enumerate(articles, 1)}
    refs = [r for s in [*brief.summary, *(x for p in brief.body for x in p)] for r in s.support]
    labels = {f"a{order[r.article]}:{r.sentence}": r for r in refs if r.article in order}
    by_id = {a.id: a for a in articles}
    lines = [f"[{k}] {by_id[r.article].sentences[r.sentence].text}" for k, r in labels.items()]
    return "\n".join(lines), labels


def _cited(item: Any, labels: dict[str, SupportRef]) -> tuple[str, list[SupportRef]]:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return "", []
    cites = item.get("cites") or []
    found = [m.group(0) for c in (cites if isinstance(cites, list) else [cites])
             for m in CITE.finditer(str(c))]  # fmt: skip
    return item["text"].strip(), [labels[c] for c in found if c in labels]


def _check(text: str, refs: list[SupportRef], by_id: dict[str, Article], embedder: Any) -> Verdict:
    texts = [by_id[r.article].sentences[r.sentence].text for r in refs]
    return verify_claim(text, texts, sentences=texts, embedder=embedder, options=GATE)


class _Writer:
    def __init__(self, chat: Chat, articles: Sequence[Article], brief: Brief, embedder: Any,
                 deadline: float) -> None:  # fmt: skip
        self.chat, self.brief, self.embedder, self.deadline = chat, brief, embedder, deadline
        self.by_id = {a.id: a for a in articles}
        self.counts = dict.fromkeys(("accepted", "rewritten", "replaced", "dropped"), 0)
        self.rejected: dict[str, int] = {}
        self.extracted = {r: s for s in [*brief.summary, *(x for p in brief.body for x in p)]
                          for r in s.support}  # fmt: skip

    def sentence(self, item: Any, labels: dict[str, SupportRef]) -> BriefSentence | None:
        text, refs = _cited(item, labels)
        if not text or not refs:
            self.counts["dropped"] += 1
            return None
        verdict = _check(text, refs, self.by_id, self.embedder)
        if not verdict.supported and time.monotonic() < self.deadline:
            for name in verdict.failed:
                self.rejected[name] = self.rejected.get(name, 0) + 1
            redo = self._rewrite(text, verdict, labels)
            if redo is not None:
                text, refs = redo[0], redo[1] or refs
                verdict = _check(text, refs, self.by_id, self.embedder)
                if verdict.supported:
                    self.counts["rewritten"] += 1
                    return BriefSentence(text, tuple(refs), checks=tuple(verdict.checks.items()))
        elif verdict.supported:
            self.counts["accepted"] += 1
            return BriefSentence(text, tuple(refs), checks=tuple(verdict.checks.items()))
        fallback = next((self.extracted[r] for r in refs if r in self.extracted), None)
        self.counts["replaced" if fallback else "dropped"] += 1
        return fallback

    def _rewrite(self, text: str, verdict: Verdict, labels: dict[str, SupportRef]
                 ) -> tuple[str, list[SupportRef]] | None:  # fmt: skip
        ask = (f"This sentence failed the check ({'; '.join(verdict.reasons)}): {text}\n"
               'Rewrite it so the cited sentences support it. Answer JSON: {"summary": '
               '[{"text": ..., "cites": [...]}], "body": []}')  # fmt: skip
        try:
            data = parse_answer(self.chat([{"role": "system", "content": SYSTEM},
                                           {"role": "user", "content": ask}]))  # fmt: skip
        except LLMUnavailable:
            return None
        items = data.get("summary") or []
        text2, refs = _cited(items[0], labels) if items else ("", [])
        return (text2, refs) if text2 else None


def write_brief(
    brief: Brief,
    articles: Sequence[Article],
    chat: Chat,
    *,
    model: str = "",
    budget: float = 120.0,
    embedder: Any = None,
) -> tuple[Brief, Outcome]:
    """``brief`` (the extractive one) rewritten by the model behind ``chat``, every sentence
    gated. Raises :class:`LLMUnavailable` when the model gives nothing usable."""
    listing, labels = _numbered(brief, articles)
    ask = f"Source sentences:\n{listing}"
    data = parse_answer(chat([{"role": "system", "content": SYSTEM},
                              {"role": "user", "content": ask}]))  # fmt: skip
    writer = _Writer(chat, articles, brief, embedder, time.monotonic() + budget)
    summary = [s for i in data.get("summary") or [] if (s := writer.sentence(i, labels))]
    body_items = data.get("body") or []
    flat = [x for p in body_items for x in (p if isinstance(p, list) else [p])]
    body = [s for i in flat if (s := writer.sentence(i, labels))]
    if not summary and not body:
        raise LLMUnavailable("no generated sentence passed the gate")
    paragraphs = tuple(tuple(body[i : i + 3]) for i in range(0, len(body), 3))
    # Brief.writer is still the versioned string the store marks briefs dirty by; the
    # {"name", "model"} object issue 18 asks for is left to the store/serialize change.
    out = replace(brief, summary=tuple(summary or body[:1]), body=paragraphs,
                  writer=f"{WRITER}:{model}")  # fmt: skip
    return out, Outcome(writer.counts, writer.rejected)
