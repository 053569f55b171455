"""Tags an editor would keep: no page furniture, datelines, headline fragments, non-words,
role nouns or the outlets themselves."""

from __future__ import annotations

import re

from glimpse.enrich import tag_article, tag_story
from glimpse.enrich.canon import merge_entities
from glimpse.enrich.clean import split_dateline, strip_boilerplate, truecase_title
from glimpse.enrich.topics import roles_in, topic_flaw
from glimpse.models import Article, Entity

CAPTIONED = Article(
    id="c1",
    title="Boko Haram frees 21 Chibok schoolgirls",
    text=(
        "Enlarge this image toggle caption Alastair Grant/AP Alastair Grant/AP\n\n"
        "Boko Haram freed 21 schoolgirls from Chibok on Thursday, Nigeria said. The "
        "schoolgirls were handed over after negotiations. (AP Photo/Sunday Alamba)\n\n"
        "Getty Images\n\nAdvertisement\n\n"
        "The schoolgirls were flown to Abuja. Boko Haram still holds more schoolgirls, and "
        "the negotiations will continue, Nigeria said."
    ),
)


def _no_furniture(tags: tuple[str, ...]) -> None:
    furniture = re.compile(r"caption|getty|photo|advertisement|alastair|alamba", re.I)
    assert not [t for t in tags if furniture.search(t)]


def test_photo_captions_and_credits_are_never_tags() -> None:
    features = tag_article(CAPTIONED)
    _no_furniture(features.tags)
    _no_furniture(tuple(e.name for e in features.entities))
    assert "Boko Haram" in features.tags


def test_caption_and_furniture_lines_are_stripped_before_tagging() -> None:
    text = strip_boilerplate(CAPTIONED.text)
    assert text.startswith("Boko Haram freed")
    assert "AP Photo" not in text and "Getty" not in text and "Advertisement" not in text
    assert "negotiations will continue" in text
    kept = "Getty Images reported record sales, the photo agency said."
    assert strip_boilerplate(kept) == kept  # a sentence about Getty is news, not a credit


def test_boilerplate_phrases_are_not_topics() -> None:
    for phrase in ("image toggle caption", "AP Photo", "file photo", "Advertisement", "CLOSE"):
        assert topic_flaw(phrase, "") == "boilerplate"


def test_all_caps_dateline_is_cut_and_normalised() -> None:
    place, body = split_dateline("WASHINGTON (AP) — United Airlines barred two girls.")
    assert place == "Washington" and body.startswith("United Airlines")
    place, body = split_dateline("SEOUL, South Korea — North Korea fired three missiles.")
    assert place == "Seoul" and body.startswith("North Korea")
    assert split_dateline("United Airlines barred two girls.") == (
        None,
        "United Airlines barred two girls.",
    )


def test_dateline_place_is_no_tag_unless_the_body_names_it() -> None:
    airline = Article(
        id="d1",
        title="Airline bars girls wearing leggings",
        text=(
            "WASHINGTON - United Airlines barred two teenage girls wearing leggings from a "
            "flight in Denver. The girls in leggings later flew to Minneapolis, and the "
            "leggings rule drew outrage on Twitter. Denver airport staff said the leggings "
            "rule was old."
        ),
    )
    tags = tag_article(airline).tags
    assert not {"WASHINGTON", "Washington"} & set(tags)
    assert "Denver" in tags
    senate = Article(
        id="d2",
        title="Senate passes budget",
        text=(
            "WASHINGTON — The Senate passed the budget on Friday. Lawmakers in Washington "
            "said the budget vote would calm markets. Washington now waits for the House."
        ),
    )
    tags = tag_article(senate).tags
    assert "Washington" in tags and "WASHINGTON" not in tags


def test_headline_case_title_is_read_in_the_case_of_the_body() -> None:
    body = (
        "SEOUL, South Korea — North Korea fired three ballistic missiles toward Japan on "
        "Monday, officials in Seoul said. The missiles fell into the sea."
    )
    title = "North Korea Test-Fires 3 Missiles Toward Japan, Seoul Says"
    assert (
        truecase_title(title, body) == "North Korea test-fires 3 missiles toward Japan, Seoul says"
    )
    zoo = "A gorilla was shot at the Cincinnati Zoo. The Cincinnati Zoo said the zoo was shut."
    assert (
        truecase_title("Gorilla Killed At Cincinnati Zoo", zoo)
        == "Gorilla killed at Cincinnati Zoo"
    )
    sentence = "Putin and Kim hold summit in Vladivostok"
    assert truecase_title(sentence, "Putin met Kim.") == sentence


def test_headline_words_are_not_glued_to_names() -> None:
    split = Article(
        id="h1",
        title="Sarah Silverman and Michael Sheen Break Up",
        text=(
            "Sarah Silverman and Michael Sheen have broken up after nearly four years of "
            "dating. Silverman shared the news on Twitter. Sheen lives in Wales, and "
            "Silverman lives in Los Angeles."
        ),
    )
    features = tag_article(split)
    names = {e.name for e in features.entities}
    assert "Michael Sheen" in names and not any("Break" in n for n in names)
    assert {"Sarah Silverman", "Michael Sheen"} <= set(features.tags)


def test_misspelt_and_chat_words_are_not_topics() -> None:
    assert topic_flaw("askin", "u stop askin askin askin") == "not a word"
    assert topic_flaw("mnday announcement", "") == "not a word"
    assert topic_flaw("leggings", "leggings, leggings and leggings") is None


def test_role_nouns_alone_are_not_topics() -> None:
    text = "The comedian and the comedian's fans; the comedian again. The ringmaster, 40."
    assert topic_flaw("comedian", text) == "role noun"
    assert topic_flaw("investors", "investors " * 5) == "role noun"
    assert topic_flaw("spokeswoman", "spokeswoman " * 5) == "role noun"
    roles = roles_in("said ringmaster Jane Doe. Doe left.", ["Jane Doe", "Doe"])
    assert roles == {"ringmaster"}
    assert topic_flaw("ringmaster", "ringmaster " * 5, roles) == "role noun"
    assert topic_flaw("comedy club", text) is None  # a phrase is judged as a phrase


def test_single_noun_topic_must_recur_in_the_sources() -> None:
    assert topic_flaw("orbit", "into orbit around Mars; a wide orbit") == "seldom mentioned"
    assert topic_flaw("gorilla", "the gorilla, the gorilla and the gorilla") is None


def test_description_glued_to_a_name_is_not_a_topic() -> None:
    assert topic_flaw("animal advocacy group People", "") == "description glued to a name"
    assert topic_flaw("strict UN sanctions", "") is None


def test_outlets_and_wire_agencies_are_not_organisation_tags() -> None:
    article = Article(
        id="o1",
        title="Tesla recalls 10,000 cars",
        source="CNN Money",
        text=(
            "Tesla recalled 10,000 cars on Monday, CNN reported. Tesla told Reuters the "
            "recall covers seat belts. Tesla shares fell, Reuters and CNN said. The "
            "National Highway Traffic Safety Administration opened a review of Tesla."
        ),
    )
    tags = tag_article(article).tags
    assert "Tesla" in tags
    assert not {"CNN", "Reuters", "CNN Money"} & set(tags)


def test_bare_compass_place_is_the_country_the_story_names() -> None:
    merged = merge_entities(
        [
            Entity("North Korea", "PLACE", 2, ("a",)),
            Entity("North", "PLACE", 3, ("a",)),
            Entity("South Korea", "PLACE", 4, ("a",)),
            Entity("Korea", "PLACE", 1, ("a",)),
        ]
    )
    by_name = {e.name: e for e in merged}
    assert by_name["North Korea"].count == 5
    assert "North" not in by_name and "Korea" in by_name


def test_places_named_in_titles_come_before_places_quoted_more() -> None:
    missiles = Article(
        id="t1",
        title="North Korea fires missiles toward Japan",
        text=(
            "North Korea fired three missiles toward Japan on Monday, South Korea said. "
            "South Korea's military said the missiles flew 1,000 km. South Korea and "
            "South Korea's allies met. South Korea called it a provocation."
        ),
    )
    tags = tag_article(missiles).tags
    places = [t for t in tags if t in ("North Korea", "Japan", "South Korea")]
    assert places[:2] == ["North Korea", "Japan"]


def test_event_tag_does_not_read_as_a_headline() -> None:
    launches = Article(
        id="e1",
        title="North Korea fires missiles",
        text="The launches came on Monday. North Korea fired the missiles into the sea.",
    )
    tags, _ = tag_story([launches], [tag_article(launches)])
    assert "North Korea launches" not in tags


def test_descriptions_before_a_full_name_are_cut() -> None:
    race = Article(
        id="r1",
        title="Grosjean crashes in Brazil",
        text=(
            "Frenchman Romain Grosjean crashed on the first lap. Grosjean was unhurt. "
            "Spokeswoman Anna Berg said Grosjean would race again."
        ),
    )
    names = {e.name for e in tag_article(race).entities}
    assert "Anna Berg" in names
    assert not any(n.startswith(("Frenchman", "Spokeswoman")) for n in names)


def test_bare_event_noun_takes_the_specific_object_it_is_of() -> None:
    zoo = Article(
        id="z1",
        title="Killing of gorilla at Cincinnati zoo sparks outrage",
        text=(
            "The killing of a gorilla at the Cincinnati zoo drew outrage on Sunday. The "
            "gorilla was shot after a boy fell into its enclosure in Cincinnati."
        ),
    )
    assert tag_article(zoo).tags[0] == "Cincinnati gorilla killing"
    crowd = Article(
        id="z2",
        title="Killing of people in Lyon",
        text="The killing of people in Lyon shocked France. Lyon mourned.",
    )
    assert "people killing" not in " ".join(tag_article(crowd).tags)


def test_a_headline_verb_read_as_a_noun_is_not_a_topic() -> None:
    assert topic_flaw("Tram derails", "") == "not a noun phrase"
    assert topic_flaw("tram crash", "") is None


def test_a_place_named_in_passing_is_not_a_tag() -> None:
    zoos = Article(
        id="p1",
        title="Are zoos becoming obsolete?",
        text=(
            "Animal rights groups say zoos are obsolete. Zoos keep animals in small "
            "enclosures, critics of zoos say, and zoos breed animals for display. Keepers "
            "answer that zoos fund research and protect species in the wild. Cities "
            "such as Los Angeles have banned circus animals. Los Angeles zoo keepers "
            "disagreed. Zoos say they protect species."
        ),
    )
    assert "Los Angeles" not in tag_article(zoos).tags


def test_a_platform_is_a_tag_only_when_the_story_is_about_it() -> None:
    said = Article(
        id="w1",
        title="Silverman and Sheen split",
        text=(
            "Sarah Silverman said on Twitter that she and Michael Sheen had split. Silverman "
            "wrote on Twitter that distance was to blame. Twitter users sent support."
        ),
    )
    assert "Twitter" not in tag_article(said).tags
    about = Article(
        id="w2",
        title="Twitter bans political ads",
        text="Twitter will ban political ads, Twitter said on Wednesday. Twitter shares rose.",
    )
    assert "Twitter" in tag_article(about).tags


def test_people_tags_are_full_names_and_not_the_outlets_journalists() -> None:
    freed = Article(
        id="j1",
        title="Boko Haram frees 21 schoolgirls",
        source="NPR",
        text=(
            "Boko Haram freed 21 schoolgirls, President Muhammadu Buhari said. The release "
            "was not verified, NPR's Ofeibea Quist-Arcton reports. Buhari thanked the Red "
            "Cross. Muhammadu Buhari met the girls. Lmao, one user wrote. Lmao, said another."
        ),
    )
    people = {e.name for e in tag_article(freed).entities if e.type == "PERSON"}
    tags = tag_article(freed).tags
    assert "Muhammadu Buhari" in tags
    assert not {"Ofeibea Quist-Arcton", "Ofeibea", "Lmao"} & set(tags), people
