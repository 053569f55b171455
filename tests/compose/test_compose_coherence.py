"""A story, not a collage: references resolved or left out, edits grounded, news first."""

from __future__ import annotations

from glimpse.compose.coherence import Placed, resolve_references, story_words, undo_drop_cap
from glimpse.compose.grounding import check_grounding
from glimpse.compose.layout import lay_out, role
from glimpse.extract import article_from_text
from glimpse.models import Article, Brief, BriefSentence, Edit, Entity, SupportRef

TEXT = (
    "Police said the gunman fired from the 32nd floor of the Harbor Hotel on Sunday night. "
    "The gunman was identified as Stephen Paddock, a retired accountant from Mesquite. "
    "He was a high-stakes gambler who had no criminal record, his brother said. "
    "Eric Paddock and Marilou Danley were questioned by detectives on Monday. "
    "She said she had been abroad during the attack. "
    "That would make the attack the deadliest in the state's modern history."
)


def _article() -> Article:
    return article_from_text("Hotel shooting", TEXT, id="a1")


def _placed(article: Article, index: int) -> Placed:
    return Placed(article.id, index, article.sentences[index].text)


def test_a_pronoun_gets_the_one_name_the_previous_sentence_gives() -> None:
    article = _article()
    lead = _placed(article, 0)
    (_, he) = resolve_references([lead, _placed(article, 2)], {"a1": article}, [])
    assert he is not None
    assert he.text.startswith("Stephen Paddock was a high-stakes gambler")
    assert he.edits == (Edit("He", "Stephen Paddock", "a1", 1),)


def test_a_pronoun_after_two_names_is_left_out() -> None:
    article = _article()
    out = resolve_references([_placed(article, 0), _placed(article, 4)], {"a1": article}, [])
    assert out[1] is None


def test_a_reference_right_after_its_source_sentence_stays_as_written() -> None:
    article = _article()
    placed = [_placed(article, i) for i in (0, 1, 2)]
    out = resolve_references(placed, {"a1": article}, [])
    assert out == placed  # "The gunman" after "the gunman", "He" right after its sentence


def test_the_government_is_never_replaced_by_the_nearest_name() -> None:
    text = (
        "North Korea fired a missile over Hokkaido on Tuesday. "
        "Pyongyang said the launch was a warning. "
        "The government said the missile landed 2,000 kilometres east of Cape Erimo."
    )
    article = article_from_text("Missile over Japan", text, id="k1")
    pyongyang = [Entity("Pyongyang", "ORG")]  # as the tagger sometimes types a state
    lead = _placed(article, 0)
    alone = resolve_references([lead, _placed(article, 2)], {"k1": article}, pyongyang)
    assert alone[1] is None  # whose government is not said: left out, never "Pyongyang said"
    said = Placed("k1", 9, "Japan's government condemned the launch.")
    out = resolve_references([said, _placed(article, 2)], {"k1": article}, pyongyang)
    assert out[1] == _placed(article, 2)


def test_a_demonstrative_without_its_antecedent_is_left_out() -> None:
    article = _article()
    out = resolve_references([_placed(article, 0), _placed(article, 5)], {"a1": article}, [])
    assert out[1] is None


def test_the_gate_accepts_a_recorded_edit_and_rejects_an_invented_one() -> None:
    article = _article()
    good = BriefSentence(
        "Stephen Paddock was a high-stakes gambler who had no criminal record, his brother said.",
        (SupportRef("a1", 2),),
        (Edit("He", "Stephen Paddock", "a1", 1),),
    )
    bad = BriefSentence(
        "Eric Paddock was a high-stakes gambler who had no criminal record, his brother said.",
        (SupportRef("a1", 2),),
        (Edit("He", "Eric Paddock", "a1", 1),),  # sentence 1 never names Eric
    )
    unrecorded = BriefSentence(
        "Stephen Paddock was a high-stakes gambler who had no criminal record, his brother said.",
        (SupportRef("a1", 2),),
    )
    for sentence, ok in ((good, True), (bad, False), (unrecorded, False)):
        brief = Brief("s", "Gunman fires from hotel", (sentence,), (), None, (), None, ())
        assert (check_grounding(brief, [article]) == []) is ok


def test_drop_caps_are_put_in_normal_case_when_the_story_writes_the_name() -> None:
    words = story_words([article_from_text("Vladimir Putin orders evacuation", "Text here.")])
    assert undo_drop_cap("VLADIMIR Putin ordered Russians to leave.", words).startswith(
        "Vladimir Putin"
    )
    assert undo_drop_cap("NASA Administrator Jim Bridenstine said so.", words).startswith("NASA")


def test_a_drop_cap_run_of_common_words_goes_to_sentence_case_acronyms_stay() -> None:
    text = "Two years ago the cellist told us he was a musician. FBI agents met him."
    words = story_words([article_from_text("Cellist", text)])
    assert (
        undo_drop_cap("TWO YEARS ago, a cellist spoke.", words) == "Two years ago, a cellist spoke."
    )
    assert undo_drop_cap("US FBI agents met him.", words) == "US FBI agents met him."
    words = story_words([article_from_text("Police", "Police in New York said new rules apply.")])
    assert undo_drop_cap("NEW YORK police said so.", words) == "New York police said so."


def test_the_body_goes_news_then_reactions_then_background() -> None:
    texts = [
        "In 2009 a rocket passed over the islands without incident.",
        "The United Nations condemned the launch, its spokesman said.",
        "The missile flew 2,700 km before falling into the Pacific on Tuesday.",
        "Sirens sounded across the north of the island at 6am.",
    ]
    assert [role(t) for t in texts] == ["background", "reaction", "news", "news"]
    paragraphs = lay_out(texts, texts, [(0, 3), (0, 1), (0, 2), (1, 0)], size=3, lead=1)
    assert [p[0] for p in paragraphs] == [texts[2], texts[3], texts[1], texts[0]]


def test_a_part_of_a_group_counted_before_is_read_only_after_its_sentence() -> None:
    text = (
        "North Korea fired four missiles on Monday. "
        "Two of them traveled about 155 miles before splashing down. "
        "Japan protested."
    )
    article = article_from_text("Missiles", text, id="m1")
    placed = [_placed(article, 2), _placed(article, 1)]
    assert resolve_references(placed, {"m1": article}, [])[1] is None
    after = [_placed(article, 0), _placed(article, 1)]
    assert resolve_references(after, {"m1": article}, []) == after


def test_a_described_person_noun_needs_its_antecedent_in_the_brief() -> None:
    text = (
        "Tim Burton and Helena Bonham Carter split after 13 years. "
        "The A-list pair reportedly took a holiday in the Bahamas. "
        "Sarah Silverman and Michael Sheen have broken up."
    )
    article = article_from_text("Splits", text, id="c1")
    out = resolve_references([_placed(article, 2), _placed(article, 1)], {"c1": article}, [])
    assert out[1] is None  # which pair: only the sentence the brief left out says
    after = [_placed(article, 0), _placed(article, 1)]
    assert resolve_references(after, {"c1": article}, []) == after


def test_a_count_of_people_is_no_description_of_someone() -> None:
    text = "Nuns are rarer than ever. The number of women becoming nuns is at a 25-year high."
    article = article_from_text("Nuns", text, id="n1")
    placed = [_placed(article, 1)]
    assert resolve_references(placed, {"n1": article}, []) == placed
