"""Furniture inside a sentence: each family is cut away where the rest is a sentence, and
the sentence is left out where it is not."""

from __future__ import annotations

import pytest

from glimpse.compose import ComposeOptions
from glimpse.compose.rank import rank_sentences, usable
from glimpse.extract import article_from_text
from glimpse.furniture import inside_spans, strip_furniture


@pytest.mark.parametrize(
    ("line", "family", "rest"),
    [
        ("Play video The senator left the building after the vote on Tuesday.", "player",
         "The senator left the building after the vote on Tuesday."),
        ("Rescuers searched the rubble on Monday (AP Photo/Jane Doe) as night fell.", "credit",
         "Rescuers searched the rubble on Monday as night fell."),
        ("Workers cleared the road by noon. Photo: John Smith/Reuters", "credit",
         "Workers cleared the road by noon."),
        ("Hide Caption The bridge reopened to traffic late on Friday evening.", "gallery",
         "The bridge reopened to traffic late on Friday evening."),
        ("The river burst its banks after three days of rain Getty Images 4 of 9.", "gallery",
         "The river burst its banks after three days of rain."),
        ("Gov. Jane RoeJane Ann RoeArlo governor doubles down on plan Arlo drops law MORE (R) "
         "is defending the state's new campaign.", "related",
         "Gov. Jane Roe (R) is defending the state's new campaign."),
    ],
)  # fmt: skip
def test_each_family_is_cut_from_the_sentence_it_sits_in(line: str, family: str, rest: str) -> None:
    assert family in {f for f, _, _ in inside_spans(line)}
    assert strip_furniture(line) == rest


@pytest.mark.parametrize(
    ("line", "family"),
    [
        # a gallery item: the counter sits between the gallery's title and the caption
        ("Cars ranked by speed Express Sport ranks the cars Play slideshow Getty Images 1 of 11 "
         "11.", "gallery"),
        ("Hide Caption 20 of 25 Photos: Storm damage: Harrowing images of the coast Soldiers "
         "walk along the beach.", "gallery"),
        # a title in title case glued to its caption by a bare "Image"
        ("Town Will Ring in New Year With Extra Security Image Police officers closed off the "
         "square.", "caption"),
        # what is left is too short to be a sentence
        ("Now playing Storm hits.", "player"),
        ("Photo: Jane Roe/AP", "credit"),
        # a title glued to the page's time stamp and byline
        ("Scores killed as truck rams crowd in France Updated: 2016-07-15 13:14 By "
         "Agencies(China Daily USA)", "wire"),
        ("Storm closes ports along the coast Posted: 2017-12-30", "wire"),
    ],
)  # fmt: skip
def test_a_sentence_whose_rest_is_no_sentence_is_left_out(line: str, family: str) -> None:
    assert family in {f for f, _, _ in inside_spans(line)}
    assert strip_furniture(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Getty Images said it would license the pictures to newspapers.",
        "The company sold 3 of 5 plants last year.",
        "The council watched the video of the meeting again on Thursday.",
        "Officials said the gallery would reopen in May.",
        "McDonald said the iPhone sold MORE than expected.",
        "The page was updated: 2016 figures show the growth went on.",
    ],
)
def test_reporting_inside_a_sentence_is_left_alone(line: str) -> None:
    assert inside_spans(line) == []
    assert strip_furniture(line) == line


def test_a_gallery_timestamp_makes_the_line_a_caption() -> None:
    from glimpse.furniture import furniture_family

    line = "2016 cars ranked Tue, March 22, 2016 Express Sport ranks the new cars for the season."
    assert furniture_family(line) == "caption"


def test_compose_uses_the_sentence_without_its_furniture() -> None:
    text = (
        "Heavy rain flooded the town of Arlo on Monday and closed its two bridges. "
        "Rescuers evacuated 300 residents by boat (AP Photo/Jane Doe) before nightfall. "
        "Play slideshow Getty Images 1 of 11 The mayor thanked the volunteers at the scene."
    )
    article = article_from_text("Arlo floods", text, id="arlo")
    options = ComposeOptions()
    texts = [c.text for c in rank_sentences([article], (), options)[0]]
    assert "Rescuers evacuated 300 residents by boat before nightfall." in texts
    assert not any("AP Photo" in t or "slideshow" in t for t in texts)
    assert not usable(article.sentences[2].text, options)
