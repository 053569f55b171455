"""Who said the key quote: attribution frames, pronouns, organisations, and None when unsure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.compose.quote import find_quotations, pick_quote, quote_sentences, running_text
from glimpse.errors import EmptyInput
from glimpse.extract import article_from_text
from glimpse.models import Article, Entity, Quote


def _article(text: str, id: str = "a1") -> Article:
    return article_from_text("Story", text, id=id)


def _speaker(text: str, entities: tuple[Entity, ...] = ()) -> str | None:
    quote = pick_quote([_article(text)], entities, min_words=4)
    assert quote is not None
    return quote.speaker


# --- pronouns ---------------------------------------------------------------------------


def test_she_told_me_is_the_woman_named_before_not_the_last_man() -> None:
    text = (
        "Ms. Dalworth met me at a hotel in Los Angeles last month. "
        "She had worked with the producer for twenty years. "
        "Mr. Kestrel, the former president, praised her early films in a speech. "
        '"The complicated feeling I have about the producer is how sad I am," she told me.'
    )
    people = (
        Entity("Uma Dalworth", "PERSON", 5, aliases=("Ms. Dalworth", "Dalworth")),
        Entity("Barak Kestrel", "PERSON", 3, aliases=("Mr. Kestrel", "Kestrel")),
    )
    assert _speaker(text, people) == "Uma Dalworth"


def test_he_said_is_the_person_who_spoke_in_the_sentence_before() -> None:
    text = (
        "Support for the prime minister was strong at the docks. "
        "Japan has been too passive, said 23-year-old Ryosuke Kinoshita, who backs Abe's party. "
        '"Next time they launch one, I would like to see us fire one back," he said.'
    )
    assert _speaker(text) == "Ryosuke Kinoshita"


def test_pronoun_skips_a_nearer_person_of_the_other_gender() -> None:
    text = (
        "Sarah Kline chaired the meeting of the harbour board on Monday. "
        "Mr. Doyle arrived an hour late and left early. "
        '"We are done waiting for the board to act on the silt," she said.'
    )
    assert _speaker(text) == "Sarah Kline"


def test_pronoun_with_two_people_of_unknown_gender_has_no_speaker() -> None:
    text = (
        "Talks between Alex Morgan and Robin Vale ended late on Sunday night. "
        '"We made real progress on the budget tonight," she said.'
    )
    assert _speaker(text) is None


def test_pronoun_with_nobody_of_that_gender_in_reach_has_no_speaker() -> None:
    text = (
        "The comedian gushed over Michael Sheen to Jimmy Kimmel during the show. "
        '"I am so happy to have him be a part of my life," she said.'
    )
    assert _speaker(text) is None


def test_the_writer_is_no_speaker() -> None:
    text = 'The minister left early. "You will regret this decision by the spring," I told him.'
    assert _speaker(text) is None


# --- organisations ----------------------------------------------------------------------


def test_an_organisation_that_speaks_is_the_speaker_not_the_person_named_before() -> None:
    text = (
        "Japanese Prime Minister Shinzo Abe condemned the launch in Tokyo. "
        '"The missile launch did not pose a threat to North America," NORAD said.'
    )
    people = (Entity("Shinzo Abe", "PERSON", 4, aliases=("Abe",)),)
    assert _speaker(text, people) == "NORAD"


def test_common_noun_organisations_are_stated_as_written() -> None:
    ministry = (
        'The talks stalled. "We will respond firmly to every provocation," the ministry said.'
    )
    officials = 'Roads closed. "The storm is the worst in thirty years here," officials said.'
    assert _speaker(ministry) == "the ministry"
    assert _speaker(officials) == "officials"


def test_a_spokesman_for_an_organisation_speaks_for_it() -> None:
    text = (
        '"China is gravely concerned by the deployment," said a spokesman for the Foreign Ministry.'
    )
    assert _speaker(text) == "a spokesman for the Foreign Ministry"


def test_a_firm_named_after_a_person_is_the_firm() -> None:
    text = (
        "Juan Pedro Damiani resigned from the ethics panel. "
        '"Our firm did not maintain any business relationship with him," '
        "the legal firm J.P. Damiani said in a statement."
    )
    people = (Entity("Juan Pedro Damiani", "PERSON", 3, aliases=("Damiani",)),)
    assert _speaker(text, people) == "the legal firm J.P. Damiani"


# --- frames -----------------------------------------------------------------------------


def test_said_x_with_a_role_and_an_affiliation_is_x() -> None:
    text = '"Qualcomm now has a tough decision to make," said analyst Daniel Ives of GBH Insights.'
    assert _speaker(text) == "Daniel Ives"


def test_a_role_alone_is_no_name_and_the_appositive_is_walked_back() -> None:
    text = '"Test flights usually carry concrete blocks as mass," Elon Musk, CEO of SpaceX, said.'
    assert _speaker(text) == "Elon Musk"


def test_colon_frame_in_the_sentence_before() -> None:
    text = (
        "Asked about the report, the mayor, Helen Ortiz, said:\n\n"
        '"For such groundless accusations, I have no comment."'
    )
    assert _speaker(text) == "Helen Ortiz"


def test_according_to_a_person_names_the_speaker_but_an_outlet_does_not() -> None:
    person = 'According to Helen Ortiz, "the bridge will reopen before the winter comes."'
    said = 'According to Helen Ortiz, "The bridge will reopen before the winter comes."'
    outlet = 'According to Reuters, "The bridge will reopen before the winter comes."'
    assert pick_quote([_article(person)], min_words=4) is None  # a fragment
    assert _speaker(said) == "Helen Ortiz"
    assert _speaker(outlet) is None


def test_a_quote_that_runs_on_after_its_attribution_keeps_its_speaker() -> None:
    text = (
        '"We won," Marta Velasquez said. '
        '"This agreement gives our members the security they asked for all year."'
    )
    article = _article(text)
    found = find_quotations(article)
    quote = pick_quote([article])
    assert len(found) == 2
    assert quote is not None and quote.text.startswith("This agreement")
    assert quote.speaker == "Marta Velasquez"


def test_an_unattributed_quote_after_other_sentences_has_no_speaker() -> None:
    text = (
        '"We are proud of every worker," Marta Velasquez said. The strike ended on Friday. '
        "Shipping resumed the next morning. "
        '"This agreement gives our members the security they asked for all year."'
    )
    quotes = [q for q in find_quotations(_article(text)) if q.text.startswith("This")]
    assert quotes
    assert _speaker(text.split("Shipping resumed the next morning. ")[1]) is None


# --- which quote ------------------------------------------------------------------------


def test_a_full_quote_is_chosen_over_a_fragment_woven_into_a_sentence() -> None:
    text = (
        'NORAD said it "determined the missile launch did not pose a threat to North America '
        'or to the people of Guam and Hawaii." "We are watching every launch closely and with '
        'care," a NORAD spokesman said.'
    )
    quote = pick_quote([_article(text)])
    assert quote is not None and quote.text.startswith("We are watching")
    assert quote.speaker == "a NORAD spokesman"


def test_a_quote_nested_in_another_is_not_listed_on_its_own() -> None:
    text = (
        "“I just tried to tell them: ‘Don’t try to fill the shoes, just be the best you can be.’ "
        "It worked,” Roethlisberger said."
    )
    texts = [q.text for q in find_quotations(_article(text))]
    assert texts == ["I just tried to tell them: ‘Don’t try to fill the shoes, just be the "
                     "best you can be.’ It worked"]  # fmt: skip


def test_an_unclosed_paragraph_quote_is_never_paired_with_the_next_paragraph() -> None:
    text = (
        '"The first paragraph of a long quote runs on without a closing mark.\n\n'
        '"The second paragraph closes it," the minister said.'
    )
    texts = [q.text for q in find_quotations(_article(text))]
    assert texts == ["The second paragraph closes it"]


def test_quote_sentences_spans_every_sentence_of_the_quote() -> None:
    article = _article(
        "The strike ended. "
        '"This agreement gives our members security. We are proud of every worker," '
        "Marta Velasquez said. Shipping resumed."
    )
    quote = pick_quote([article], min_words=4)
    assert quote is not None
    spanned = quote_sentences(quote, article)
    assert spanned == {1, 2}
    assert not spanned & {0, 3}


# --- properties -------------------------------------------------------------------------

PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'"}
NAMES = ["Helen Ortiz", "Mr. Doyle", "Sarah Kline", "NORAD", "the ministry", "officials"]
WORDS = [
    "we",
    "will",
    "not",
    "reopen",
    "the",
    "bridge",
    "before",
    "winter",
    "it",
    "was",
    "hard",
    "to",
    "say",
    "police",
    "on",
    "Monday",
]
FRAMES = ["{q}, {who} said.", "{q}, said {who}.", "{who} said: {q}", "{q}, she told me.",
          "{who} said it {q}", "{q} {who} said.", "{q}"]  # fmt: skip


@st.composite
def quoted_sentence(draw: st.DrawFn) -> str:
    body = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)))
    if draw(st.booleans()):
        body = body[:1].upper() + body[1:]
    opening = draw(st.sampled_from(sorted(PAIRS)))
    end = draw(st.sampled_from(["", ".", ",", "?"]))
    quote = f"{opening}{body}{end}{PAIRS[opening]}"
    frame = draw(st.sampled_from(FRAMES))
    return frame.format(q=quote, who=draw(st.sampled_from(NAMES)))


NOISE = st.lists(st.sampled_from([*WORDS, "“", "”", '"', "'", ",", ".", "Sarah"]), max_size=8)
TEXT = st.lists(st.one_of(quoted_sentence(), NOISE.map(" ".join)), min_size=1, max_size=6)


def test_a_quotation_opening_with_another_mark_is_not_a_key_quote() -> None:
    # found by the property test below: marks nested out of order leave "'We." inside '...'
    article = _article("' 'We.', Helen Ortiz said.")
    assert all(not f.complete for f in find_quotations(article))
    assert pick_quote([article], min_words=1) is None


@settings(max_examples=150, deadline=None)
@given(TEXT, st.sampled_from([" ", "\n\n"]))
def test_quotes_start_and_end_at_matching_marks_and_are_verbatim(
    parts: list[str], joiner: str
) -> None:
    try:
        article = _article(joiner.join(parts))
    except EmptyInput:
        return
    flat, _ = running_text(article)
    for found in find_quotations(article):
        opening, closing = flat[found.start], flat[found.end - 1]
        assert PAIRS.get(opening) == closing
        assert found.raw == flat[found.start + 1 : found.end - 1]
        assert found.text and found.text in found.raw
    quote = pick_quote([article], min_words=1)
    if quote is not None:
        same = [
            f
            for f in find_quotations(article)
            if (f.sentence, f.text) == (quote.sentence, quote.text)
        ]
        assert any(f.complete for f in same)
        assert quote.text[:1].isupper() or quote.text[:1].isdigit()


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_a_speaker_is_only_ever_named_from_the_words_of_the_article(parts: list[str]) -> None:
    try:
        article = _article(" ".join(parts))
    except EmptyInput:
        return
    quote = pick_quote([article], min_words=1)
    if quote is not None and quote.speaker is not None:
        for word in quote.speaker.split():
            assert word in article.text


def test_quote_sentences_of_a_quote_outside_the_article_is_its_own_sentence() -> None:
    article = _article("The strike ended. Shipping resumed.")
    assert quote_sentences(Quote("not here", None, "a1", 1), article) == {1}
    assert quote_sentences(Quote("x", None, "a1", 9), article) == set()
