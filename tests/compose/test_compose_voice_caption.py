"""Whose voice: photo captions, posts and bare quotations are not stated as the brief's own."""

from __future__ import annotations

import pytest

from glimpse.compose.voice import voice_problem


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("Foreign ministry spokeswoman Jane Roe gestures during a news briefing in Arlo.",
         "photo caption"),
        ("The tanker, a Panama-flagged ship, is seen in waters off the port of Arlo.",
         "photo caption"),
        ("Rescuers search the rubble of a collapsed building in Arlo, on Monday.",
         "photo caption"),
        ("The mayor speaks during a memorial service in Arlo.", "photo caption"),
        ("An inmate of the Arlo gang poses for a photograph at the Arlo prison.", "photo caption"),
        ("Will have double the thrust of the next largest rocket.", "social media"),
        ("A car with music on the stereo. Guaranteed to be exciting,' the founder posted.",
         "piece of a quotation"),
        ("\"Felt we should just tell y'all so u stop askin.\"", "quotation without its speaker"),
        ("A vintage Roadster with Bowie on the stereo.", "no verb"),
        ("She compared the couple to 'ships in the night.", "piece of a quotation"),
        ("Airlines have surprisingly strict dress codes for staff.", "loaded words"),
        ("There will never be a solution to the problem if this continues to happen!",
         "exclamation"),
        ("Second, the upper stage could escape Earth orbit and travel to Mars.", "out of place"),
        ("Two days ago, the founder unveiled plans to launch the car.", "out of place"),
        ("Yesterday the council approved the plan.", "out of place"),
        ("Arlo wide receiver Jon Roe reaches for the ball while being guarded by Ben Doe "
         "during the second half Monday afternoon in Arlo.", "photo caption"),
        ("Here's what most air travelers don't know: a pass comes with strings.", "teaser"),
        ("There's one thing everyone agrees on: the first reply was wrong.", "teaser"),
        ("But here is the catch: the offer expires on Friday.", "teaser"),
        ("The bottom line: the merger will cost jobs.", "teaser"),
        ("If your flight is cancelled, the airline must rebook it.", "direct address"),
        ("You can watch the launch live from the beach.", "direct address"),
    ],
)  # fmt: skip
def test_captions_posts_and_bare_quotes_are_not_the_briefs_voice(line: str, problem: str) -> None:
    assert voice_problem(line) == problem


@pytest.mark.parametrize(
    "line",
    [
        "Rescuers searched the rubble of a collapsed building in Arlo on Monday.",
        "The move is seen as a sign of weakness by the opposition.",
        "The company's shares rose 5 percent, on Monday.",
        "The mayor speaks to reporters every Friday, his spokesman said.",
        "Trump's comments are seen by many as a warning to the region.",
        '"We will rebuild," the mayor said on Tuesday.',
        "The minister's aide said it was the people's choice.",
        "The '90s were a boom decade for the town, officials said.",
        "Rock 'n' roll fans gathered in the square on Friday.",
        "Yahoo! Japan shares rose 3 percent on Monday.",
        "Despite the viewers 'calls for a harsher punishment, the network reinstated her.",
        '"Never again!" the mayor said at the memorial.',
        "The founder unveiled the plans two days ago, the company said.",
        "The second launch is planned for March, officials said.",
        '"You will not be forgotten," the mayor told the families.',
        "There's been no word from the airline since Monday, the family said.",
        "The answer came on Tuesday, when the board rejected the bid.",
        "Young voters turned out in record numbers.",
        "He was invited to appear on the BBC programme World Have Your Say.",
        "Roe scored twice during the second half to seal the win.",
        "She refused to pose for photographers outside the court, her lawyer said.",
        "Ms Roe, from Arlo, said: ‘ in one sense it is like explaining why you are married.",
    ],
)
def test_reports_in_the_past_or_attributed_keep_their_voice(line: str) -> None:
    assert voice_problem(line) is None
