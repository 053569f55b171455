"""The reader's desk in Debian's Chromium: the front page's lead, sections and relative times on a
phone and a desktop, the filter bar, the thread block, /tags and /outlets, touch targets; served
and published (the static front page opened from disk, under its CSP)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from glimpse.publish import publish_site
from glimpse.publish.sample import add_story, fill_store, sample_article, story_id
from glimpse.serve import create_app
from glimpse.serve.app import STATIC_DIR
from glimpse.serve.testing import running
from glimpse.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

FRESH = 70  # a story from 5 outlets published 3 hours before the test runs: the lead
LEAD = "Krakow: Electoral Commission ordered an election recount 70"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("front") / "desk.db"
    three_hours_ago = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=3)
    with Store(path) as store:
        fill_store(store, 16)
        fresh = [
            dataclasses.replace(sample_article(FRESH, n), published=three_hours_ago)
            for n in range(5)
        ]
        add_story(store, story_id(FRESH), fresh, ("Krakow Recount Appeal", "Krakow"))
    return path


@pytest.fixture(scope="module")
def base(db: Path) -> Iterator[str]:
    with running(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(params=["desktop", "phone"])
def page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    viewport = DESKTOP if request.param == "desktop" else PHONE
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(5000)
    page = context.new_page()
    page.viewport_name = request.param  # type: ignore[attr-defined]
    yield page
    context.close()


def test_front_page_has_a_lead_sections_and_relative_times(
    page: Page, base: str, shots: Path
) -> None:
    page.goto(base + "/")
    lead = page.locator("section.lead-story li.card")
    expect(lead.get_by_role("heading", level=3)).to_have_text(LEAD)
    expect(lead.locator(".n-outlets")).to_have_text("5 outlets")
    time = lead.locator("time")
    expect(time).to_have_text("3 h ago")  # upgraded by static/time.js
    assert re.fullmatch(r"\d+ \w{3} \d{4}, \d\d:\d\d UTC", time.get_attribute("title") or "")
    sections = page.locator("section.section > h2")
    assert sections.count() >= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.screenshot(path=shots / f"front-{page.viewport_name}.png", full_page=True)  # type: ignore[attr-defined]


def test_filters_sit_above_the_stories_and_filter_by_tag(page: Page, base: str) -> None:
    page.goto(base + "/")
    bar = page.locator("details.filterbar > summary")
    box = bar.bounding_box()
    assert box is not None and box["y"] < 200 and box["height"] >= 24
    bar.click()
    page.get_by_label("Tag", exact=True).select_option(value="krakow")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Krakow")
    expect(page.locator("details.filterbar")).to_have_attribute("open", "")


def test_the_filter_menu_holds_only_tags_on_several_stories(page: Page, base: str) -> None:
    page.goto(base + "/")
    options = page.locator("#f-tag option").all_text_contents()[1:]  # after "All tags"
    counts = [int(re.fullmatch(r".+ \((\d+)\)", o)[1]) for o in options]  # type: ignore[index]
    assert options and min(counts) >= 2 and len(options) <= 30
    assert counts == sorted(counts, reverse=True)
    all_tags = page.locator("details.filterbar .all-links a").first
    expect(all_tags).to_have_attribute("href", "/tags")


@pytest.mark.parametrize("path", ["/", "/?tag=krakow"])
def test_on_a_phone_the_first_story_is_in_the_first_screen(
    browser: Browser, base: str, path: str
) -> None:
    # with the filter bar closed (front page) and open (a filter is active)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base + path)
    card = page.locator("li.card").first
    box = card.bounding_box()
    assert box is not None and box["y"] + 80 <= PHONE["height"], box
    assert page.locator("details.filterbar").get_attribute("open") == (
        "" if "tag" in path else None
    )
    context.close()


def test_story_page_shows_earlier_in_this_thread(page: Page, base: str, shots: Path) -> None:
    # stories 3 and 11 share every tag; 11 was published 8 hours before 3
    page.goto(base + f"/stories/{story_id(11)}")
    block = page.locator("section.thread")
    expect(block.get_by_role("heading", name="Later in this thread")).to_be_visible()
    block.locator("ol[aria-labelledby='h-later'] h4 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rotterdam")
    page.goto(base + f"/stories/{story_id(3)}")
    expect(page.locator("section.thread h3").first).to_have_text("Earlier in this thread")
    page.screenshot(path=shots / f"thread-{page.viewport_name}.png", full_page=True)  # type: ignore[attr-defined]


def test_tags_and_outlets_pages_list_everything_with_counts(page: Page, base: str) -> None:
    page.goto(base + "/tags")
    expect(page.get_by_role("heading", level=1)).to_have_text("All tags")
    row = page.locator("ul.name-index li").filter(has_text="Krakow Recount Appeal")
    expect(row.locator(".n")).to_have_text("1 story")
    page.goto(base + "/outlets")
    expect(page.locator("ul.name-index li")).to_have_count(8)
    page.locator("ul.name-index a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stories covered by")


def test_markers_and_tag_links_are_at_least_24_px(page: Page, base: str) -> None:
    page.goto(base + f"/stories/{story_id(3)}")
    for selector in ("details.ev > summary", "ul.tags a"):
        for box in [el.bounding_box() for el in page.locator(selector).all()[:6]]:
            assert box is not None and box["width"] >= 24 and box["height"] >= 24, selector


def test_published_front_page_from_disk_runs_its_time_script_under_the_csp(
    browser: Browser, db: Path, tmp_path: Path
) -> None:
    with Store(db) as store:
        publish_site(store, tmp_path / "site")
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((tmp_path / "site" / "index.html").as_uri())
    expect(page.locator("section.lead-story time")).to_have_text("3 h ago")
    expect(page.locator("section.section").first).to_be_visible()
    page.locator("section.section > h2 a").first.click()
    expect(page.locator("ol.cards > li").first).to_be_visible()
    assert page.url.startswith((tmp_path / "site" / "sections").as_uri())
    page.goto((tmp_path / "site" / "tags.html").as_uri())
    expect(page.locator("ul.name-index li").first).to_be_visible()
    assert errors == []
    context.close()


def test_a_date_without_a_time_keeps_its_date_while_times_turn_relative(browser: Browser) -> None:
    page = browser.new_page()
    then = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=30)
    stamp = then.isoformat().replace("+00:00", "Z")
    page.set_content(
        f'<time datetime="{then.date().isoformat()}" class="date">the date</time>'
        f'<time datetime="{stamp}">the time</time>'
    )
    page.add_script_tag(path=str(STATIC_DIR / "time.js"))
    expect(page.locator("time").nth(1)).to_have_text("yesterday")
    expect(page.locator("time.date")).to_have_text("the date")
    page.close()


def test_a_section_heading_leads_to_the_section_page(page: Page, base: str) -> None:
    page.goto(base + "/")
    heading = page.locator("section.section > h2 a").first
    name = heading.inner_text()
    heading.click()
    page.wait_for_url(re.compile(r"/sections/[a-z-]+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(name, re.IGNORECASE))
    expect(page.locator("ol.cards > li").first).to_be_visible()
    page.get_by_role("link", name="Back to the front page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Top stories")
