"""The LLM writer against a scripted OpenAI-compatible server on 127.0.0.1: planted errors are
caught, a faithful answer is accepted with its checks, a dead server is reported."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from glimpse import pipeline
from glimpse.cli import app
from glimpse.compose import ComposeOptions
from glimpse.compose.brief import draft_brief
from glimpse.compose.llm import (
    WRITER,
    LLMOptions,
    LLMUnavailable,
    LLMWriter,
    http_chat,
    write_brief,
)
from glimpse.config import Config
from glimpse.errors import ConfigError
from glimpse.extract.sentences import split_sentences
from glimpse.models import Article, RunReport, Writer
from glimpse.serialize import brief_from_dict, brief_to_dict
from glimpse.store import Store

if TYPE_CHECKING:  # the scripted server is a fixture of tests/compose/conftest.py
    from tests.compose.conftest import Script

TEXT = (
    "The city council approved 3,380 new homes in Leeds on Tuesday, officials said. "
    "The mayor, Jane Hart, did not attend the vote on the housing plan in Leeds. "
    "Building work on the 3,380 homes in Leeds will start in the spring, the council said."
)


def _article() -> Article:
    return Article(id="a", url=None, title="Leeds homes approved", lede="", text=TEXT,
                   paragraphs=(TEXT,), sentences=split_sentences(TEXT))  # fmt: skip


GOOD = "Officials said the council approved 3,380 new homes in Leeds on Tuesday."
HART = "Jane Hart, the mayor, did not attend the vote on the housing plan in Leeds."


def _answer(*sentences: tuple[str, str], headline: str | None = None) -> str:
    answer: dict[str, object] = {
        "summary": [{"text": t, "cites": [c]} for t, c in sentences],
        "body": [],
    }
    if headline is not None:
        answer["headline"] = headline
    return json.dumps(answer)


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
    planted = (PLANTED[check], cite)
    good = (GOOD, "a1:0") if check == "negation" else (HART, "a1:1")
    script.answers = [_answer(planted, good), _answer(planted)]
    out, outcome = write_brief(brief, [article], http_chat(LLMOptions(base_url=url, retries=0)))
    assert outcome.rejected.get(check, 0) >= 1, outcome
    assert outcome.counts["accepted"] == 1 and outcome.counts["replaced"] == 1
    assert out.summary[0].text == article.sentences[int(cite[-1])].text
    assert all(dict(s.checks) and all(dict(s.checks).values()) for s in out.summary)
    assert len(script.requests) == 2  # the answer, then the one rewrite with the failure named
    assert check in json.dumps(script.requests[1]["messages"])


def test_an_answer_where_nothing_passes_keeps_no_llm_brief(server: tuple[str, Script]) -> None:
    url, script = server
    article = _article()
    script.answers = [_answer((PLANTED["numbers"], "a1:0")), _answer((PLANTED["numbers"], "a1:0"))]
    with pytest.raises(LLMUnavailable, match="no generated sentence passed"):
        write_brief(draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url)))


def test_faithful_answer_is_accepted_with_its_checks(server: tuple[str, Script]) -> None:
    url, script = server
    article = _article()
    script.answers = [_answer((GOOD, "a1:0"))]
    chat = http_chat(LLMOptions(base_url=url))
    out, outcome = write_brief(draft_brief("s", [article]), [article], chat, model="scripted")
    assert outcome.counts == {
        "accepted": 1,
        "recited": 0,
        "rewritten": 0,
        "replaced": 0,
        "dropped": 0,
    }
    assert out.summary[0].text == GOOD
    assert dict(out.summary[0].checks)["numbers"] is True
    assert all(dict(out.summary[0].checks).values())
    assert out.writer == Writer("llm", "scripted", WRITER)
    assert brief_to_dict(out)["writer"] == {"name": "llm", "model": "scripted", "version": WRITER}
    form = script.requests[0]["response_format"]
    assert form["type"] == "json_schema"  # type: ignore[index]
    cites = form["json_schema"]["schema"]["properties"]["summary"]["items"]["properties"]["cites"]  # type: ignore[index]
    assert set(cites["items"]["enum"]) >= {"a1:0", "a1:1"}
    assert (chat.calls, chat.tokens_in, chat.tokens_out) == (1, 100, 20)


def test_a_server_without_json_schema_is_asked_for_a_json_object(
    server: tuple[str, Script],
) -> None:
    url, script = server
    script.schema_rejected = True
    article = _article()
    script.answers = [_answer((GOOD, "a1:0"))]
    out, _ = write_brief(
        draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url, retries=0))
    )
    assert out.summary[0].text == GOOD
    forms = [r["response_format"]["type"] for r in script.requests]  # type: ignore[index]
    assert forms == ["json_schema", "json_object"]


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


def test_compose_one_keeps_the_extractive_brief_and_reports_when_the_server_is_down() -> None:
    article = _article()
    llm = LLMWriter(
        LLMOptions(base_url="http://127.0.0.1:9/v1", retries=0, timeout=1), embedder=False
    )
    report = RunReport()
    first = pipeline.compose_one("s1", [article], pipeline.featurize([article]), report, llm=llm)
    second = pipeline.compose_one("s2", [article], pipeline.featurize([article]), report, llm=llm)
    assert first is not None and first.writer.name == "extractive"
    assert second is not None and second.writer.name == "extractive"
    assert [(s.stage, s.record) for s in report.skips] == [("llm", "s1"), ("llm", "s2")]
    assert "127.0.0.1:9" in report.skips[0].reason
    assert "earlier in this run" in report.skips[1].reason  # the breaker: no second wait
    assert report.counts["briefs.extractive_fallback"] == 2


def test_compose_one_stores_the_model_brief_when_it_passes(server: tuple[str, Script]) -> None:
    url, script = server
    article = _article()
    script.answers = [_answer((GOOD, "a1:0"))]
    llm = LLMWriter(LLMOptions(base_url=url, model="scripted"), embedder=None)
    report = RunReport()
    brief = pipeline.compose_one("s", [article], pipeline.featurize([article]), report, llm=llm)
    assert brief is not None and brief.writer == Writer("llm", "scripted", WRITER)
    assert report.skips == [] and report.counts["briefs.llm"] == 1


def test_a_brief_stored_with_the_old_writer_string_still_loads() -> None:
    article = _article()
    data = brief_to_dict(draft_brief("s", [article]))
    data["writer"] = "glimpse.compose.extractive.v1"
    assert brief_from_dict(data).writer == Writer(
        "extractive", None, "glimpse.compose.extractive.v1"
    )
    data["writer"] = f"{WRITER}:gemma"
    assert brief_from_dict(data).writer == Writer("llm", "gemma", WRITER)
    assert brief_from_dict(data).writer.key == f"{WRITER}:gemma"


def test_writer_llm_and_the_llm_table_are_config_keys(tmp_path: Path) -> None:
    path = tmp_path / "glimpse.toml"
    path.write_text('[compose]\nwriter = "llm"\n[llm]\nmodel = "gemma"\nmax_concurrency = 3\n')
    config = Config.load(path)
    assert config.options("compose").writer == "llm"
    assert config.options("llm") == LLMOptions(model="gemma", max_concurrency=3)
    path.write_text('[compose]\nwriter = "poet"\n')
    with pytest.raises(ConfigError, match="writer"):
        Config.load(path).options("compose")


def test_brief_command_with_writer_llm_prints_the_model_brief(
    server: tuple[str, Script], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, script = server
    monkeypatch.chdir(tmp_path)
    (tmp_path / "leeds.txt").write_text("Leeds homes approved\n\n" + TEXT)
    script.answers = [_answer((GOOD, "a1:0"))]
    env = {"GLIMPSE_LLM_BASE_URL": url, "GLIMPSE_LLM_MODEL": "scripted"}
    result = CliRunner().invoke(app, ["brief", "leeds.txt", "--json", "--writer", "llm"], env=env)
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout.splitlines()[0])
    assert brief["writer"] == {"name": "llm", "model": "scripted", "version": WRITER}
    assert brief["summary"][0]["text"] == GOOD and all(brief["summary"][0]["checks"].values())
    plain = CliRunner().invoke(app, ["brief", "leeds.txt", "--json"], env=env)
    assert json.loads(plain.stdout.splitlines()[0])["writer"]["name"] == "extractive"
    assert len(script.requests) == 1  # the extractive default never calls the server


@pytest.mark.parametrize(
    ("headline", "kept"),
    [
        ("Leeds council approves 3,380 new homes", True),
        ("Bradford council approves 4,000 homes", False),
    ],
)
def test_the_model_headline_is_used_only_when_the_sources_back_it(
    server: tuple[str, Script], headline: str, kept: bool
) -> None:
    url, script = server
    article = _article()
    brief = draft_brief("s", [article])
    script.answers = [_answer((GOOD, "a1:0"), headline=headline)]
    out, outcome = write_brief(brief, [article], http_chat(LLMOptions(base_url=url)))
    assert outcome.headline is kept
    assert out.headline == (headline if kept else brief.headline)


def _store_with_story(path: Path) -> Store:
    article = _article()
    store = Store(path)
    store.add_article(article, pipeline.featurize([article])[0])
    return store


def test_build_with_writer_llm_stores_the_model_brief_once(
    server: tuple[str, Script], tmp_path: Path
) -> None:
    url, script = server
    script.answers = [_answer((GOOD, "a1:0"))]
    llm = LLMOptions(base_url=url, model="scripted")
    with _store_with_story(tmp_path / "desk.db") as store:
        report = pipeline.build(
            store, RunReport(), compose_options=ComposeOptions(writer="llm"), llm_options=llm
        )
        (story,) = [row.story for row in store.list_stories()]
        brief = store.brief(story)
        again = pipeline.build(
            store, RunReport(), compose_options=ComposeOptions(writer="llm"), llm_options=llm
        )
    assert brief is not None and brief.writer == Writer("llm", "scripted", WRITER)
    assert report.counts["briefs.llm"] == 1 and report.skips == []
    assert "briefs" not in again.counts and len(script.requests) == 1


def test_build_keeps_the_extractive_brief_while_the_server_is_down_and_retries_next_time(
    server: tuple[str, Script], tmp_path: Path
) -> None:
    url, script = server
    down = LLMOptions(base_url="http://127.0.0.1:9/v1", retries=0, timeout=1)
    with _store_with_story(tmp_path / "desk.db") as store:
        first = pipeline.build(
            store, RunReport(), compose_options=ComposeOptions(writer="llm"), llm_options=down
        )
        (story,) = [row.story for row in store.list_stories()]
        kept = store.brief(story)
        script.answers = [_answer((GOOD, "a1:0"))]
        up = replace(down, base_url=url)
        second = pipeline.build(
            store, RunReport(), compose_options=ComposeOptions(writer="llm"), llm_options=up
        )
        written = store.brief(story)
    assert kept is not None and kept.writer.name == "extractive"
    assert [(s.stage, s.record) for s in first.skips] == [("llm", story)]
    assert second.counts["briefs.llm"] == 1
    assert written is not None and written.writer.name == "llm"


def test_a_true_sentence_citing_the_wrong_source_is_stored_with_the_support_that_passed(
    server: tuple[str, Script],
) -> None:
    url, script = server
    article = _article()
    script.answers = [_answer((HART, "a1:0"))]  # the mayor's absence is sentence 1, not 0
    out, outcome = write_brief(
        draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url))
    )
    assert outcome.counts["recited"] == 1 and outcome.rejected
    assert out.summary[0].text == HART
    assert out.summary[0].support[0].sentence == 1
    assert len(script.requests) == 1  # no rewrite was needed


def test_a_sentence_in_the_first_person_is_refused(server: tuple[str, Script]) -> None:
    url, script = server
    article = _article()
    lifted = (
        "I did not attend the vote on the housing plan in Leeds."  # the mayor's words, unquoted
    )
    script.answers = [_answer((lifted, "a1:1")), _answer((lifted, "a1:1"))]
    with pytest.raises(LLMUnavailable) as caught:
        write_brief(draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url)))
    assert caught.value.outcome.rejected.get("voice") == 1
