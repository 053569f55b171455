"""The web UI in a real headless Chromium (Debian's /usr/bin/chromium) against a real uvicorn."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from glimpse.publish import publish_site
from glimpse.publish.sample import add_story, fill_store, sample_article, sample_tags, story_id
from glimpse.serve import create_app
from glimpse.serve.testing import running
from glimpse.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

GROWING = 93  # the story that gets a second article (and a second brief version) mid-test


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "desk.db"
    with Store(path) as store:
        fill_store(store, 12)
        add_story(store, story_id(GROWING), [sample_article(GROWING, 0)], sample_tags(GROWING))
    return path


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    with running(create_app(db)) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(5000)
    outside: list[str] = []
    local = "http://127.0.0.1:"
    context.on("request", lambda r: None if r.url.startswith(local) else outside.append(r.url))
    page = context.new_page()
    yield page
    context.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"


def test_front_page_lists_the_stories(page: Page, base: str) -> None:
    page.goto(base + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Top stories")
    # a lead and sections of up to 4 cards; the stories no section had room for are listed below
    cards, more = page.locator("ol.cards > li"), page.locator("ul.more-list > li")
    expect(page.locator("section.lead-story li.card")).to_have_count(1)
    assert cards.count() + more.count() == 13
    expect(
        page.get_by_role("link", name="Dresden: Silicon Saxony opened a chip factory")
    ).to_be_visible()


def test_search_finds_a_story_by_a_word_in_its_body(page: Page, base: str) -> None:
    page.goto(base + "/")
    page.get_by_label("Search stories").fill("evacuated")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=evacuated")
    headlines = page.locator("ol.cards h2 a")
    expect(headlines.first).to_contain_text("Valencia")
    assert all("Valencia" in h for h in headlines.all_inner_texts())


def test_a_support_marker_reveals_its_source_sentence(page: Page, base: str) -> None:
    page.goto(f"{base}/stories/{story_id(4)}")
    source = page.locator("details.ev").first.locator("q")
    expect(source).to_be_hidden()
    page.get_by_label("Sources for sentence 1").click()
    expect(source).to_be_visible()
    expect(source).to_contain_text("Silicon Saxony in Dresden opened a chip factory")
    expect(page.locator("details.ev").first.locator(".ev-from a")).to_have_attribute(
        "href", "https://example.org/the-observer-post/4/0"
    )


def test_tag_links_lead_to_the_tag_page(page: Page, base: str) -> None:
    page.goto(base + "/")
    page.locator("ol.cards").get_by_role("link", name="Lyon", exact=True).first.click()
    page.wait_for_url("**/tags/lyon")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lyon")
    cards = page.locator("ol.cards > li")
    expect(cards).to_have_count(2)
    for i in range(2):
        expect(cards.nth(i).locator("ul.tags")).to_contain_text("Lyon")


def test_timeline_shows_two_versions_after_a_second_build(page: Page, base: str, db: Path) -> None:
    url = f"{base}/stories/{story_id(GROWING)}"
    page.goto(url)
    expect(page.locator(".timeline li.ev-version")).to_have_count(1)
    articles = [sample_article(GROWING, 0), sample_article(GROWING, 1)]
    with Store(db) as store:
        assert add_story(store, story_id(GROWING), articles, sample_tags(GROWING)) == 2
    page.goto(url)
    versions = page.locator(".timeline li.ev-version")
    expect(versions).to_have_count(2)
    expect(versions.nth(1)).to_contain_text("1 new article")
    expect(page.locator(".timeline li.ev-article")).to_have_count(2)
    expect(page.locator("details.version summary")).to_contain_text("Version 1")


def test_phone_width_has_no_sideways_scrolling(browser: Browser, base: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page = context.new_page()
    for path in ("/", f"/stories/{story_id(3)}"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 20, 23)"  # the dark palette
    context.close()


@pytest.fixture(scope="module")
def static_site(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("static") / "site"
    with Store(db) as store:
        publish_site(store, out)
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_published_site_searches_with_its_small_script(browser: Browser, static_site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(static_site + "/index.html")
    page.get_by_label("Search stories").fill("evacuated")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search.html?q=evacuated")
    expect(page.locator("#search-status")).to_have_text(re.compile(r"^\d+ stor(y|ies) found\.$"))
    headlines = page.locator("#results h2 a")
    expect(headlines.first).to_contain_text("Valencia")
    headlines.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Valencia")
    context.close()


def test_published_search_without_javascript_says_what_to_do(page: Page, static_site: str) -> None:
    page.goto(static_site + "/search.html?q=evacuated")
    expect(page.locator("#search-status")).to_contain_text("needs JavaScript")
