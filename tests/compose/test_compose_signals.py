"""Per-article sentence signals: lead coverage, importance, density, dangling openers."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from glimpse.compose import ComposeOptions
from glimpse.compose.rank import rank_sentences
from glimpse.compose.select import select_summary
from glimpse.compose.signals import dangling_opener, density, importance, lead_coverage
from glimpse.extract import article_from_text
from glimpse.models import Article

OFF = ComposeOptions(density_weight=0.0, dangling_penalty=0.0)


def test_connectives_and_pronouns_dangle_but_names_do_not() -> None:
    assert dangling_opener("He said the bridge would reopen in May.")
    assert dangling_opener("But the council rejected the plan on Tuesday.")
    assert dangling_opener("“They were warned,” the mayor said.")
    assert not dangling_opener("Helen Ward said the bridge would reopen in May.")
    assert not dangling_opener("Theresa May visited the flooded town.")


def test_dense_sentence_has_higher_density_than_a_padded_one() -> None:
    dense, padded = density(
        ["Floods closed 40 schools in Arlo on Monday.", "It was, as it were, all of that."]
    )
    assert dense > padded
    assert 0.0 <= padded <= dense <= 1.0


def test_lead_covers_itself_and_importance_leaves_out_self_similarity() -> None:
    sims = np.array([[1.0, 0.5, 0.1], [0.5, 1.0, 0.2], [0.1, 0.2, 1.0]])
    assert lead_coverage(sims, [0, 0, 0], [0, 1, 2]).tolist() == [1.0, 0.5, 0.1]
    assert np.allclose(importance(sims, [0, 0, 0], window=2), [0.5, 0.5, 0.15])


def _article() -> Article:
    return article_from_text(
        "",
        "Heavy rain flooded the river town of Arlo on Monday and closed its two bridges.\n\n"
        "Rescuers evacuated 300 residents of Arlo from flooded streets by boat overnight.\n\n"
        "A local baker said business was quiet all day on Monday.\n\n"
        "He said he would open later than usual on Tuesday morning.\n\n"
        "Engineers will inspect both Arlo bridges once the river falls on Wednesday.",
        id="arlo",
    )


def test_a_sentence_whose_antecedent_is_left_out_is_passed_over() -> None:
    options = replace(OFF, summary_sentences=1)
    ranked, sims = rank_sentences([_article()], options=options)
    # make "He said he would open later ..." (index 3) the top-scored sentence
    ranked = sorted(
        (replace(c, score=9.0) if c.index == 3 else c for c in ranked), key=lambda c: -c.score
    )
    assert select_summary(ranked, sims, options)[0].index == 3
    careful = replace(options, dangling_penalty=10.0)
    assert select_summary(ranked, sims, careful)[0].index != 3


def test_a_dangling_sentence_is_fine_after_its_antecedent() -> None:
    options = replace(OFF, summary_sentences=2, summary_words=40, dangling_penalty=10.0)
    ranked, sims = rank_sentences([_article()], options=options)
    top = {2: 9.0, 3: 8.0}  # the baker, then "He said ..."
    ranked = sorted(
        (replace(c, score=top.get(c.index, c.score)) for c in ranked), key=lambda c: -c.score
    )
    assert [c.index for c in select_summary(ranked, sims, options)] == [2, 3]


def test_density_and_dangling_are_on_by_default_and_off_gives_the_plain_ranking() -> None:
    assert ComposeOptions().density_weight > 0
    assert ComposeOptions().dangling_penalty > 0
    plain, _ = rank_sentences([_article()], options=OFF)
    assert plain[0].index == 0
