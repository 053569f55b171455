"""Page furniture families: each catches its kind of line and leaves reporting alone."""

from __future__ import annotations

import pytest

from glimpse.compose.voice import voice_problem
from glimpse.extract import article_from_text
from glimpse.furniture import FAMILIES, caps_label, furniture_family


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("This photo released by the state news agency shows the launch site.", "caption"),
        ("In this undated file photo, the senator waves to supporters.", "caption"),
        ("Pictured: the damaged bridge after the storm.", "caption"),
        ("A man walks past the closed bank (AP Photo/Jane Roe)", "caption"),
        ("The mayor speaks to reporters outside City Hall in Arlo, January 1, 2018.", "caption"),
        ("Texans receiver Jo Doe reaches for the ball while being guarded by cornerback Al Roe"
         " during the second half Monday afternoon in Houston.", "caption"),
        ("Getty - Contributor The minister left the talks early", "credit"),
        ("AP:Associated Press Residents watch the launch on a screen", "credit"),
        ("Barcroft Media The rocket lifts off from the pad", "credit"),
        ("Subscribe Thank you for subscribing!", "prompt"),
        ("Sign up for our morning newsletter and get the news in your inbox.", "prompt"),
        ("We pay for your stories! Do you have a story for the news team?", "prompt"),
        ("Read her other columns", "prompt"),
        ("You can track the flight yourself on Flightradar24 here.", "prompt"),
        ("Watch the full interview here", "prompt"),
        ("Kelly Wallace is CNN's digital correspondent and editor-at-large.", "bio"),
        ("Follow her on Twitter at @kellywallace.", "bio"),
        ("Associated Press writer Jo Bloggs contributed to this report.", "bio"),
        ("CLOSE A potential merger between the chipmakers faces scrutiny.", "player"),
        ("Copyright 2017 The Associated Press.", "legal"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "legal"),
        ("3 of 41 Skip in Skip x Embed x Share", "gallery"),
        ("What a night pic.twitter.com/abc123 — Jo (@jo) August 28, 2017", "social"),
        ("Editor's note: this story has been updated.", "notice"),
        ("Also on example.com Ministers face questions over the budget", "prompt"),
        ("Also: See our coverage of the election", "prompt"),
        ("SEE MORE: Floods close the coast road", "prompt"),
        ("Like this story? Share it with a friend!", "prompt"),
        ("Follow Harbour News on Facebook, Twitter and Instagram.", "prompt"),
        ("Share this article with your friends", "prompt"),
        ("Story continues below advertisement", "prompt"),
        ("By Jane Doe, Reuters", "bio"),
        ("Reporting by Jo Roe; additional reporting by Al Poe; Editing by Di Moe", "bio"),
        ("Staff Reports", "bio"),
        ("Our Standards: The Example News Trust Principles.", "legal"),
        ("AP-US--Harbour-Strike, 2nd Ld-Writethru", "wire"),
        ("BC-EU--Coast-Floods", "wire"),
        ("___", "wire"),
        ("* * *", "wire"),
        ("PARIS (AFP) -", "wire"),
        ("SPRINGFIELD, Ill. (AP) —", "wire"),
        ("ARLO, NORWAY", "wire"),
        ("March 3, 2021 / 9:05 AM / Updated 2 hours ago", "wire"),
        ("7:10 PM EST 03/03/2021 by Jo Roe", "wire"),
        ("- portrait-tablet-and-above", "code"),
        ("above-phone", "code"),
        ("@media (max-width: 600px)", "code"),
        ("LAS VEGAS LAS VEGAS FREEWAY EXCALIBUR HOTEL STRIP", "caps"),
        ("Bloomberg's Christine Harper discusses the bid on \"Bloomberg Surveillance.\"", "video"),
        ("CNN's Jo Doe reports from Seoul.", "video"),
        ("Sky News' Mark Stone talks to protesters in Hong Kong.", "video"),
        ("The minister on the merger talks (Source: Bloomberg)", "video"),
        ("Related: Elon Musk is aiming to land spaceships on Mars in 2022", "related"),
        ("RELATED STORIES Man held after attack in Arlo", "related"),
        ("More on this story", "related"),
        ("Also read: How the iceberg broke away", "prompt"),
    ],
)  # fmt: skip
def test_each_family_catches_its_lines(line: str, family: str) -> None:
    assert furniture_family(line) == family


@pytest.mark.parametrize(
    "line",
    [
        "The image, captured around midnight, shows the iceberg breaking into 20 pieces.",
        "Reuters reported that the talks had stalled on Friday.",
        "Following the vote, the council closed the bridge for repairs.",
        "NASA said the satellite would re-enter the atmosphere in March.",
        "By Monday afternoon the river had fallen by two metres.",
        "Netflix raised the price of its standard subscription to $11.",
        "Yates made his second straight start since Tom Savage sustained a concussion.",
        "When young people move to the cities, their parents often follow them.",
        # near misses of the wire, code, prompt and bio families
        "PARIS (AFP) - The strike closed the port on Monday.",
        "10 p.m.",
        "29 November 2018 | 20 January 2019",
        "May 3 was the day the vote was held.",
        "|---|---|",
        "});",
        "He called it a state-of-the-art plant.",
        "Also on Monday, the minister resigned.",
        "Followers of the mayor on Twitter said the vote was rigged.",
        "The story continues to unfold as police arrive.",
        "The staff said the plant would reopen.",
        "US FALLS",
        "CNN's Jo Doe reports that the talks have stalled.",
        "Apple's Tim Cook explains why the company is cutting prices.",
        "Relatedly, the bank said it would cut 300 jobs.",
        "Police related the details of the attack to reporters.",
        "More than 80 people were killed in the attack.",
        "You can see why the mayor stayed here for 20 years.",
        "Residents said they would stay here.",
        "Doe scored twice during the second half to seal the win.",
        "The coach said he runs the offence during the first half himself.",
    ],
)
def test_reporting_is_not_furniture(line: str) -> None:
    assert furniture_family(line) is None


def test_every_family_has_a_caught_example() -> None:
    tested = {"caption", "credit", "prompt", "bio", "player", "legal", "wire", "code", "gallery",
              "social", "notice", "video", "related"}  # fmt: skip
    assert set(FAMILIES) == tested


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Lmao after all this I will have spent 8 hours on a flight to nowhere.", "first person"),
        ("Is the company worth more than its rival?", "question"),
        ("The tubby tyrant fired another missile over the sea on Tuesday.", "loaded words"),
        ("Russians were evacuated as war between the two states continued to loom.",
         "loaded words"),
        ("Great night with the team #blessed", "social media"),
        ("Unfortunately, nobody knows when the station will fall.", "loaded words"),
        ("“We will not back down,” he said, “and the world", "piece of a quotation"),
    ],
)  # fmt: skip
def test_sentences_the_brief_cannot_say_in_its_own_voice(line: str, problem: str) -> None:
    assert voice_problem(line) == problem


@pytest.mark.parametrize(
    "line",
    [
        "“We will not back down,” the minister said on Tuesday.",
        "Officials said the storm had killed at least 12 people.",
        "Tom Savage left the game with a concussion in the second quarter.",
    ],
)
def test_attributed_and_plain_reports_keep_their_voice(line: str) -> None:
    assert voice_problem(line) is None


def test_extraction_leaves_out_furniture_paragraphs_of_plain_text() -> None:
    text = (
        "Heavy rain flooded the town of Arlo on Monday.\n\n"
        "Getty - Contributor The flooded high street of Arlo\n\n"
        "Rescuers evacuated 300 residents by boat.\n\n"
        "Subscribe Thank you for subscribing!"
    )
    article = article_from_text("Arlo floods", text, id="arlo")
    assert [s.text for s in article.sentences] == [
        "Heavy rain flooded the town of Arlo on Monday.",
        "Rescuers evacuated 300 residents by boat.",
    ]


_REAL_LINES = [
    "Photo: Reuters",
    "The minister said on Tuesday, Dec. 26, 2017, after the vote that talks would go on.",
    "Sign up for the Morning Brief and get the news delivered to your inbox.",
    "Follow Us on Twitter",
    "By Jane Doe, Washington",
    "Image 3 of 10",
    "Next photo",
    "Tap to expand",
    "Via @reuters",
    "#breaking",
    "https://example.org/a",
    "Copyright © 2020 Example Media. All Rights Reserved.",
    "Terms & Conditions apply.",
    "Transcripts are created on a rush deadline.",
    "Comments have been closed for this article.",
    "Your browser doesn’t support HTML5 video.",
    "The council voted 7 of 9 in favour after a long debate on Thursday evening.",
    "Residents said the storm, which hit on Monday, left thousands without power.",
    "He is a former reporter who now runs a bakery in the town centre.",
    "Read more of her stories",
    "LOG IN to continue",
    "Bloomberg's Jo Doe discusses the deal.",
    "Related coverage",
    "Interview with the minister (source: CNBC)",
    "ſubscribe now",  # long s: case-insensitive matching folds it to "s"
    "LONDON (Reuters) -",
    "November 19, 2019 / 12:21 AM / Updated 14 hours ago",
    "Like this story? Share it with a friend!",
    "- landscape-tablet-and-below",
]


@pytest.mark.parametrize("line", _REAL_LINES)
def test_a_lines_family_is_the_first_whose_whole_pattern_matches(line: str) -> None:
    """furniture_family tries only the alternatives a line's literals let through, across all
    families at once: it names the family the joined patterns, tried in order, find first."""
    stripped = line.strip()
    first = next((name for name, pattern in FAMILIES.items() if pattern.search(stripped)), None)
    assert furniture_family(line) == (first or ("caps" if caps_label(stripped) else None))
