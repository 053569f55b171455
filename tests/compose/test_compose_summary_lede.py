"""The summary says what happened, not what led to it: a sentence about an earlier time is left
out of it, except an article's lede, which is the news as its writer tells it even when it
names an earlier time ("... stabbed a year ago was celebrated on Saturday")."""

from __future__ import annotations

import pytest

from glimpse.compose import compose_brief
from glimpse.extract import article_from_text

LEDES = [
    "The life of a teenage girl who was stabbed to death at her school a year ago was "
    "celebrated on Saturday by hundreds of people with a road race and live music.",
    "The number of women in the country taking holy vows has trebled since 2009, new figures "
    "released by the church on Monday show.",
    "A bridge that collapsed in a storm last year was reopened to traffic on Tuesday after "
    "months of repairs costing the city council millions.",
]
FOLLOW = (
    "Last year a classmate was charged with her murder and is still awaiting trial in the "
    "county court. "
    "Crowds filled the playing field behind the school where the event was held. "
    "Organisers said the money raised would pay for a scholarship in her name. "
    "Friends wore purple shirts, her favourite colour, as they ran the course. "
    "The mayor thanked the volunteers who had organised the day for the town."
)


@pytest.mark.parametrize("lede", LEDES)
def test_an_article_lede_that_names_an_earlier_time_can_lead_the_summary(lede: str) -> None:
    article = article_from_text("Town remembers", f"{lede} {FOLLOW}", id="a1")
    brief = compose_brief("s", [article])
    assert brief.summary[0].text == lede


def test_a_later_sentence_about_an_earlier_time_stays_out_of_the_summary() -> None:
    article = article_from_text("Town remembers", f"{LEDES[0]} {FOLLOW}", id="a1")
    summary = [s.text for s in compose_brief("s", [article]).summary]
    assert len(summary) >= 2
    assert not any(text.startswith("Last year") for text in summary)
