"""The verification gate: each check catches its kind of error and passes a faithful claim."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from glimpse.compose.verify import GateOptions, verify_claim, verify_record

SOURCE = (
    "The city council approved 3,380 new homes in Leeds on Tuesday, officials said. "
    "The mayor, Jane Hart, did not attend the vote. "
    '"We have waited too long for this," said Tom Reed, a housing campaigner.'
)


def test_faithful_paraphrase_with_a_number_written_differently_is_supported() -> None:
    verdict = verify_claim("The council approved 3380 new homes in Leeds.", [SOURCE])
    assert verdict.supported, verdict.reasons
    assert verdict.failed == ()
    assert all(verdict.checks.values())


def test_wrong_number_fails_the_numbers_check() -> None:
    verdict = verify_claim("The council approved 4,000 new homes in Leeds.", [SOURCE])
    assert "numbers" in verdict.failed
    assert any("4,000" in r for r in verdict.reasons)


def test_name_not_in_the_sources_fails_the_names_check() -> None:
    verdict = verify_claim("The council approved new homes in Manchester.", [SOURCE])
    assert "names" in verdict.failed


def test_dropped_not_fails_the_negation_check() -> None:
    verdict = verify_claim("The mayor, Jane Hart, did attend the vote.", [SOURCE])
    assert "negation" in verdict.failed


def test_added_not_fails_the_negation_check() -> None:
    verdict = verify_claim("The city council did not approve new homes in Leeds.", [SOURCE])
    assert "negation" in verdict.failed


def test_invented_quote_fails_the_quotes_check() -> None:
    claim = 'Tom Reed said: "This is a great day for the city."'
    assert "quotes" in verify_claim(claim, [SOURCE]).failed


def test_verbatim_quote_with_other_quote_marks_passes() -> None:
    claim = "Tom Reed said “we have waited too long for this”."
    assert verify_claim(claim, [SOURCE]).checks["quotes"]


def test_quoted_words_stated_as_fact_fail_the_attribution_check() -> None:
    verdict = verify_claim("We have waited too long for homes.", [SOURCE])
    assert verdict.checks["attribution"] is False


def test_strict_attribution_keeps_officials_said() -> None:
    claim = "The city council approved 3,380 new homes in Leeds on Tuesday."
    assert verify_claim(claim, [SOURCE]).supported
    gate = GateOptions(strict_attribution=True, checks=("attribution",))
    assert "attribution" in verify_claim(claim, [SOURCE], options=gate).failed


def test_us_and_united_states_are_one_name() -> None:
    verdict = verify_claim("The United States sent 2 ships.", ["The U.S. sent two ships."])
    assert verdict.checks["names"] and verdict.checks["numbers"]


def test_each_sentence_of_a_claim_is_checked() -> None:
    claim = "The council approved 3,380 new homes in Leeds. The mayor attended the vote."
    verdict = verify_claim(claim, [SOURCE])
    assert not verdict.supported
    assert "negation" in verdict.failed


def test_score_is_lower_for_an_unsupported_claim() -> None:
    good = verify_claim("The council approved 3,380 new homes in Leeds.", [SOURCE])
    bad = verify_claim("Rain flooded 40 streets in York.", [SOURCE])
    assert 0.0 <= bad.score < good.score <= 1.0


def test_record_with_source_string_gives_the_output_keys() -> None:
    out = verify_record({"id": 7, "source": SOURCE, "claim": "The mayor did not attend."})
    assert set(out) == {"id", "supported", "score", "failed"}
    assert out["id"] == 7 and out["supported"] is True


def test_record_without_a_claim_is_refused() -> None:
    with pytest.raises(ValueError, match="claim"):
        verify_record({"id": 1, "sources": [SOURCE]})


def test_verify_command_prints_one_json_line_per_claim_and_nothing_else(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lines = [
        {"id": "ok", "sources": [SOURCE], "claim": "The council approved 3380 new homes."},
        {"id": "bad", "source": SOURCE, "claim": "The council approved 12 new homes."},
    ]
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n")
    run = subprocess.run(
        [sys.executable, "-m", "glimpse", "verify", str(path), "--json", "--no-similarity"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    rows = [json.loads(x) for x in run.stdout.splitlines()]
    # the learned verdict may also refuse the wrong figure; the named check comes first
    assert [(r["id"], r["supported"], r["failed"][:1]) for r in rows] == [
        ("ok", True, []),
        ("bad", False, ["numbers"]),
    ]
    assert all(set(r) == {"id", "supported", "score", "failed"} for r in rows)
    assert rows[1]["score"] < rows[0]["score"]
    assert "G007" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.jsonl"]
