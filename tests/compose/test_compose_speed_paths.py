"""The shortcuts that keep a brief fast give the answers of the slow paths they skip."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from glimpse.compose import compose_brief
from glimpse.compose.amounts import MAYBE_NUMBER, is_number_start, maybe_number, tokenize
from glimpse.compose.figures import figures
from glimpse.compose.headline_form import needs_entities
from glimpse.compose.headline_text import case_map, casing_keys
from glimpse.compose.headline_write import parse
from glimpse.compose.quote import pick_quote
from glimpse.compose.signals import dangling_opener
from glimpse.compose.terms import clear_caches
from glimpse.compose.trim import trim_sentence
from glimpse.extract import article_from_text
from glimpse.models import Article, Brief, Sentence
from glimpse.nlp import load_spacy


@pytest.mark.parametrize(
    ("text", "needed"),
    [
        ("North Korea fired a missile on Tuesday.", True),
        ("The missile flew over Japan's northern island of Hokkaido.", True),
        ("North Korea fired a missile into the sea.", False),
    ],
)
def test_entities_are_asked_for_exactly_where_the_headline_forms_read_them(
    text: str, needed: bool
) -> None:
    doc = load_spacy()(text)
    assert needs_entities(doc) is needed


def test_parse_gives_the_full_pipelines_entities_where_they_are_read() -> None:
    texts = [
        "Police arrested two men in Paris on Monday.",
        "The missile flew over Japan's northern island of Hokkaido.",
        "The company raised its offer.",
    ]
    full = list(load_spacy().pipe(texts))
    for ours, theirs in zip(parse(texts), full, strict=True):
        assert [t.dep_ for t in ours] == [t.dep_ for t in theirs]
        if needs_entities(ours):
            assert [(e.text, e.label_) for e in ours.ents] == [
                (e.text, e.label_) for e in theirs.ents
            ]
    assert parse(texts)[0].ents  # a dated sentence is read for its entities


@pytest.mark.parametrize(
    "text",
    [
        "Fifty-nine people were killed.",
        "About seven men fled.",
        "It cost £5 million.",
        "At least 50 people died.",
        "US$ 4 billion was raised.",
        "Nobody was hurt.",
    ],
)
def test_the_number_prefilter_never_skips_a_sentence_with_a_number(text: str) -> None:
    has_number = any(is_number_start(t) for t in tokenize(text))
    assert bool(MAYBE_NUMBER.search(text)) or not has_number
    if not MAYBE_NUMBER.search(text):
        assert figures(text) == []


def _article(*texts: str) -> Article:
    sentences = tuple(Sentence(i, t, 0, len(t)) for i, t in enumerate(texts))
    return Article(id="a", title="t", text=" ".join(texts), sentences=sentences)


def test_a_case_map_of_the_wanted_words_agrees_with_the_whole_map() -> None:
    article = _article(
        "The NASA probe flew by the Moon on Monday.",
        "Officials at Nasa and the moon team cheered.",
        "A second NASA team watched the moon.",
    )
    whole = case_map([article])
    wanted = casing_keys(["NASA PROBE REACHES THE MOON"])
    assert case_map([article], wanted) == {k: v for k, v in whole.items() if k in wanted}


@pytest.mark.parametrize(
    "before",
    [
        'He had written "a novel" before. Prime Minister Theresa May said: ',
        "Theresa May told reporters in London that ",
        '"We will win," he said, and "we will stay", Theresa May said: ',
        "“It is over,” the minister said. Later Theresa May added in a statement: ",
    ],
)
def test_the_quote_frame_search_from_the_last_quote_mark_finds_the_same_frame(
    before: str,
) -> None:
    from glimpse.compose.attribution import _BEFORE

    start = max(before.rfind(mark) for mark in '"“”') + 1
    whole, fast = _BEFORE.search(before), _BEFORE.search(before, start)
    assert whole is not None and fast is not None
    assert (fast.span(), fast.groupdict()) == (whole.span(), whole.groupdict())


def test_a_quote_after_earlier_quotations_is_credited_to_its_frame() -> None:
    text = (
        'Marta Velasquez spoke of "a hard winter" on Monday. '
        'Marta Velasquez said: "We will hold the line on prices this winter and beyond."'
    )
    article = article_from_text("Prices", text, id="p1")
    quote = pick_quote([article], min_words=4)
    assert quote is not None and quote.speaker == "Marta Velasquez"


def _fresh(compose: Callable[[], Brief]) -> Brief:
    clear_caches()
    return compose()


def test_memoised_answers_of_one_story_never_reach_the_next(
    story: Callable[[str], list[Article]],
) -> None:
    names = ["disagreeing_numbers", "surname_speaker", "one_article", "no_quote"]
    fresh = {n: _fresh(lambda n=n: compose_brief(n, story(n))) for n in names}
    clear_caches()
    for name in [*names, *reversed(names)]:  # each story after others, caches warm
        assert compose_brief(name, story(name)) == fresh[name]


def test_a_memoised_sentence_function_answers_as_the_function_itself() -> None:
    text = "LONDON (Reuters) - But the council, which met on Monday, rejected the plan."
    clear_caches()
    assert trim_sentence(text) == trim_sentence.__wrapped__(text) != text  # type: ignore[attr-defined]
    assert trim_sentence(text) == trim_sentence(text, 0.5)
    assert trim_sentence(text, 0.99) == text  # another argument, another answer
    assert dangling_opener("But it rained.") and not dangling_opener("Rain fell in May.")


def test_one_call_per_text_gives_the_vectors_of_a_padded_batch() -> None:
    from glimpse.enrich.embed import default_embedder

    texts = [
        "Two people were hurt.",
        "The council rejected the plan to rebuild the bridge over the river on Monday night.",
        "",
        "Broadcom raised its offer for Qualcomm to $121 billion, the company said in a statement.",
    ]
    embedder = default_embedder()
    assert np.array_equal(embedder.embed_each(texts), embedder.embed(texts))


@pytest.mark.parametrize(
    "text",
    ["BREAKING NEWS: Storm hits.", "Storm hits the coast.", "ÉTAT D'URGENCE DÉCLARÉ", "Ça va.",
     "123 456.", "", "NASA said the probe was fine."],
)  # fmt: skip
def test_the_capitals_count_by_bytes_agrees_with_the_count_by_letters(text: str) -> None:
    from glimpse.compose.rank import _shouting

    letters = [c for c in text if c.isalpha()]
    assert _shouting(text) == (
        not letters or sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    )


def test_a_wanted_quotes_speaker_is_read_as_with_every_speaker_read() -> None:
    from glimpse.compose.pronoun import people
    from glimpse.compose.quote import _outlets, _Story, attribute, find_quotations
    from glimpse.compose.speaker import story_names

    text = (
        '"It was a long night," Marta Velasquez said on Monday. "We will hold the line on '
        'prices this winter." Her deputy Tom Reed added: "No one will be left behind."'
    )
    article = article_from_text("Prices", text, id="p1")
    names = story_names([article])
    story = _Story(names, (), people([article], names, ()), _outlets([article]))
    found = find_quotations(article)
    every = attribute(found, story)
    assert len(found) == 3 and every[1] is not None  # the second carries on from the first
    for n in range(len(found)):
        wanted = [i == n for i in range(len(found))]
        assert attribute(found, story, wanted)[n] == every[n]
        assert all(s is None for i, s in enumerate(attribute(found, story, wanted)) if i > n)


SOCIAL_TEXTS = [
    "LOL that was close.",
    "Follow @nasa for more.",
    "Big day #launch",
    "Hahaha, no.",
    "The smh index rose.",
    "Olé, ſmh.",
    "The council met on Monday.",
    "Email: a@b.org",
]
FIRST_PERSON_TEXTS = ["I think so.", "We're done.", "Let's go.", "Ours is better.",
                      "The summit meets.", "Imagine mine.", "The US said no.", "Émile said we won.",
                      "“We”", "Mean measures"]  # fmt: skip


@pytest.mark.parametrize(
    ("check", "text"),
    [*(("social", t) for t in SOCIAL_TEXTS), *(("first person", t) for t in FIRST_PERSON_TEXTS)],
)
def test_a_voice_prefilter_agrees_with_its_pattern(check: str, text: str) -> None:
    from glimpse.compose.voice import FIRST_PERSON, SOCIAL, _first_person, _social

    fast, pattern = {"social": (_social, SOCIAL), "first person": (_first_person, FIRST_PERSON)}[
        check
    ]
    assert fast(text) == bool(pattern.search(text))


@pytest.mark.parametrize(
    "text",
    ["He said 'no' twice.", "It ended,' Musk posted.", "He compared them to 'ships in the",
     "“It is over,” he said.", "“It is over, he said.", 'A "quote.', "Plain words only."],
)  # fmt: skip
def test_a_sentence_without_single_marks_skips_only_the_single_mark_tests(text: str) -> None:
    from glimpse.compose.voice import unpaired_quote

    unmarked = text.replace("'", "").replace("’", "").replace("‘", "")
    assert unpaired_quote(unmarked) == (
        unmarked.count("“") != unmarked.count("”") or unmarked.count('"') % 2 == 1
    )
    assert isinstance(unpaired_quote(text), bool)


@pytest.mark.parametrize(
    "text",
    ["Fifty-nine people were killed.", "SEVEN men fled.", "Someone had done it.", "It cost £5.",
     "The often-cited one's rule.", "Seventeen_x and ten_", "Naïve ſix people.", "No count here.",
     "The tenth day.", "Ninety-nine", "one"],
)  # fmt: skip
def test_the_fast_number_check_agrees_with_the_number_pattern(text: str) -> None:
    assert maybe_number(text) == bool(MAYBE_NUMBER.search(text))


@pytest.mark.parametrize(
    "text",
    ["Here's what you need.", "But here is the catch:", "Everyone knows the answer.",
     "The bottom line: it works.", "Not everyone agrees.", "The council met."],
)  # fmt: skip
def test_the_teaser_check_without_every_tries_the_opening_only(text: str) -> None:
    from glimpse.compose.voice import TEASER, _teaser

    assert _teaser(text) == bool(TEASER.search(text))


def test_a_sentence_in_drop_capitals_is_still_put_in_the_storys_case() -> None:
    text = (
        "VLADIMIR Putin ordered the evacuation of the border town on Monday after the floods. "
        "Officials said Vladimir Putin would visit the town later in the week with his ministers. "
        "The floods destroyed more than two hundred homes along the river, officials said."
    )
    brief = compose_brief("s", [article_from_text("Floods in the border town", text, id="a1")])
    said = [s.text for s in brief.summary] + [s.text for p in brief.body for s in p]
    assert any(t.startswith("Vladimir Putin ordered") for t in said)
    assert not any(t.startswith("VLADIMIR") for t in said)


@pytest.mark.parametrize(
    "text",
    ["Pictured: the mayor.", "The PICTURED scene.", "Above all, he won.", "It was seen below.",
     "The council met on Monday.", "Time: 10am", "Ça va, pictured here."],
)  # fmt: skip
def test_the_caption_prefilter_agrees_with_the_caption_pattern(text: str) -> None:
    from glimpse.compose.rank import CAPTION, _captioned

    assert _captioned(text) == bool(CAPTION.search(text))


@pytest.mark.parametrize(
    "text",
    ["Rescuers search the rubble, on Monday.", "He said rescuers search the rubble, on Monday.",
     "Police told reporters the man waves during the game.", "X gestures during a briefing."],
)  # fmt: skip
def test_a_caption_check_reads_a_said_the_same_way(text: str) -> None:
    import re

    from glimpse.compose.voice import _SAID, caption_problem

    said = re.search(r"\b(?:said|says?|told|tells?|according to)\b", text)
    assert bool(_SAID.search(text)) == bool(said)
    if said:
        assert not caption_problem(text)


@pytest.mark.parametrize(
    "text",
    ["Subscribe now.", "SUBSCRIBE now.", "\u017fubscribe now.", "Nothing here.", "Nöthing.", ""],
)
def test_a_guarded_search_answers_as_the_search_it_guards(text: str) -> None:
    import re

    from glimpse.compose.terms import guarded_search

    # "\u017f" (long s) matches "s" case-insensitively, yet lower-cases to itself: non-ASCII
    # text is always searched
    folded = re.compile(r"\bsubscribe\b", re.IGNORECASE)
    assert guarded_search(folded, ["subscribe"], fold=True)(text) == bool(folded.search(text))
    exact = re.compile(r"\bSubscribe\b")
    assert guarded_search(exact, ["Subscribe"])(text) == bool(exact.search(text))
