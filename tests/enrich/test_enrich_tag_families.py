"""The tag rules of a wire brief, one family at a time: one name per person, normal case,
no credits or outlets, no fragments or common words, an event named in the sources' words,
and the editor's order and count."""

from __future__ import annotations

import pytest

from glimpse.enrich import tag_article, tag_articles, tag_story
from glimpse.enrich.canon import merge_entities
from glimpse.enrich.clean import strip_boilerplate
from glimpse.enrich.tags import (
    common_word,
    demonym,
    fragment,
    headline_words,
    is_outlet,
    outlet_keys,
)
from glimpse.models import Article, Entity


def _story(*articles: Article) -> tuple[tuple[str, ...], tuple[Entity, ...]]:
    return tag_story(list(articles), tag_articles(list(articles)))


# one name per person


def test_middle_initials_titles_and_surnames_are_one_person() -> None:
    merged = merge_entities(
        [
            Entity("Donald J. Trump", "PERSON", 2, ("a1",)),
            Entity("Donald Trump", "PERSON", 3, ("a2",)),
            Entity("Trump", "PERSON", 4, ("a1", "a2")),
            Entity("Melania Trump", "PERSON", 1, ("a2",)),
        ]
    )
    people = {e.name: e for e in merged}
    assert "Donald Trump" in people and "Donald J. Trump" not in people
    assert people["Donald Trump"].count == 9
    assert "Melania Trump" in people  # another person with the same surname stays apart


def test_story_tags_name_a_person_once() -> None:
    first = Article(
        id="t1",
        title="Trump signs tax bill",
        text=(
            "President Donald J. Trump signed the tax bill in Washington on Friday. Donald "
            "J. Trump said the bill would help workers. Trump thanked Congress."
        ),
    )
    second = Article(
        id="t2",
        title="Donald Trump signs tax overhaul",
        text=(
            "Donald Trump signed the tax overhaul at the White House in Washington. Mr. Trump "
            "called it a Christmas gift. Democrats in Washington said the bill favoured the rich."
        ),
    )
    tags, _ = _story(first, second)
    trumps = [t for t in tags if "Trump" in t]
    assert trumps == ["Donald Trump"]


def test_a_hyphenated_given_name_is_kept_whole() -> None:
    names = {e.name for e in tag_article(Article(id="k1", title="", text=(
        "Kim Jong-un watched the launch. Kim Jong-un said the test was a success. "
        "Kim left the site."
    ))).entities}  # fmt: skip
    assert "Kim Jong-un" in names and "Un" not in names and "un" not in names


def test_a_first_name_ner_left_out_is_joined_to_the_surname() -> None:
    article = Article(
        id="f1",
        title="Israel holds teenage activist",
        text=(
            "Israel has held Ahed Tamimi since her arrest. Palestinians have hailed Ahed "
            "Tamimi as an icon. Comedian Sarah Silverman wrote in support."
        ),
    )
    names = {e.name for e in tag_article(article).entities if e.type == "PERSON"}
    assert "Ahed Tamimi" in names
    assert "Comedian Sarah Silverman" not in names  # a dictionary word is no first name


def test_a_company_written_with_its_suffix_is_an_organisation() -> None:
    merged = merge_entities(
        [
            Entity("Qualcomm", "PERSON", 5, ("a1",), ("Qualcomm Inc.",)),
            Entity("Qualcomm", "ORG", 2, ("a2",)),
        ]
    )
    assert [(e.name, e.type) for e in merged] == [("Qualcomm", "ORG")]


# normal case


def test_drop_caps_are_put_in_normal_case() -> None:
    text = strip_boilerplate(
        "VLADIMIR Putin ordered Russians to leave.\n\nTHIS is the moment the missile flew."
    )
    assert text.startswith("Vladimir Putin ordered") and "\n\nThis is the moment" in text
    kept = "NASA has a new image.\n\nTWO YEARS ago the ice broke."
    assert strip_boilerplate(kept) == kept  # an acronym, and a line in capitals


def test_drop_cap_names_are_entities_in_normal_case() -> None:
    article = Article(
        id="d1",
        title="Sheen and Silverman split",
        text=(
            "MICHAEL Sheen and Sarah Silverman have split. Michael Sheen lives in Wales. "
            "Sheen and Silverman met in 2014."
        ),
    )
    features = tag_article(article)
    names = {e.name for e in features.entities}
    assert "Michael Sheen" in names and not any("MICHAEL" in n for n in names)
    assert "Michael Sheen" in features.tags
    merged = merge_entities(
        [Entity("VLADIMIR Putin", "PERSON", 3, ("a1",)), Entity("Vladimir Putin", "PERSON", 1)]
    )
    assert [e.name for e in merged] == ["Vladimir Putin"]


# credits, bylines, labels and outlets


def test_photo_credits_bylines_and_speaker_labels_are_no_entities() -> None:
    article = Article(
        id="c1",
        title="Hawaiian Airlines flight lands in the year it left",
        source="www.npr.org",
        text=(
            "By Ali Sawafta\n\n"
            "Jonah Hill Photographer: Patrick Fallon/Bloomberg\n\n"
            "Hawaiian Airlines flew from Auckland to Honolulu. (Photo: Evan Vucci, AP)\n\n"
            "AILSA CHANG, HOST:\n\nThe Hawaiian Airlines flight crossed the date line. "
            "Michael Wyke/Associated Press\n\n"
            "Hawaiian Airlines said the flight left Auckland and landed in Honolulu a day "
            "earlier, NPR reported."
        ),
    )
    features = tag_article(article)
    names = " ".join(e.name for e in features.entities) + " ".join(features.tags)
    for credit in ("Sawafta", "Fallon", "Bloomberg", "Vucci", "Chang", "CHANG", "Wyke", "Jonah"):
        assert credit not in names
    assert "NPR" not in features.tags
    assert "Hawaiian Airlines" in features.tags


def test_a_byline_with_the_outlet_is_a_credit() -> None:
    text = "Daksha Rangan, CTVNews.ca\n\nThousands fled the beach in Terrigal."
    assert strip_boilerplate(text) == "Thousands fled the beach in Terrigal."


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("ABC News", "abcnews.go.com"),
        ("The New York Times", "www.nytimes.com"),
        ("New York Times", "www.nytimes.com"),
        ("The Sun", "www.thesun.co.uk"),
        ("CNN", "money.cnn.com"),
        ("Hawaii News Now", "www.hawaiinewsnow.com"),
        ("CTV", "www.ctvnews.ca"),
    ],
)
def test_an_outlet_is_known_by_its_domain(name: str, domain: str) -> None:
    assert is_outlet(name, outlet_keys([domain]))


@pytest.mark.parametrize("name", ["Broadcom", "Hawaii", "News", "Times", "University of Sydney"])
def test_other_names_are_not_taken_for_an_outlet(name: str) -> None:
    keys = outlet_keys(["abcnews.go.com", "www.nytimes.com", "www.hawaiinewsnow.com"])
    assert not is_outlet(name, keys)


def test_an_outlets_journalist_is_no_tag() -> None:
    article = Article(
        id="j1",
        title="Chicago Bears fire coach John Fox",
        source="www.nfl.com",
        text=(
            "The Chicago Bears fired coach John Fox on Monday. The firing was first reported "
            "by NFL Network Insider Ian Rapoport. Rapoport said John Fox had been told. "
            "Ian Rapoport added that the Chicago Bears would hire quickly."
        ),
    )
    tags = tag_article(article).tags
    assert "John Fox" in tags and "Ian Rapoport" not in tags


# fragments and common words


def test_a_common_word_ner_capitalised_is_no_name() -> None:
    assert common_word("Snow", "Snow kept falling. The snow piled up in Erie.")
    assert common_word("Media", "Media caption: the barge exploded.")
    assert not common_word("Erie", "Snow fell on Erie. Residents of Erie dug out.")
    assert not common_word("Mars", "Musk will send a car to Mars. Mars is far.")


def test_a_part_of_a_longer_name_is_no_tag() -> None:
    known = [
        Entity("Chicago Bears", "ORG", 3),
        Entity("Bassem Tamimi", "PERSON", 2),
        Entity("Pittsburgh", "PLACE", 4),
    ]
    assert fragment(Entity("Bears", "PLACE", 5), known)
    assert fragment(Entity("Bassem", "ORG", 2), known)
    assert not fragment(Entity("Chicago", "PLACE", 2), known)
    assert not fragment(Entity("Tamimi", "PERSON", 2, aliases=("Bassem Tamimi",)), known[1:2])


def test_a_nationality_and_headline_words_are_no_names() -> None:
    places = [Entity("Israel", "PLACE", 9), Entity("Angola", "PLACE", 3)]
    assert demonym("Israeli", places) and demonym("Angolan", places)
    assert not demonym("Israel", places) and not demonym("Likud", places)
    title = "Shattered Antarctic iceberg seen from space"
    assert headline_words("Shattered Antarctic", title)
    assert not headline_words("United Airlines", "Fliers said United Airlines was late.")


def test_story_tags_are_names_not_topic_words() -> None:
    race = Article(
        id="r1",
        title="Hamilton wins in Brazil",
        text=(
            "Lewis Hamilton won the race in Brazil on Sunday. Hamilton led every lap. The "
            "lap record fell on the last lap, and Mercedes said the lap times were the best "
            "of the season. Lewis Hamilton thanked Mercedes."
        ),
    )
    tags = tag_article(race).tags
    assert "lap" not in tags and all(t[:1].isupper() for t in tags)
    assert {"Brazil", "Lewis Hamilton"} <= set(tags)


# the event


BID_1 = Article(
    id="b1",
    title="Pfizer raises its bid for AstraZeneca to $118 billion",
    text=(
        "Pfizer raised its bid for British drugmaker AstraZeneca on Friday to $118 billion, "
        "the largest takeover offer in the industry. AstraZeneca said the offer was too low. "
        "Pfizer chief executive Ian Read said Pfizer would not go hostile."
    ),
)
BID_2 = Article(
    id="b2",
    title="AstraZeneca rejects Pfizer's final offer",
    text=(
        "AstraZeneca rejected a hostile bid from Pfizer worth $118 billion on Monday. "
        "AstraZeneca said Pfizer undervalued the company. Ian Read of Pfizer said he was "
        "disappointed, and AstraZeneca shares fell in London."
    ),
)


def test_event_tag_is_the_agreed_event_noun_with_the_names_beside_it() -> None:
    tags, _ = _story(BID_1, BID_2)
    assert tags[0] in ("Pfizer–AstraZeneca bid", "AstraZeneca–Pfizer bid")
    assert "hostile" not in tags[0]  # an adjective is the writer's view, not the event


def test_no_event_tag_when_only_one_source_names_the_event() -> None:
    other = Article(
        id="b3",
        title="AstraZeneca shares fall in London",
        text=(
            "AstraZeneca shares fell 3% in London on Monday. Traders in London said "
            "AstraZeneca would report results soon. AstraZeneca declined to comment."
        ),
    )
    tags, _ = _story(BID_1, other)
    assert not any(t.endswith(" bid") for t in tags)


def test_no_event_tag_without_a_name_beside_the_event_noun() -> None:
    quiet = Article(
        id="q1",
        title="The summit ends",
        text="The summit ended on Friday. Leaders said the summit was useful. It rained.",
    )
    assert not any("summit" in t for t in tag_article(quiet).tags)


# order and count


def test_tags_run_event_place_then_people_and_organisations() -> None:
    tags, entities = _story(BID_1, BID_2)
    kinds = {e.name: e.type for e in entities}
    assert 3 <= len(tags) <= 6
    rest = [kinds.get(t) for t in tags[1:]]
    if "PLACE" in rest:
        assert rest.index("PLACE") == 0
    assert {"Pfizer", "AstraZeneca"} <= set(tags)


def test_fewer_tags_when_the_story_names_fewer_things() -> None:
    split = Article(
        id="s1",
        title="Sarah Silverman and Michael Sheen split",
        text=(
            "Sarah Silverman and Michael Sheen have split after four years. Silverman "
            "announced the split on Monday. Sheen said the split was friendly. The couple "
            "had lived apart for months, and the split was mutual."
        ),
    )
    tags = tag_article(split).tags
    assert {"Sarah Silverman", "Michael Sheen"} <= set(tags)
    assert len(tags) <= 4
    assert all(t[:1].isupper() for t in tags)
