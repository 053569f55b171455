"""The entailment judge: a second call to the ``[llm]`` endpoint that can only take a
generated sentence away; tested against the scripted server of ``conftest.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from glimpse.compose.brief import draft_brief
from glimpse.compose.judge import JUDGE_SYSTEM, Judge, judge_messages, parse_verdict
from glimpse.compose.llm import LLMOptions, LLMWriter, http_chat, write_brief
from glimpse.config import Config
from glimpse.extract.sentences import split_sentences
from glimpse.models import Article

if TYPE_CHECKING:  # the scripted server is a fixture of tests/compose/conftest.py
    from tests.compose.conftest import Script

TEXT = (
    "The city council approved 3,380 new homes in Leeds on Tuesday, officials said. "
    "The mayor, Jane Hart, did not attend the vote on the housing plan in Leeds. "
    "Building work on the 3,380 homes in Leeds will start in the spring, the council said."
)
GOOD = "Officials said the council approved 3,380 new homes in Leeds on Tuesday."
# every number, name, negation and attribution of sentence 0 kept, the meaning turned round:
# only an entailment judgement can see it
TURNED = "Officials said the council rejected 3,380 new homes in Leeds on Tuesday."
HART = "Jane Hart, the mayor, did not attend the vote on the housing plan in Leeds."


def _article() -> Article:
    return Article(id="a", url=None, title="Leeds homes approved", lede="", text=TEXT,
                   paragraphs=(TEXT,), sentences=split_sentences(TEXT))  # fmt: skip


def _answer(*sentences: tuple[str, str]) -> str:
    return json.dumps({"summary": [{"text": t, "cites": [c]} for t, c in sentences], "body": []})


def _claims(script: Script) -> list[str]:
    return [
        str(r["messages"][1]["content"]).split("Claim: ", 1)[1].split("\n")[0]
        for r in script.judged
    ]  # type: ignore[index]


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ('{"verdict": "supported"}', True),
        ('{"verdict": "not supported"}', False),
        ('```json\n{"verdict": "NOT_SUPPORTED"}\n```', False),
        ("Not supported.", False),
        ("Supported", True),
        ('{"verdict": "partly"}', None),
        ('{"verdict": 1}', None),
        ("I cannot tell from these sentences.", None),
    ],
)
def test_a_verdict_is_read_from_json_or_bare_words_and_nothing_else(
    answer: str, verdict: bool | None
) -> None:
    assert parse_verdict(answer) is verdict


def test_the_judge_is_shown_the_numbered_support_and_the_claim() -> None:
    messages = judge_messages("A claim.", ["First source.", "Second source."])
    assert messages[0] == {"role": "system", "content": JUDGE_SYSTEM}
    assert messages[1]["content"].startswith("Source sentences:\n[1] First source.\n[2] Second")
    assert "Claim: A claim." in messages[1]["content"]


def test_a_sentence_passing_every_structural_check_but_refuted_by_the_judge_is_replaced(
    server: tuple[str, Script],
) -> None:
    url, script = server
    article = _article()
    script.refuted.append("rejected")
    script.answers = [_answer((TURNED, "a1:0"), (HART, "a1:1")), _answer((TURNED, "a1:0"))]
    out, outcome = write_brief(
        draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url)),
        judge=Judge(http_chat(LLMOptions(base_url=url))),
    )  # fmt: skip
    assert outcome.rejected == {"entailment": 1}
    assert _claims(script).count(TURNED) >= 2  # the answer and its one rewrite were judged
    assert outcome.counts["replaced"] == 1 and outcome.counts["accepted"] == 1
    texts = [s.text for s in out.summary]
    assert TURNED not in texts and article.sentences[0].text in texts and HART in texts
    hart = next(s for s in out.summary if s.text == HART)
    assert dict(hart.checks)["entailment"] is True
    replaced = next(s for s in out.summary if s.text == article.sentences[0].text)
    assert "entailment" not in dict(replaced.checks)  # the source's own words are not judged
    assert article.sentences[0].text not in _claims(script)
    assert "entailment" in json.dumps(script.requests[1]["messages"])  # the rewrite says why


def test_an_endpoint_that_cannot_judge_is_asked_once_and_no_check_is_claimed(
    server: tuple[str, Script],
) -> None:
    url, script = server
    article = _article()
    script.judge_answer = "As an AI model I cannot judge this."
    script.answers = [_answer((GOOD, "a1:0"), (HART, "a1:1"))]
    judge = Judge(http_chat(LLMOptions(base_url=url)))
    out, outcome = write_brief(
        draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url)), judge=judge
    )
    assert outcome.counts["accepted"] == 2 and not outcome.rejected
    assert len(script.judged) == 1 and judge.down == "the judge's answer is neither verdict"
    for sentence in out.summary:
        checks = dict(sentence.checks)
        assert "entailment" not in checks and checks and all(checks.values())


@pytest.mark.parametrize(("refuted", "said"), [(["Its spokesman"], "not supported, not supported"),
                                              ([], "supported, supported")])  # fmt: skip
def test_a_judge_that_fails_its_probe_is_not_used(
    server: tuple[str, Script], refuted: list[str], said: str
) -> None:
    url, script = server
    article = _article()
    script.refuted = [*refuted, "Officials said"]  # it would refuse the good sentence too
    script.answers = [_answer((GOOD, "a1:0"))]
    judge = Judge(http_chat(LLMOptions(base_url=url)))
    out, outcome = write_brief(
        draft_brief("s", [article]), [article], http_chat(LLMOptions(base_url=url)), judge=judge
    )
    assert judge.down == f"the model failed the judge's probe (answered {said})"
    assert len(script.judged) == 2 and outcome.counts["accepted"] == 1
    assert "entailment" not in dict(out.summary[0].checks)


def test_the_writer_judges_with_its_own_model_unless_a_judge_model_is_named(
    server: tuple[str, Script],
) -> None:
    url, script = server
    article = _article()
    script.answers = [_answer((GOOD, "a1:0")), _answer((GOOD, "a1:0"))]
    same = LLMWriter(LLMOptions(base_url=url, model="writer"), embedder=None)
    brief, why = same.write(draft_brief("s", [article]), [article])
    assert why is None and dict(brief.summary[0].checks)["entailment"] is True
    other = LLMWriter(LLMOptions(base_url=url, model="writer", judge_model="checker"), None)
    other.write(draft_brief("s", [article]), [article])
    assert [r["model"] for r in script.requests] == ["writer", "writer"]
    assert [r["model"] for r in script.judged] == ["writer"] * 3 + ["checker"] * 3  # probes
    assert script.judged[0]["response_format"]["json_schema"]["schema"]["properties"][  # type: ignore[index]
        "verdict"
    ]["enum"] == ["supported", "not supported"]


def test_judge_false_sends_no_judge_request(
    server: tuple[str, Script], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, script = server
    article = _article()
    script.answers = [_answer((GOOD, "a1:0"))]
    path = tmp_path / "glimpse.toml"
    path.write_text(f'[llm]\nbase_url = "{url}"\njudge = false\n')
    options = Config.load(path).options("llm")
    assert options.judge is False
    brief, why = LLMWriter(options, embedder=None).write(draft_brief("s", [article]), [article])
    assert why is None and script.judged == [] and "entailment" not in dict(brief.summary[0].checks)
    monkeypatch.chdir(tmp_path / "..")  # no glimpse.toml there
    monkeypatch.setenv("GLIMPSE_LLM_JUDGE_MODEL", "checker")
    assert Config.load(None).options("llm").judge_model == "checker"


def test_verify_judge_fails_entailment_on_a_refuted_claim_and_keeps_the_rest(
    server: tuple[str, Script], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from glimpse.cli import app

    url, script = server
    script.refuted.append("rejected")
    claims = tmp_path / "claims.jsonl"
    rows = [{"id": 1, "source": TEXT, "claim": GOOD}, {"id": 2, "source": TEXT, "claim": TURNED}]
    claims.write_text("".join(json.dumps(r) + "\n" for r in rows))
    env = {"GLIMPSE_LLM_BASE_URL": url, "GLIMPSE_LLM_MODEL": "checker"}
    args = ["verify", str(claims), "--json", "--no-similarity", "--judge"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["supported"], o["failed"]) for o in out] == [
        (1, True, []),
        (2, False, ["entailment"]),
    ]
    assert len(script.judged) == 4 and script.judged[0]["model"] == "checker"  # 2 probes
    plain = CliRunner().invoke(app, args[:-1], env=env)
    assert [json.loads(x)["supported"] for x in plain.stdout.splitlines()] == [True, True]
    assert len(script.judged) == 4  # without --judge the endpoint is never asked


def test_verify_judge_reports_an_endpoint_that_cannot_judge_once(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from glimpse.cli import app

    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"id": 1, "source": TEXT, "claim": GOOD}) + "\n")
    env = {"GLIMPSE_LLM_BASE_URL": "http://127.0.0.1:9/v1", "GLIMPSE_LLM_RETRIES": "0"}
    args = ["verify", str(claims), "--json", "--no-similarity", "--judge"]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["supported"] is True
    (line,) = [x for x in result.stderr.splitlines() if "G021" in x]
    assert "--judge" in line and "127.0.0.1:9" in line
