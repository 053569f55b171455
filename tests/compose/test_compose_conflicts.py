"""Figures the sources disagree on: reading figures, finding conflicts, placing them in a brief."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glimpse.compose.conflicts import (
    disputed,
    figures,
    find_conflicts,
    locate_conflicts,
    newest_value,
    other_toll,
    stated_value,
)
from glimpse.compose.figures import same_figure
from glimpse.models import Article, BriefSentence, Conflict, ConflictValue, Sentence, SupportRef

OCT1 = datetime(2017, 10, 1, 9, tzinfo=UTC)
OCT2 = datetime(2017, 10, 2, 9, tzinfo=UTC)
OCT3 = datetime(2017, 10, 3, 9, tzinfo=UTC)


def article(aid: str, source: str, published: datetime, *sentences: str) -> Article:
    parts, pos = [], 0
    for i, text in enumerate(sentences):
        parts.append(Sentence(i, text, pos, pos + len(text)))
        pos += len(text) + 1
    return Article(aid, f"Concert shooting ({source})", " ".join(sentences),
                   sentences=tuple(parts), published=published, source=source)  # fmt: skip


def read(text: str) -> list[tuple[str, float]]:
    return [(f.quantity, f.value) for f in figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 50 people were killed in the shooting.", [("dead", 50)]),
        ("59 people died at the festival.", [("dead", 59)]),
        ("Police said at least 50 dead and more than 200 wounded.", [("dead", 50), ("injured", 200)]),
        ("The gunman killed 58 people and injured more than 500 others.",
         [("dead", 58), ("injured", 500)]),
        ("The death toll rose to 59 on Tuesday.", [("dead", 59)]),
        ("Two people were injured when a barge caught fire.", [("injured", 2)]),
        ("Two people suffered minor injuries at the beach.", [("injured", 2)]),
        ("Fifty-nine people were killed and 527 were hurt.", [("dead", 59), ("injured", 527)]),
        ("Equifax said 145.5 million Americans were affected.", [("affected", 145.5e6)]),
        ("Hackers stole the personal data of 143 million consumers.", [("affected", 143e6)]),
        ("India evacuated 1,500 nationals from Yemen.", [("evacuated", 1500)]),
        ("Broadcom raised its bid for Qualcomm to $121 billion.", [("money", 121e9)]),
        ("The EU imposed a $4 billion fine on Google.", [("money", 4e9)]),
        ("The leak holds 11.5 million documents.", [("documents", 11.5e6)]),
    ],
)  # fmt: skip
def test_a_number_is_read_with_the_quantity_it_counts(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 64-year-old gunman, aged 64, fired from the 32nd floor.",
        "The attack in 2015 shocked the city at 9 p.m. on Oct. 1.",
        "The Steelers won 34-6 and the shares rose 12 percent.",
        "Call 702-555-0123 for information about the first victim.",
        "Figueredo and two other men are under investigation.",
        "He spent 20 years and 3 months in the army.",
    ],
)
def test_dates_ages_scores_percentages_and_partial_counts_are_not_figures(text: str) -> None:
    assert figures(text) == []


def test_the_figure_keeps_its_hedge_and_its_place_in_the_sentence() -> None:
    text = "Officials said at least 50 people were killed."
    (found,) = figures(text)
    assert found.text == "at least 50" and found.hedge == "low"
    assert text[found.start : found.end] == "at least 50"


def test_rounding_is_the_same_figure_but_a_bound_is_its_own() -> None:
    def one(text: str) -> object:
        return figures(text)[0]

    exact, rounded = (
        one("145.5 million Americans were affected"),
        one("about 145 million were affected"),
    )
    assert same_figure(exact, rounded)  # type: ignore[arg-type]
    assert not same_figure(exact, one("143 million were affected"))  # type: ignore[arg-type]
    assert not same_figure(one("at least 50 dead"), one("59 dead"))  # type: ignore[arg-type]
    assert same_figure(one("more than 11 million documents"), one("11.5 million documents"))  # type: ignore[arg-type]


@given(st.text(max_size=200))
def test_figures_never_fail_and_point_inside_the_text(text: str) -> None:
    for found in figures(text):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start : found.end] == found.text


def test_a_newer_toll_conflicts_with_an_older_one_newest_first() -> None:
    cnn = article("a1", "CNN", OCT1, "At least 50 people were killed in the shooting.")
    npr = article("a2", "NPR", OCT2, "59 people died in the shooting, police said.")
    (conflict,) = find_conflicts([npr, cnn])
    assert conflict.quantity == "dead"
    assert [v.value for v in conflict.values] == ["59", "at least 50"]
    assert conflict.values[0].outlets == ("NPR",) and conflict.values[0].articles == ("a2",)
    assert conflict.values[1].published == OCT1
    assert conflict.sentence is None and conflict.part is None


def test_a_value_is_dated_by_its_first_report_and_lists_every_article() -> None:
    cnn = article("a1", "CNN", OCT1, "At least 50 people were killed in the shooting.")
    npr = article("a2", "NPR", OCT2, "59 people died in the shooting.")
    fox = article("a3", "Fox", OCT3, "At least 50 people were killed in the shooting.")
    (conflict,) = find_conflicts([cnn, npr, fox])
    older = conflict.values[1]
    assert older.articles == ("a1", "a3") and older.outlets == ("CNN", "Fox")
    assert older.published == OCT1 and newest_value(conflict).value == "59"


def test_a_toll_of_an_earlier_attack_does_not_conflict_with_today() -> None:
    cnn = article("a1", "CNN", OCT1, "At least 50 people were killed in the shooting.")
    npr = article(
        "a2",
        "NPR",
        OCT2,
        "50 people were killed in the shooting.",
        "The 2015 attack killed 130 people.",
    )
    assert find_conflicts([cnn, npr]) == []


def test_a_toll_naming_another_place_does_not_conflict() -> None:
    cnn = article("a1", "CNN", OCT1, "At least 50 people were killed in the shooting.")
    npr = article("a2", "NPR", OCT2, "In the Orlando nightclub attack, 49 people were killed.")
    assert find_conflicts([cnn, npr]) == []


def test_the_same_figure_everywhere_is_no_conflict() -> None:
    stories = [
        article(f"a{i}", outlet, when, f"Broadcom raised its bid for Qualcomm to {amount}.")
        for i, (outlet, when, amount) in enumerate(
            [("Reuters", OCT1, "$121 billion"), ("WSJ", OCT2, "about $121 billion"),
             ("Bloomberg", OCT3, "more than $121 billion")]
        )
    ]  # fmt: skip
    assert find_conflicts(stories) == []


def test_an_article_that_gives_two_prices_tells_them_apart() -> None:
    early = article("a1", "WSJ", OCT1, "Broadcom offered $82 a share for Qualcomm in the bid.")
    later = article(
        "a2",
        "Reuters",
        OCT2,
        "Broadcom offered $70 a share for Qualcomm in the bid.",
        "Broadcom offered $82 a share for Qualcomm in the revised bid.",
    )
    assert find_conflicts([early, later]) == []


def test_one_article_giving_a_toll_over_time_is_a_conflict_with_the_larger_newest() -> None:
    cnn = article(
        "a1",
        "CNN",
        OCT1,
        "A truck plowed through a crowd in the city.",
        "The death toll grew through the night, with Hollande saying 77 people died.",
        "Interior Minister Bernard Cazeneuve said 80 people were killed.",
    )
    (conflict,) = find_conflicts([cnn])
    assert conflict.quantity == "dead"
    assert [v.value for v in conflict.values] == ["80", "77"]


def test_a_value_an_article_superseded_ranks_after_a_rival_no_one_superseded() -> None:
    nyt = article("a1", "NYT", OCT1, "Officials said at least 84 people were killed by the truck.")
    sun = article(
        "a2",
        "Sun",
        OCT2,
        "A relative wrote that 77 people had died in the attack by the truck.",
        "At least 84 people were killed by the truck, officials said.",
    )
    (conflict,) = find_conflicts([nyt, sun])
    assert [v.value for v in conflict.values] == ["at least 84", "77"]  # 77 came later


def test_who_gives_a_toll_does_not_make_it_another_toll() -> None:
    a = article("a1", "CNN", OCT1, "Interior Minister Bernard Cazeneuve said 80 people died.")
    b = article("a2", "NPR", OCT2, "About 77 people were killed, according to Nice-Matin.")
    (conflict,) = find_conflicts([a, b])
    assert {v.value for v in conflict.values} == {"80", "about 77"}


def test_a_part_of_the_dead_is_not_a_rival_total() -> None:
    sun = article(
        "a1",
        "Sun",
        OCT1,
        "At least 84 people, including 10 children, were killed by the truck driver.",
        "Two children died during surgery at a nearby hospital.",
        '"Two of those 84 people were American," a relative wrote.',
    )
    assert find_conflicts([sun]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said at least 84 people, including children, were killed.", [("dead", 84)]),
        ("At least 84 people, including 10 children, were killed by the driver.", [("dead", 84)]),
        ("Two of those 80 people were American.", [("people", 80)]),
    ],
)
def test_an_aside_or_a_part_does_not_change_what_a_number_counts(
    text: str, expected: list[tuple[str, float]]
) -> None:
    assert read(text) == expected


def test_a_duration_is_not_a_count_and_the_critically_injured_are_a_part() -> None:
    assert read("Almost 1,000 people were killed during four weeks of air strikes.") == [
        ("dead", 1000)
    ]
    everyone, severe = figures("More than 12 people were hurt and at least two critically.")
    assert severe.quantity == everyone.quantity == "injured" and severe.key != everyone.key


def test_one_article_s_toll_of_another_year_is_not_a_toll_over_time() -> None:
    text = article(
        "a1",
        "AP",
        OCT1,
        "More than a dozen people were injured when a stage collapsed at the school.",
        "The collapse evoked a 2011 stage collapse at the fair that injured nearly 100.",
    )
    assert find_conflicts([replace(text, published=None)]) == []


def test_a_counted_group_is_its_own_casualty_quantity() -> None:
    (children,) = figures("Two children died in hospital.")
    (everyone,) = figures("Two people died in hospital.")
    assert children.quantity == everyone.quantity == "dead"
    assert children.key != everyone.key


def test_an_earlier_offer_is_not_the_current_one() -> None:
    a = article("a1", "WSJ", OCT1, "Broadcom raised its bid for Qualcomm to $121 billion.")
    b = article("a2", "USA Today", OCT2, "Broadcom made an initial $103 billion bid for Qualcomm.")
    assert find_conflicts([a, b]) == []


def test_counts_of_different_things_with_one_noun_do_not_conflict() -> None:
    a = article("a1", "AP", OCT1, "The firm opens about 20,000 offshore companies per year.")
    b = article("a2", "WP", OCT2, "The files contain details on some 214,000 offshore companies.")
    assert find_conflicts([a, b]) == []


def test_rounded_figures_agree_but_different_ones_conflict() -> None:
    a = article("a1", "CNN", OCT1, "Equifax said the breach affected 143 million consumers.")
    b = article("a2", "NPR", OCT2, "Equifax said the breach affected 145.5 million consumers.")
    c = article("a3", "Fox", OCT3, "Equifax said the breach affected about 145 million consumers.")
    (conflict,) = find_conflicts([a, b, c])
    assert conflict.quantity == "affected"
    assert [v.value for v in conflict.values] == ["about 145 million", "143 million"]
    assert conflict.values[0].articles == ("a2", "a3")


def _conflict() -> Conflict:
    return Conflict(
        "dead",
        (
            ConflictValue("59", ("a2",), OCT2, ("NPR",)),
            ConflictValue("at least 50", ("a1",), OCT1, ("CNN",)),
        ),
    )


def _s(text: str) -> BriefSentence:
    return BriefSentence(text, (SupportRef("a1", 0),))


def test_a_conflict_is_placed_at_the_first_brief_sentence_stating_it() -> None:
    summary = [_s("A gunman opened fire on a concert crowd.")]
    body = [[_s("Police named the gunman.")], [_s("Music fans ran."), _s("59 people died.")]]
    (placed,) = locate_conflicts([_conflict()], summary, body, [])
    assert placed.part == "body" and placed.sentence == (1, 1)
    summary = [_s("At least 50 people were killed when a gunman opened fire.")]
    (placed,) = locate_conflicts([_conflict()], summary, body, [])
    assert placed.part == "summary" and placed.sentence == (0, 0)


def test_a_conflict_no_brief_sentence_states_stays_unplaced() -> None:
    (placed,) = locate_conflicts([_conflict()], [_s("A gunman opened fire.")], [], [])
    assert placed.sentence is None and placed.part is None


def test_disputed_tells_a_selector_which_sentences_state_a_disputed_figure() -> None:
    conflicts = [_conflict()]
    assert disputed("Fifty-nine people were killed.", conflicts)
    assert disputed("At least 50 people were killed.", conflicts)
    assert not disputed("More than 500 people were injured.", conflicts)
    assert not disputed("Two people were killed in a car crash in 2015.", conflicts)
    value = stated_value("59 people died, police said.", conflicts[0])
    assert value is not None and value.outlets == ("NPR",)


def test_a_brief_never_states_two_tolls_of_one_article_side_by_side() -> None:
    from glimpse.compose import compose_brief

    cnn = article(
        "a1",
        "CNN",
        OCT2,
        "A truck plowed into a crowd watching fireworks on the seafront promenade on Thursday.",
        "The death toll grew through the night, with the president saying 77 people died.",
        "The interior minister said 80 people were killed on the seafront promenade.",
        "Police shot and killed the driver of the truck after a chase along the promenade.",
        "The president declared three days of national mourning starting on Saturday.",
    )
    nyt = article(
        "a2",
        "NYT",
        OCT1,
        "Officials said at least 60 people were killed when the truck hit the crowd.",
        "Witnesses described the truck speeding along the promenade for two kilometres.",
    )
    brief = compose_brief("s1", [cnn, nyt])
    texts = [s.text for s in brief.summary] + [s.text for p in brief.body for s in p]
    (conflict,) = brief.conflicts
    stated = {
        v.value for v in conflict.values if any(stated_value(t, conflict) == v for t in texts)
    }
    assert conflict.values[0].value == "80"
    assert stated == {"80"}


def test_figures_in_sentences_the_brief_cannot_use_dispute_nothing() -> None:
    from glimpse.compose.options import ComposeOptions
    from glimpse.compose.rank import usable

    cnn = article("a1", "CNN", OCT1, "At least 50 people were killed in the shooting.")
    caption = article(
        "a2", "The Independent", OCT2,
        "This photo released by police shows where 59 people died in the shooting.",
    )  # fmt: skip
    assert [c.quantity for c in find_conflicts([cnn, caption])] == ["dead"]
    options = ComposeOptions()
    assert find_conflicts([cnn, caption], lambda text: usable(text, options)) == []


def test_a_drop_cap_hedge_is_shown_in_lower_case() -> None:
    sun = article("a1", "The Sun", OCT1, "AT least 84 people were killed in the attack.")
    npr = article("a2", "NPR", OCT2, "Nearly 80 people died in the attack, officials said.")
    (conflict,) = find_conflicts([sun, npr])
    assert sorted(v.value for v in conflict.values) == ["at least 84", "nearly 80"]


def test_another_count_of_a_disputed_toll_is_not_stated_beside_it() -> None:
    tram = [
        article("a1", "BBC", OCT1, "A tram overturned on a sharp bend in the city on Wednesday.",
                "Seven people died and more than 50 were injured when the tram overturned."),
        article("a2", "Guardian", OCT2, "A tram overturned on a bend in the city on Wednesday.",
                "Seven people were killed and 51 injured, 16 of them seriously."),
        article("a3", "Sky", OCT1, "The tram derailed on a sharp bend, injuring 40 passengers.",
                "Rescue teams worked through the night at the scene."),
    ]  # fmt: skip
    conflicts = find_conflicts(tram)
    assert [c.quantity for c in conflicts] == ["injured"]
    assert other_toll("The tram derailed on a sharp bend, injuring 40 passengers.", conflicts)
    assert not other_toll("Seven people were killed and 51 injured.", conflicts)  # the newest
    assert not other_toll("Rescue teams worked through the night.", conflicts)
    assert not other_toll("Seven people were killed.", conflicts)  # the dead are not disputed
    from glimpse.compose import draft_brief

    brief = draft_brief("s", tram)
    text = " ".join(s.text for s in (*brief.summary, *(x for p in brief.body for x in p)))
    assert "51 injured" in text and "40 passengers" not in text
