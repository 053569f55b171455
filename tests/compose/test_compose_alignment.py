"""The gate's alignment measures and its learned verdict, on hand-written claim/source pairs.

An antonym swap ("rose" for "fell") has no test of its own: without a lexicon (WordNet's data
cannot be fetched) nothing here can tell it from a synonym; only prefix antonyms are measured.
"""

from __future__ import annotations

import numpy as np
import pytest

from glimpse.compose import alignment as al
from glimpse.compose import consistency as cs
from glimpse.compose import gate_weights as gw
from glimpse.compose.verify import verify_claim

SOURCE = (
    "The city council approved 3,380 new homes in Leeds on Tuesday, officials said. "
    "The police arrested two protesters outside the town hall. "
    "The mayor will sign the plan next week."
)


def one(text: str) -> al.Sentence:
    return al.parse([text])[0]


def test_swapped_subject_and_object_are_counted() -> None:
    source = one("The police arrested two protesters outside the town hall.")
    claim = one("Two protesters arrested the police outside the town hall.")
    swapped, _moved = al.role_changes(claim, [source])
    assert swapped >= 1


def test_swapped_subject_and_object_fail_the_roles_check() -> None:
    verdict = verify_claim("Two protesters arrested the police outside the town hall.", [SOURCE])
    assert "roles" in verdict.failed
    assert verify_claim("Two protesters were arrested by the police.", [SOURCE]).checks["roles"]


def test_intransitive_and_passive_are_not_a_swap() -> None:
    assert al.role_changes(one("A train derailed."), [one("A train was derailed.")])[0] == 0


def test_passive_paraphrase_keeps_who_did_what_to_whom() -> None:
    source = one("The police arrested two protesters outside the town hall.")
    claim = one("Two protesters were arrested by the police outside the town hall.")
    assert al.role_changes(claim, [source]) == (0, 0)


def test_added_hedge_is_found_and_a_kept_one_is_not() -> None:
    source = one("The mayor will sign the plan next week.")
    assert al.added_hedges(one("The mayor may sign the plan next week."), [source]) == ["may"]
    hedged = one("The mayor might sign the plan next week.")
    assert al.added_hedges(hedged, [one("The mayor might sign the plan soon.")]) == []


def test_changed_number_is_novel_and_fails_the_gate() -> None:
    claim = "The city council approved 4,000 new homes in Leeds on Tuesday."
    assert al.novel_numbers(one(claim), al.keys(al.parse([SOURCE]))) == ["4,000"]
    verdict = verify_claim(claim, [SOURCE])
    assert not verdict.supported
    assert "numbers" in verdict.failed


def test_number_counting_another_unit_is_found() -> None:
    sources = al.parse(["He was given a one-year ban.", "The appeal is due next month."])
    assert al.changed_units(one("He was given a one-month ban."), sources) == ["1 month"]
    assert al.changed_units(one("He got a one-year ban."), sources) == []


def test_prefix_antonym_is_found_both_ways() -> None:
    source = one("An unnamed company was hacked.")
    assert al.prefix_antonyms(one("A named company was hacked."), [source]) == ["named"]
    likely = one("A deal is likely this week.")
    assert al.prefix_antonyms(one("A deal is unlikely this week."), [likely]) == ["unlikely"]


def test_invented_name_is_a_novel_name() -> None:
    claim = one("The council approved new homes in Manchester.")
    assert al.novel_names(claim, al.keys(al.parse([SOURCE]))) == ["Manchester"]


def test_faithful_paraphrase_passes_the_gate_with_its_learned_verdict() -> None:
    claim = "Officials said Leeds councillors backed 3,380 new homes on Tuesday."
    verdict = verify_claim(claim, [SOURCE])
    assert verdict.supported, verdict.reasons
    assert verdict.checks["consistency"]


def test_score_is_the_learned_probability() -> None:
    verdict = verify_claim("The mayor will sign the plan next week.", [SOURCE])
    expected = cs.probability(verdict.features, gw.MODELS["structural"])
    assert verdict.score == pytest.approx(expected, abs=1e-4)
    worse = verify_claim("The mayor of York will sign 12 plans next week.", [SOURCE])
    assert worse.score < verdict.score


def test_probability_falls_as_a_feature_against_the_claim_grows() -> None:
    model = cs.Model(("names",), (0.0,), (1.0,), (-2.0,), 1.0, 0.5)
    assert cs.probability({"names": 0.0}, model) > 0.5 > cs.probability({"names": 2.0}, model)
    assert cs.probability({}, model) == cs.probability({"names": 0.0}, model)


def test_token_alignment_gap_is_the_dip_of_the_worst_piece() -> None:
    e = np.eye(3, dtype=np.float32)
    support = cs.Pieces(("police", "arrested"), e[:2])
    claim = cs.Pieces(("police", "arrested", "mayor"), e[[0, 1, 2]])
    out = cs.token_alignment(claim, [support])
    assert out["tok_min"] == 0.0
    assert out["tok_gap"] == pytest.approx(2 / 3)
    assert out["new_min"] == 0.0 and out["new_low"] == 1.0
    same = cs.token_alignment(cs.Pieces(("police",), e[:1]), [support])
    assert same["tok_gap"] == 0.0 and same["new_min"] == 1.0


def test_refused_claim_says_what_pulled_it_down() -> None:
    model = cs.Model(("names", "tok_gap"), (0.0, 0.0), (1.0, 1.0), (-2.0, -0.1), 0.0, 0.5)
    assert cs.weakest({"names": 2.0, "tok_gap": 0.3}, model) == "a name no source gives"
    assert cs.weakest({}, model) == "too far from its sources"
