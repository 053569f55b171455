"""A page with several stories: the body is the headline's story, or the page is refused."""

from __future__ import annotations

import json

import pytest

from glimpse.errors import NoArticle
from glimpse.extract import extract_article

HEADLINE = "Priest blesses hundreds of cars at the harbour festival"
OTHER = "Colombia's chief prosecutor opens an inquiry into the port contracts"
OTHER_TEXT = "".join(
    f"<p>The prosecutor said on Monday that the inquiry would examine contract number {i}, "
    f"signed by the port authority in the spring, and that officials had been asked to hand "
    f"over their records within a month of the request being made.</p>"
    for i in range(8)
)
OWN_TEXT = "".join(
    f"<p>The priest walked along the row of cars for the {i}th time, sprinkling holy water "
    f"on bonnets while drivers waited with their engines off and children watched from the "
    f"harbour wall in the late afternoon sun.</p>"
    for i in range(8)
)


def page(own: str, extra_head: str = "") -> str:
    return (
        f"<html><head><title>{HEADLINE}</title>{extra_head}</head><body>"
        f"<article><h2>{OTHER}</h2>{OTHER_TEXT}</article>"
        f"<article><h1>{HEADLINE}</h1>{own}</article>"
        "</body></html>"
    )


def test_text_of_another_story_on_the_page_is_refused() -> None:
    teaser = "<p>Hundreds of drivers queued for a blessing.</p>"
    with pytest.raises(NoArticle, match="another story"):
        extract_article(page(teaser), "https://news.example/2026/priest-blesses-cars")


def test_the_headlines_own_story_is_kept_beside_another_one() -> None:
    article = extract_article(page(OWN_TEXT), "https://news.example/2026/priest-blesses-cars")
    assert "holy water" in article.text and "prosecutor" not in article.text


def test_json_ld_article_body_stands_in_for_the_wrong_story() -> None:
    body = " ".join(f"Drivers from the valley brought {i} cars to be blessed." for i in range(12))
    ld = {"@type": "NewsArticle", "headline": HEADLINE, "articleBody": body}
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    teaser = "<p>Hundreds of drivers queued for a blessing.</p>"
    article = extract_article(page(teaser, script), "https://news.example/2026/priest-blesses-cars")
    assert "valley" in article.text and "prosecutor" not in article.text


def test_models_are_warmed_once_before_the_first_pages_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The ~1.5 s of model and stoplist loading is paid once, outside a page's time budget."""
    import glimpse.extract
    from glimpse.extract import article

    calls: list[int] = []
    monkeypatch.setattr(article, "_WARM", [])
    monkeypatch.setattr(glimpse.extract, "warm_up", lambda: calls.append(1))
    for _ in range(2):
        extract_article(page(OWN_TEXT), "https://news.example/2026/priest-blesses-cars")
    assert calls == [1]
