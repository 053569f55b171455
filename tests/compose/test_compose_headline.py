"""Headlines: the title the outlets agree on, cleaned and cut to headline length."""

from __future__ import annotations

from glimpse.compose.headline import clean_title, fit, headline_support, make_headline
from glimpse.extract import article_from_text


def test_outlet_suffixes_and_media_tags_are_dropped() -> None:
    assert clean_title("Storm closes Riverton bridge - The Daily Planet") == (
        "Storm closes Riverton bridge"
    )
    assert clean_title("Storm closes Riverton bridge (VIDEO) | Wire") == (
        "Storm closes Riverton bridge"
    )


def test_long_title_is_cut_at_a_clause_break() -> None:
    title = (
        "Storm closes Riverton bridge for two weeks: engineers find cracks in two of five "
        "supports after record winds"
    )
    assert fit(title, 14) == ("Storm closes Riverton bridge for two weeks", True)


def test_headline_is_the_title_the_other_sources_agree_with() -> None:
    texts = "The storm closed the Old Mill bridge in Riverton on Thursday for two weeks."
    a = article_from_text("You won't believe what happened in our town", texts, id="a")
    b = article_from_text("Storm closes Riverton bridge", texts, id="b")
    c = article_from_text("Riverton bridge shut after storm", texts, id="c")
    assert make_headline([a, b, c], "") == "Storm closes Riverton bridge"


def test_cleanly_cut_title_beats_one_cut_mid_clause() -> None:
    text = "Fire destroyed a fuel depot in Arlo on Monday night."
    rambling = article_from_text(
        "A very long headline that goes on and on about the fire that destroyed the fuel "
        "depot in Arlo on Monday night",
        text,
        id="a",
    )
    short = article_from_text("Fire destroys fuel depot in Arlo", text, id="b")
    assert make_headline([rambling, short], "") == "Fire destroys fuel depot in Arlo"


def test_headline_support_covers_its_words() -> None:
    a = article_from_text(
        "x",
        "The storm closed the bridge. Engineers found cracks in Riverton on Friday.",
        id="a",
    )
    refs = headline_support("Storm closes Riverton bridge", [a])
    assert {r.sentence for r in refs} == {0, 1}
