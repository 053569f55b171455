"""The LLM writer against a scripted OpenAI-compatible server on 127.0.0.1: planted errors are
caught, a faithful answer is accepted with its checks, a dead server is reported."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from glimpse.compose.brief import draft_brief
from glimpse.compose.llm import LLMOptions, LLMUnavailable, http_chat, write_brief
from glimpse.extract.sentences import split_sentences
from glimpse.models import Article

TEXT = (
    "The city council approved 3,380 new homes in Leeds on Tuesday, officials said. "
    "The mayor, Jane Hart, did not attend the vote on the housing plan in Leeds. "
    "Building work on the 3,380 homes in Leeds will start in the spring, the council said."
)


def _article() -> Article:
    return Article(id="a", url=None, title="Leeds homes approved", lede="", text=TEXT,
                   paragraphs=(TEXT,), sentences=split_sentences(TEXT))  # fmt: skip


class Script:
    """Answers queued by the test, one per request; records the requests."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.requests: list[dict[str, object]] = []


@pytest.fixture
def server() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            script.requests.append(body)
            content = script.answers.pop(0) if script.answers else "{}"
            data = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
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


def _answer(*sentences: tuple[str, str]) -> str:
    return json.dumps({"summary": [{"text": t, "cites": [c]} for t, c in sentences], "body": []})


PLANTED = {
    "numbers": "The city council approved 4,100 new homes in Leeds, officials said.",
    "names": "The city council approved 3,380 new homes in Bradford, officials said.",
    "negation": "The mayor, Jane Hart, did attend the vote on the housing plan in Leeds.",
    "quotes": 'The council said: "This is the best plan Leeds has ever seen."',
    "attribution": "The city council approved 3,380 new homes in Leeds on Tuesday.",
}


@pytest.mark.parametrize("check", sorted(PLANTED))
def test_planted_error_is_caught_and_replaced_by_the_extractive_sentence(
    server: tuple[str, Script], check: str
) -> None:
    url, script = server
    article = _article()
    brief = draft_brief("s", [article])
    cite = "a1:1" if check == "negation" else "a1:0"
    script.answers = [_answer((PLANTED[check], cite)), _answer((PLANTED[check], cite))]
    out, outcome = write_brief(brief, [article], http_chat(LLMOptions(base_url=url, retries=0)))
    assert outcome.rejected.get(check, 0) >= 1, outcome
    assert outcome.counts["accepted"] == 0 and outcome.counts["replaced"] == 1
    assert out.summary[0].text == article.sentences[int(cite[-1])].text
    assert len(script.requests) == 2  # the answer, then the one rewrite with the failure named
    assert check in json.dumps(script.requests[1]["messages"])


def test_faithful_answer_is_accepted_with_its_checks(server: tuple[str, Script]) -> None:
    url, script = server
    article = _article()
    good = "Officials said the council approved 3,380 new homes in Leeds on Tuesday."
    script.answers = [_answer((good, "a1:0"))]
    out, outcome = write_brief(draft_brief("s", [article]), [article],
                               http_chat(LLMOptions(base_url=url)), model="scripted")  # fmt: skip
    assert outcome.counts == {"accepted": 1, "rewritten": 0, "replaced": 0, "dropped": 0}
    assert out.summary[0].text == good
    assert dict(out.summary[0].checks)["numbers"] is True
    assert all(dict(out.summary[0].checks).values())
    assert "scripted" in out.writer
    assert script.requests[0]["response_format"]["type"] == "json_schema"  # type: ignore[index]


def test_garbage_answer_raises_unavailable(server: tuple[str, Script]) -> None:
    url, script = server
    script.answers = ["I cannot help with that."]
    article = _article()
    with pytest.raises(LLMUnavailable, match="no JSON"):
        write_brief(draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url)))


def test_server_down_raises_unavailable_after_retries() -> None:
    article = _article()
    chat = http_chat(LLMOptions(base_url="http://127.0.0.1:9/v1", retries=1, timeout=1))
    with pytest.raises(LLMUnavailable, match=r"127\.0\.0\.1:9"):
        write_brief(draft_brief("s", [article]), [article], chat)
