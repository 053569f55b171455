"""The published site opened from disk (file://) in a real headless Chromium: its CSP meta tag lets
the stylesheet and the search script run, and the search stems words as the server does."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, expect

from glimpse.publish import publish_site
from glimpse.publish.render import STATIC_CSP
from glimpse.publish.sample import add_story, fill_store, sample_article, story_id
from glimpse.publish.search_index import stem_terms
from glimpse.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("static-file")
    with Store(root / "desk.db") as store:
        fill_store(store, 6)
        title = "Kharkiv: Air Defence intercepted a missile over the city (Metro Wire)"
        add_story(store, story_id(80), [sample_article(80, 0, title=title)], ("Kharkiv",))
        publish_site(store, root / "site")
    return root / "site"


def test_a_page_from_disk_has_a_csp_and_its_stylesheet_applies(
    browser: Browser, site: Path
) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto((site / "index.html").as_uri())
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]')
    expect(csp).to_have_attribute("content", STATIC_CSP)
    assert "unsafe-inline" not in STATIC_CSP
    # style.css sets the link colour; without it Chromium's default blue would show
    color = page.evaluate("getComputedStyle(document.querySelector('ol.cards li a')).color")
    assert color != "rgb(0, 0, 238)"
    assert page.evaluate("document.styleSheets.length") == 1
    assert refused == []
    page.close()


def test_the_static_search_works_from_disk_and_stems_the_query(
    browser: Browser, site: Path
) -> None:
    page = browser.new_page()
    messages: list[ConsoleMessage] = []
    page.on("console", lambda m: messages.append(m))
    page.goto((site / "index.html").as_uri())
    page.get_by_label("Search stories").fill("missiles intercepting")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"search\.html\?q=missiles\+intercepting$"))
    expect(page.locator("#search-status")).to_have_text("1 story found.")
    headline = page.locator("#results h2 a")
    expect(headline).to_have_text("Kharkiv: Air Defence intercepted a missile over the city")
    headline.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kharkiv")
    assert [m.text for m in messages if m.type == "error"] == []
    page.close()


def test_the_static_search_stems_words_as_the_server_s_tokenizer_does(
    browser: Browser, site: Path
) -> None:
    corpus = resources.files("glimpse.demo") / "corpus" / "articles.jsonl"
    words = sorted(set(re.findall(r"[^\W_]+", corpus.read_text("utf-8")[:400_000])))
    server = [t[0] if t else "" for t in stem_terms(words)]
    page = browser.new_page()
    page.goto((site / "search.html").as_uri() + "?q=x")
    static = page.evaluate("ws => ws.map(w => (glimpseTerms(w)[0] || ''))", words)
    page.close()
    differ = [(w, s, j) for w, s, j in zip(words, server, static, strict=True) if s != j]
    assert len(words) > 3000 and differ == []
