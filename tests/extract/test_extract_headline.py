"""Site-name titles and the URL slug fallback used by clustering and the vector."""

from __future__ import annotations

import pytest

from glimpse.extract.headline import feature_title, is_site_title, slug_words
from glimpse.models import Article


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("ABC News", "abcnews.go.com"),
        ("World news - RT International", "www.rt.com"),
        ("BBC News - Home", "BBC"),
        ("The Guardian", "www.theguardian.com"),
        ("Latest headlines", None),
    ],
)
def test_titles_that_only_name_the_site_are_recognised(title: str, source: str | None) -> None:
    assert is_site_title(title, source)


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("North Korea launches rocket", "edition.cnn.com"),
        ("China rebuffs sanction criticism", "www.chinadaily.com.cn"),
        ("Apple unveils new iPhone", "apple.com"),
        ("Live: World Cup final", "bbc.co.uk"),
        ("", "abcnews.go.com"),
    ],
)
def test_headlines_are_not_site_titles(title: str, source: str | None) -> None:
    assert not is_site_title(title, source)


def test_slug_words_drop_ids_extensions_and_short_segments() -> None:
    url = "http://abcnews.go.com/Technology/wireStory/russian-space-experts-regain-control-1st-angola-satellite-52044233"
    assert slug_words(url) == "russian space experts regain control 1st angola satellite"
    assert slug_words("https://www.rt.com/on-air/414286-angola-satellite-launch-baikonur/") == (
        "angola satellite launch baikonur"
    )
    assert slug_words("https://example.com/2018/01/14/index.html") == ""
    assert slug_words("https://example.com/news/world-asia-42670000") == ""
    assert slug_words(None) == ""


def test_feature_title_falls_back_to_the_slug_only_for_site_titles() -> None:
    url = "https://www.rt.com/news/414286-angola-satellite-launch-baikonur/"
    site = Article(id="a", title="World news - RT International", text="", url=url, source="RT")
    assert feature_title(site) == "angola satellite launch baikonur"
    own = Article(id="b", title="Angola loses contact with its satellite", text="", url=url)
    assert feature_title(own) == own.title
    bare = Article(id="c", title="ABC News", text="", url="https://abcnews.go.com/")
    assert feature_title(bare) == ""
