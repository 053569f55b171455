"""The key quote: verbatim, attributed to a full name, null when there is none."""

from __future__ import annotations

from collections.abc import Callable

from glimpse.compose import compose_brief
from glimpse.compose.grounding import quote_span
from glimpse.compose.quote import find_quotations, pick_quote
from glimpse.compose.speaker import full_name, story_names
from glimpse.extract import article_from_text
from glimpse.models import Article, Entity, Sentence

Story = Callable[[str], list[Article]]


def _verbatim(quote_text: str, articles: list[Article], article_id: str, index: int) -> bool:
    article = next(a for a in articles if a.id == article_id)
    return quote_text in quote_span(article, index)


def test_story_without_quotation_has_no_key_quote(story: Story) -> None:
    assert compose_brief("rates", story("no_quote")).key_quote is None


def test_key_quote_is_copied_verbatim_with_its_speaker(story: Story) -> None:
    articles = story("one_article")
    quote = compose_brief("s1", articles).key_quote
    assert quote is not None
    assert quote.text.startswith("We will not reopen the bridge")
    assert quote.text in articles[0].sentences[quote.sentence].text
    assert (quote.speaker, quote.article, quote.outlet) == ("Helen Ortiz", "wire-1", "Wire Service")
    assert quote.url == "https://wire.example/bridge"


def test_quotation_split_across_sentences_is_taken_whole(story: Story) -> None:
    articles = story("split_quote")
    first = articles[0].sentences
    assert any(s.text.startswith('"This agreement') and not s.text.endswith('"') for s in first)
    quote = compose_brief("port", articles).key_quote
    assert quote is not None
    assert quote.text == (
        "This agreement gives our members the security they asked for. "
        "We are proud of every worker who stood firm"
    )
    assert _verbatim(quote.text, articles, quote.article, quote.sentence)
    assert quote.speaker == "Marta Velasquez"


def test_partial_quote_woven_into_a_sentence_is_no_key_quote(story: Story) -> None:
    articles = story("surname_speaker")  # Sorokin said the talks had been "frank and useful, ..."
    assert any('had been "frank and useful' in s.text for s in articles[0].sentences)
    assert compose_brief("summit", articles).key_quote is None


def test_speaker_named_by_surname_gets_full_name() -> None:
    article = article_from_text(
        "Border talks",
        "President Ivan Sorokin of Tarvos met Belen's prime minister on Sunday. "
        '"The talks were frank and useful, a first step towards normal trade," Sorokin said.',
        id="s1",
    )
    quote = pick_quote([article])
    assert quote is not None and quote.speaker == "Ivan Sorokin"


def test_speaker_resolved_through_story_entities() -> None:
    article = article_from_text(
        "Talks end",
        'The talks ended on Monday. "We are ready to sign," Putin said after the meeting.',
        id="p1",
    )
    people = [Entity("Vladimir Putin", "PERSON", 4, aliases=("Putin", "President Putin"))]
    quote = pick_quote([article], people, min_words=3)
    assert quote is not None and quote.speaker == "Vladimir Putin"


def test_pronoun_speaker_is_the_last_person_named() -> None:
    article = article_from_text(
        "Coach quits",
        "Coach Daniel Reyes resigned on Sunday after ten years with the club. "
        '"It was the hardest decision of my working life," he told reporters.',
        id="c1",
    )
    quote = pick_quote([article])
    assert quote is not None and quote.speaker == "Daniel Reyes"


def test_family_name_first_resolves_to_full_name() -> None:
    sentence = Sentence(0, "North Korean leader Kim Jong Un watched the launch on Tuesday.", 0, 0)
    article = Article(id="k", title="Kim watches launch", text="", sentences=(sentence,))
    assert full_name("Kim", story_names([article])) == "Kim Jong Un"
    assert full_name("Mr. Kim", story_names([article])) == "Kim Jong Un"


def test_surname_resolves_past_titles_and_role_words_are_no_speaker() -> None:
    sentence = Sentence(0, "Russian President Vladimir Putin met the envoy in Moscow.", 0, 0)
    names = story_names([Article(id="p", title="", text="", sentences=(sentence,))])
    assert full_name("Putin", names) == "Vladimir Putin"
    assert full_name("The spokesman", names) is None


def test_short_scare_quotes_are_not_key_quotes() -> None:
    article = article_from_text(
        "Fans clash",
        "Police described the scenes outside the stadium as 'a free for all' on Saturday night.",
        id="f1",
    )
    assert pick_quote([article]) is None


def test_quote_repeated_by_several_outlets_wins() -> None:
    said = '"We will hold the line on prices this winter," the minister said.'
    other = '"Our plan for the new railway is on schedule and on budget," the minister said.'
    a = article_from_text("Energy", f"The minister spoke on Monday. {other} {said}", id="a")
    b = article_from_text("Energy plan", f"Prices rose in October. {said}", id="b")
    quote = pick_quote([a, b])
    assert quote is not None and quote.text.startswith("We will hold the line")


def test_find_quotations_reads_curly_and_straight_quotes() -> None:
    article = article_from_text(
        "Quotes",
        "“Curly quotes are common in print,” she said. 'Single quotes too,' he said.",
        id="q",
    )
    texts = [q.text for q in find_quotations(article)]
    assert "Curly quotes are common in print" in texts
    assert "Single quotes too" in texts


def test_the_listener_in_told_is_not_the_speaker() -> None:
    article = article_from_text(
        "Rescue",
        'Firefighter Maria Lopez reached the car first. "The water was rising faster than '
        'anything I have seen," she told CBS News on Monday.',
        id="r1",
    )
    quote = pick_quote([article])
    assert quote is not None and quote.speaker == "Maria Lopez"


def test_quoted_title_is_not_a_quotation() -> None:
    article = article_from_text(
        "UN body",
        'The report went to the "Committee on the Peaceful Uses of Outer Space" in Vienna.',
        id="u1",
    )
    assert pick_quote([article], min_words=3) is None
