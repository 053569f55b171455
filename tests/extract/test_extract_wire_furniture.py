"""Wire furniture in an HTML page: slugs, separators, lone datelines, timestamps, credits,
share prompts, related links and CSS class names leave the body; the reporting stays."""

from __future__ import annotations

from glimpse.extract import extract_article

PROSE = (
    "The council voted on Tuesday to rebuild the old harbour wall before the winter storms "
    "arrive, and officials said the work would start within a month. "
)


def _page(lines: list[str]) -> str:
    body = "".join(f"<p>{line}</p>" for line in lines)
    return f'<html lang="en"><head><title>Wall</title></head><body><article>{body}</article></body></html>'


def test_wire_lines_around_a_story_leave_the_body() -> None:
    furniture = [
        "AP-US--Harbour-Wall, 2nd Ld-Writethru",
        "March 3, 2021 / 9:05 AM / Updated 2 hours ago",
        "ARLO (Reuters) -",
        "Also on example.com Ministers face questions over the budget",
        "___",
        "Like this story? Share it with a friend!",
        "Reporting by Jo Roe; Editing by Al Poe",
        "- landscape-tablet-and-above",
        "- portrait-tablet-and-below",
    ]
    reporting = [
        PROSE * 2,
        PROSE.replace("council", "mayor") * 2,
        PROSE.replace("wall", "pier") * 2,
    ]
    lines = furniture[:3] + reporting[:1] + furniture[3:5] + reporting[1:] + furniture[5:]
    article = extract_article(_page(lines), "https://news.example/a")
    for line in furniture:
        assert line not in article.paragraphs
    assert [p for p in article.paragraphs] == [r.strip() for r in reporting]


def test_a_dateline_that_opens_the_first_sentence_stays() -> None:
    first = "ARLO (Reuters) - " + PROSE.strip()
    article = extract_article(_page([first, PROSE * 3]), "https://news.example/a")
    assert article.paragraphs[0] == first
