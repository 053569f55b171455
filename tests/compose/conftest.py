"""Compose fixtures: small stories from tests/resources/compose, split by the real extractor."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from glimpse.compose.judge import JUDGE_SYSTEM, PROBE
from glimpse.extract import article_from_text
from glimpse.models import Article
from tests._http import LocalServer, Reply, Request

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "compose"


def read_story(name: str) -> list[Article]:
    articles = []
    for line in (RESOURCES / f"{name}.jsonl").read_text().splitlines():
        row = json.loads(line)
        articles.append(
            article_from_text(
                row["title"],
                row["text"],
                id=row["id"],
                url=row.get("url"),
                source=row.get("source"),
                published=datetime.fromisoformat(row["published"].replace("Z", "+00:00")),
            )
        )
    return articles


@pytest.fixture
def story() -> Callable[[str], list[Article]]:
    """Load a story (a list of articles) by resource name."""
    return read_story


class Script:
    """Answers queued by the test, one per request; records the requests. With
    ``schema_rejected`` it answers ``json_schema`` requests as llama-cpp-python does (500).
    The entailment judge's requests (its system prompt) are recorded in ``judged``, not
    ``requests``, and answered ``not supported`` when the claim contains one of ``refuted``,
    else ``supported`` (or ``judge_answer`` verbatim when set)."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.requests: list[dict[str, object]] = []
        self.refuted: list[str] = [PROBE[2]]  # a judge that passes its probe
        self.judge_answer: str | None = None
        self.judged: list[dict[str, object]] = []
        self.schema_rejected = False

    def __call__(self, request: Request) -> Reply:
        """The OpenAI-compatible ``/chat/completions`` answer to one request."""
        body = json.loads(request.body)
        judging = body["messages"][0]["content"] == JUDGE_SYSTEM
        (self.judged if judging else self.requests).append(body)
        form = (body.get("response_format") or {}).get("type")
        json_type = {"Content-Type": "application/json"}
        if self.schema_rejected and form == "json_schema":
            data = b'{"error": {"message": "response_format.type: Input should be json_object"}}'
            return Reply(500, json_type, data)
        if judging:
            claim = body["messages"][1]["content"].split("Claim: ", 1)[1]
            no = any(r in claim for r in self.refuted)
            verdict = json.dumps({"verdict": "not supported" if no else "supported"})
            content = self.judge_answer if self.judge_answer is not None else verdict
        else:
            content = self.answers.pop(0) if self.answers else "{}"
        usage = {"prompt_tokens": 100, "completion_tokens": 20}
        data = json.dumps({"choices": [{"message": {"content": content}}], "usage": usage})
        return Reply(200, json_type, data.encode())


@pytest.fixture
def server(http_server: LocalServer) -> tuple[str, Script]:
    http_server.routes["/v1/chat/completions"] = script = Script()
    return http_server.url("/v1"), script
