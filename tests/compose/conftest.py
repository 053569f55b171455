"""Compose fixtures: small stories from tests/resources/compose, split by the real extractor."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from glimpse.compose.judge import JUDGE_SYSTEM, PROBE
from glimpse.extract import article_from_text
from glimpse.models import Article

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


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            judging = body["messages"][0]["content"] == JUDGE_SYSTEM
            (script.judged if judging else script.requests).append(body)
            form = (body.get("response_format") or {}).get("type")
            if script.schema_rejected and form == "json_schema":
                data = (
                    b'{"error": {"message": "response_format.type: Input should be json_object"}}'
                )
                self.send_response(500)
            else:
                if judging:
                    claim = body["messages"][1]["content"].split("Claim: ", 1)[1]
                    no = any(r in claim for r in script.refuted)
                    verdict = json.dumps({"verdict": "not supported" if no else "supported"})
                    content = script.judge_answer if script.judge_answer is not None else verdict
                else:
                    content = script.answers.pop(0) if script.answers else "{}"
                usage = {"prompt_tokens": 100, "completion_tokens": 20}
                data = json.dumps(
                    {"choices": [{"message": {"content": content}}], "usage": usage}
                ).encode()
                self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", script
    httpd.shutdown()
    httpd.server_close()
