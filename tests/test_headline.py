"""Site-name titles and the URL slug fallback used by clustering and the vector."""

from __future__ import annotations

import pytest

from glimpse.headline import feature_title, is_site_title, slug_words
from glimpse.models import Article


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Harbour News", "harbournews.example"),
        ("World news - KX International", "www.kx.example"),
        ("Valley Times - Home", "Valley Times"),
        ("The Courier", "www.thecourier.example"),
        ("Latest headlines", None),
    ],
)
def test_titles_that_only_name_the_site_are_recognised(title: str, source: str | None) -> None:
    assert is_site_title(title, source)


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Ferry strike ends after three days", "harbournews.example"),
        ("Harbour council approves new ferry terminal", "harbournews.example"),
        ("Courier unveils new printing press", "thecourier.example"),
        ("Live: World Cup final", "valleytimes.example"),
        ("", "harbournews.example"),
    ],
)
def test_headlines_are_not_site_titles(title: str, source: str | None) -> None:
    assert not is_site_title(title, source)


def test_slug_words_drop_ids_extensions_and_short_segments() -> None:
    url = "http://harbournews.example/Local/wire/ferry-strike-ends-after-3rd-day-of-talks-88120457"
    assert slug_words(url) == "ferry strike ends after 3rd day of talks"
    assert slug_words("https://www.kx.example/on-air/414286-bridge-reopens-after-repairs/") == (
        "bridge reopens after repairs"
    )
    assert slug_words("https://example.com/2018/01/14/index.html") == ""
    assert slug_words("https://example.com/news/world-asia-42670000") == ""
    assert slug_words(None) == ""


def test_feature_title_falls_back_to_the_slug_only_for_site_titles() -> None:
    url = "https://www.kx.example/news/414286-bridge-reopens-after-repairs/"
    site = Article(id="a", title="World news - KX International", text="", url=url, source="KX")
    assert feature_title(site) == "bridge reopens after repairs"
    own = Article(id="b", title="Bridge reopens after two years of repairs", text="", url=url)
    assert feature_title(own) == own.title
    bare = Article(id="c", title="Harbour News", text="", url="https://harbournews.example/")
    assert feature_title(bare) == ""
