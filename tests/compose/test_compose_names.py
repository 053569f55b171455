"""A speaker met by surname alone is introduced by the full name the article gave earlier."""

from __future__ import annotations

from glimpse.compose.coherence import Placed, resolve_references
from glimpse.compose.grounding import check_grounding
from glimpse.compose.names import introduce_first_names, introduce_surnames
from glimpse.extract import article_from_text
from glimpse.models import Article, Brief, BriefSentence, Edit, SupportRef

TEXT = (
    "United Airlines barred two girls from a flight in Denver on Sunday. "
    "Shannon Watts, the founder of a gun control group, saw them at the gate. "
    "She posted about it on Twitter. "
    "The airline said the girls were travelling on employee passes. "
    "Passes come with a dress code, the airline said. "
    "The girls changed and took a later flight, Watts says. "
    "Mr. Watts said nothing. "
    "Williams said the code was old."
)


def _article() -> Article:
    return article_from_text("Leggings", TEXT, id="u1")


def _problems(
    text: str, ref: tuple[str, int], edits: tuple[Edit, ...], article: Article, headline: str
) -> list[str]:
    """What the grounding check finds in a one-sentence brief of ``text`` with ``edits``."""
    sentence = BriefSentence(text, (SupportRef(*ref),), edits)
    return check_grounding(Brief("s", headline, (sentence,), (), None, (), None, ()), [article])


def test_a_surname_speaker_gets_the_full_name_from_far_back_in_the_article() -> None:
    article = _article()
    text, edits = introduce_surnames(article.sentences[5].text, 5, [], article)
    assert text == "The girls changed and took a later flight, Shannon Watts says."
    assert edits == (Edit("Watts", "Shannon Watts", "u1", 1),)


def test_a_surname_the_brief_already_introduced_stays_as_written() -> None:
    article = _article()
    before = [article.sentences[1].text]
    assert introduce_surnames(article.sentences[5].text, 5, before, article) == (
        article.sentences[5].text,
        (),
    )


def test_a_title_a_full_name_or_an_unknown_surname_is_left_alone() -> None:
    article = _article()
    for index in (6, 7):  # "Mr. Watts", and a Williams the article never introduces
        assert introduce_surnames(article.sentences[index].text, index, [], article)[1] == ()
    quoted = '"Watts said no," the spokesman said.'
    assert introduce_surnames(quoted, 5, [], article)[1] == ()


def test_a_name_is_never_taken_from_inside_a_word() -> None:
    text = "Le'Veon Bell ran for 69 yards. The Steelers won. It was easy, Bell said."
    article = article_from_text("Steelers", text, id="p1")
    assert introduce_surnames(article.sentences[2].text, 2, [], article) == (
        article.sentences[2].text,
        (),
    )


def test_two_people_of_one_surname_leave_it_as_written() -> None:
    text = (
        "Venus Williams beat Serena Williams in the final. "
        "The crowd cheered for both. "
        "It was a long match, Williams said."
    )
    article = article_from_text("Final", text, id="w1")
    assert introduce_surnames(article.sentences[2].text, 2, [], article)[1] == ()


def test_the_brief_records_the_expansion_and_the_grounding_check_accepts_it() -> None:
    article = _article()
    lead = Placed("u1", 0, article.sentences[0].text)
    placed = resolve_references([lead, Placed("u1", 5, article.sentences[5].text)],
                                {"u1": article}, [])  # fmt: skip
    watts = placed[1]
    assert watts is not None and "Shannon Watts says" in watts.text
    head = "Airline bars girls in leggings"
    assert _problems(watts.text, ("u1", 5), watts.edits, article, head) == []
    wrong = "The girls changed and took a later flight, Jane Watts says."
    jane = (Edit("Watts", "Jane Watts", "u1", 1),)  # sentence 1 names Shannon, not Jane
    assert _problems(wrong, ("u1", 5), jane, article, head) != []


def test_a_story_persons_surname_gets_the_full_name_once_even_as_an_object() -> None:
    text = (
        "Steve Mollenkopf Photographer: Jo Doe/Bloomberg "
        "Qualcomm rejected the bid, with Chief Executive Officer Steve Mollenkopf dismissing it. "
        "The markets were calm. "
        "Tan is now putting pressure back on Mollenkopf and his board."
    )
    article = article_from_text("Bid", text, id="q1")
    last = article.sentences[-1]
    alone, _ = introduce_surnames(last.text, last.index, [], article)
    assert alone == last.text  # not a speaker, and no people given: left as written
    text_out, edits = introduce_surnames(last.text, last.index, [], article, ["Steve Mollenkopf"])
    assert "pressure back on Steve Mollenkopf and his board" in text_out
    assert [e.to for e in edits] == ["Steve Mollenkopf"]  # one person under two forms


def test_a_surname_that_is_also_a_word_is_only_expanded_as_a_speaker() -> None:
    text = "Theresa May met the council on Monday. The talks ran late. May 3 was the vote."
    article = article_from_text("Vote", text, id="m1")
    last = article.sentences[-1]
    assert introduce_surnames(last.text, last.index, [], article, ["Theresa May"])[1] == ()


# first names: a wire brief never calls an adult by first name alone

SPLIT = (
    "Sarah Silverman and Michael Sheen have split after four years. "
    "US comedian Sarah borrowed the phrase, as she told fans on Twitter. "
    "Sarah started dating British actor Michael, 49, following his split with Kate Beckinsale. "
    "When Sarah's fans asked, Lady Sarah said nothing. "
    '"Sarah is fine," a friend said.'
)
PEOPLE = ["Sarah Silverman", "Michael Sheen", "Kate Beckinsale"]


def _split() -> Article:
    return article_from_text("Split", SPLIT, id="f1")


def test_a_person_called_by_first_name_gets_the_full_name_the_article_gave() -> None:
    article = _split()
    text, edits = introduce_first_names(article.sentences[1].text, 1, article, PEOPLE)
    assert text == "US comedian Sarah Silverman borrowed the phrase, as she told fans on Twitter."
    assert edits == (Edit("Sarah", "Sarah Silverman", "f1", 0),)
    text, edits = introduce_first_names(article.sentences[2].text, 2, article, PEOPLE)
    assert text.startswith("Sarah Silverman started dating British actor Michael Sheen, 49,")
    assert sorted(e.to for e in edits) == ["Michael Sheen", "Sarah Silverman"]


def test_a_first_name_after_a_title_inside_quotes_or_of_two_people_stays() -> None:
    article = _split()
    text, _ = introduce_first_names(article.sentences[3].text, 3, article, PEOPLE)
    assert text == "When Sarah Silverman's fans asked, Lady Sarah said nothing."
    quoted = article.sentences[4].text
    assert introduce_first_names(quoted, 4, article, PEOPLE) == (quoted, ())
    two = [*PEOPLE, "Sarah Palin"]  # two Sarahs: "Sarah" could be either
    assert introduce_first_names(article.sentences[1].text, 1, article, two)[1] == ()


def test_a_first_name_the_article_never_gave_in_full_or_a_word_or_month_stays() -> None:
    article = article_from_text(
        "Vote",
        "Michael spoke first. Will Smith and May Jones met in May. Will they meet again?",
        id="f2",
    )
    people = ["Michael Sheen", "Will Smith", "May Jones"]
    for i in range(3):
        sentence = article.sentences[i]
        assert introduce_first_names(sentence.text, i, article, people)[1] == ()


def test_the_grounding_check_accepts_a_first_name_expansion_and_refuses_a_wrong_one() -> None:
    article = _split()
    text, edits = introduce_first_names(article.sentences[1].text, 1, article, PEOPLE)
    head = "Silverman and Sheen split"
    assert _problems(text, ("f1", 1), edits, article, head) == []
    wrong = text.replace("Sarah Silverman", "Sarah Palin")
    palin = (Edit("Sarah", "Sarah Palin", "f1", 0),)
    assert _problems(wrong, ("f1", 1), palin, article, head) != []


def test_a_story_persons_surname_in_the_possessive_gets_the_full_name() -> None:
    text = (
        "Linda Horomanski opened her electric bill on Tuesday. "
        "The company blamed a typing error. "
        "Horomanski's son called the company, and Horomanski-Smith did not."
    )
    article = article_from_text("Bill", text, id="h1")
    last = article.sentences[-1]
    out, edits = introduce_surnames(last.text, last.index, [], article, ["Linda Horomanski"])
    assert out == "Linda Horomanski's son called the company, and Horomanski-Smith did not."
    assert edits == (Edit("Horomanski", "Linda Horomanski", "h1", 0),)
    assert _problems(out, ("h1", last.index), edits, article, "Company blamed a typing error") == []
