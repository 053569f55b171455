"""The LLM client's retries against a local endpoint: a server error is asked again after a
back-off, a rejected response format is asked again at once in a weaker form (not a retry),
and the last failure names the endpoint."""

from __future__ import annotations

import json

import pytest

from glimpse.compose.llm_client import LLMOptions, LLMUnavailable, http_chat
from tests._http import LocalServer, Reply, Request

ANSWER = json.dumps({"choices": [{"message": {"content": "{}"}}], "usage": {}}).encode()
JSON = {"Content-Type": "application/json"}


def _options(server: LocalServer, retries: int) -> LLMOptions:
    return LLMOptions(base_url=server.url("/v1"), retries=retries, timeout=5)


def test_a_server_error_is_retried_and_the_answer_kept(http_server: LocalServer) -> None:
    path = "/v1/chat/completions"
    http_server.routes[path] = lambda _r: (
        Reply(503) if http_server.hits[path] == 1 else Reply(200, JSON, ANSWER)
    )
    chat = http_chat(_options(http_server, retries=1))
    assert chat([{"role": "user", "content": "hi"}]) == "{}"
    assert http_server.hits[path] == 2 and chat.calls == 1


def test_a_server_that_keeps_failing_is_unavailable_after_its_retries(
    http_server: LocalServer,
) -> None:
    http_server.routes["/v1/chat/completions"] = Reply(502)
    with pytest.raises(LLMUnavailable) as info:
        http_chat(_options(http_server, retries=1))([{"role": "user", "content": "hi"}])
    assert str(info.value) == f"{http_server.url('/v1')}: HTTP 502" and info.value.transport
    assert http_server.hits["/v1/chat/completions"] == 2


def test_a_rejected_format_is_asked_again_weaker_without_using_a_retry(
    http_server: LocalServer,
) -> None:
    def answer(request: Request) -> Reply:
        form = (json.loads(request.body).get("response_format") or {}).get("type")
        return Reply(400) if form == "json_schema" else Reply(200, JSON, ANSWER)

    http_server.routes["/v1/chat/completions"] = answer
    chat = http_chat(_options(http_server, retries=0))
    assert chat([{"role": "user", "content": "hi"}], {"type": "object"}) == "{}"
    assert chat.form == 1 and http_server.hits["/v1/chat/completions"] == 2
