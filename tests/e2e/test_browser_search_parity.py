"""The static site's search (its shipped script, in Chromium over file://) finds the same stories
as the server's search (SQLite FTS5 'porter unicode61') for plurals, stems, several words, names
and accents.

The static index holds each brief and its sources' headlines and ledes; the server searches the
brief and each article's whole text. Here every article's text is its lede and sentences the brief
carries (the brief leaves out the ledes of all but the first source, so those are found through
the sources' ledes), so both search the same words and any difference is the static tokenizer's
or stemmer's."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from glimpse.models import Article, Brief, BriefSentence, Sentence, SourceRef, SupportRef
from glimpse.publish import publish_site
from glimpse.publish.search_index import stem_terms
from glimpse.serve import create_app
from glimpse.serve.testing import running
from glimpse.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

T0 = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)

#: story → (tags, [(outlet, headline, sentences), ...]); the first sentence is the lede.
STORIES: dict[str, tuple[tuple[str, ...], list[tuple[str, str, list[str]]]]] = {
    "s-missiles": (
        ("North Korea", "Japan"),
        [
            (
                "Harbour Herald",
                "North Korea fires missiles over Japan",
                [
                    "North Korea launched two ballistic missiles over Japan on Tuesday.",
                    "Kim Jong Un watched the launching from a hill, state media said.",
                ],
            ),
            (
                "Metro Wire",
                "Pyongyang's rockets alarm Hokkaido",
                [
                    "Sirens sounded in Hokkaido as the rockets flew east.",
                    "Residents were told to take cover in basements.",
                ],
            ),
        ],
    ),
    "s-interceptor": (
        ("Pentagon", "Alaska"),
        [
            (
                "Daily Ledger",
                "Pentagon tests a missile interceptor",
                [
                    "The Pentagon tested a missile interceptor over the Pacific.",
                    "The launch was the first of its kind since 2017.",
                ],
            ),
        ],
    ),
    "s-seoul": (
        ("Seoul", "Sanctions"),
        [
            (
                "Coastal Times",
                "Students protest in Seoul",
                [
                    "Students in Seoul protested against the new sanctions.",
                    "Police said the protesters were peaceful and few.",
                ],
            ),
            (
                "Northern Star",
                "Seoul rally stays calm",
                [
                    "A rally against the sanctions in Seoul ended calmly.",
                    "Kim Jong-un was not mentioned by the speakers.",
                ],
            ),
            (
                "Valley Gazette",
                "Hanoi students join in",
                [
                    "Students in Hanoi chanted in Tiếng Việt outside the Straße café.",
                    "Their banners named the sanctions.",
                ],
            ),
        ],
    ),
    "s-broadcom": (
        ("Broadcom", "Qualcomm"),
        [
            (
                "Capital Report",
                "Broadcom raises its bid for Qualcomm",
                [
                    "Broadcom raised its offer for Qualcomm to $121 billion.",
                    "Hock Tan said the offers were final and generous.",
                ],
            ),
        ],
    ),
    "s-cafes": (
        ("São Paulo",),
        [
            (
                "Valley Gazette",
                "Café owners strike in São Paulo",
                [
                    "Café owners in São Paulo went on strike over rents.",
                    "The striking spread to Rio, where cafes shut early.",
                ],
            ),
        ],
    ),
    "s-talks": (
        ("Geneva", "Nuclear weapons"),
        [
            (
                "The Observer Post",
                "Nuclear talks end in Geneva",
                [
                    "Diplomats talked about nuclear testing in Geneva.",
                    "The talks ended without a deal on launches.",
                ],
            ),
        ],
    ),
}

QUERIES = [
    "missiles", "missile", "Missile", "launch", "launching", "launches", "launched",
    "missile launch", "nuclear tests", "tested", "testing", "protest", "protesters",
    "Kim Jong Un", "Kim Jong-un", "kim", "Hock Tan", "cafe", "Café", "cafés", "sao paulo",
    "São Paulo", "offer", "strike", "strikes", "talk", "talks ended", "2017", "Pyongyang's",
    "rocket", "sanction", "peacefully", "calm", "generously", "no such words", "sirens",
    "rallies", "Việt", "tieng viet", "Straße", "strasse", "chanting Hanoi",
]  # fmt: skip


def _article(story: str, n: int, outlet: str, title: str, parts: list[str]) -> Article:
    sentences, pos = [], 0
    for i, part in enumerate(parts):
        sentences.append(Sentence(i, part, pos, pos + len(part)))
        pos += len(part) + 1
    return Article(
        id=f"{story}-a{n}",
        title=title,
        text=" ".join(parts),
        url=f"https://example.org/{story}/{n}",
        lede=parts[0],
        paragraphs=(" ".join(parts),),
        sentences=tuple(sentences),
        published=T0 - timedelta(hours=len(story) + n),
        source=outlet,
        language="en",
    )


def _brief(story: str, tags: tuple[str, ...], articles: list[Article]) -> Brief:
    """A brief that carries every sentence but the later sources' ledes (module docstring)."""

    def said(a: Article, i: int) -> BriefSentence:
        return BriefSentence(a.sentences[i].text, (SupportRef(a.id, i),))

    first = articles[0]
    rest = [said(a, i) for a in articles[1:] for i in range(1, len(a.sentences))]
    return Brief(
        story=story,
        headline=first.title,
        summary=(said(first, 0), said(first, 1)),
        body=(tuple(rest),) if rest else (),
        key_quote=None,
        tags=tags,
        updated_at=max(a.published for a in articles if a.published),
        sources=tuple(
            SourceRef(a.id, a.source, a.url, a.title, a.lede, a.published) for a in articles
        ),
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parity") / "desk.db"
    with Store(path) as store:
        for story, (tags, sources) in STORIES.items():
            articles = [_article(story, n, *source) for n, source in enumerate(sources)]
            for article in articles:
                store.add_article(article)
            store.save_assignments([(a.id, story) for a in articles], [], None)
            store.save_brief(_brief(story, tags, articles))
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    with running(create_app(db, cache=False)) as url:
        yield url


@pytest.fixture(scope="module")
def static_page(
    db: Path, browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Page]:
    out = tmp_path_factory.mktemp("parity-site") / "site"
    with Store(db) as store:
        publish_site(store, out)
    context = browser.new_context()
    page = context.new_page()
    page.goto((out / "search.html").as_uri() + "?q=x")
    page.base_search = (out / "search.html").as_uri()  # type: ignore[attr-defined]
    yield page
    context.close()


def _served(server: str, query: str) -> set[str]:
    url = f"{server}/search.json?{urllib.parse.urlencode({'q': query})}"
    with urllib.request.urlopen(url, timeout=10) as answer:
        data = json.load(answer)
    assert data["pages"] == 1
    return {s["story"] for s in data["stories"]}


def _static(page: Page, query: str) -> set[str]:
    page.goto(page.base_search + "?" + urllib.parse.urlencode({"q": query}))  # type: ignore[attr-defined]
    page.wait_for_selector("#search-status:not(:empty)")
    hrefs = page.locator("#results h2 a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    return {h.rsplit("/", 1)[-1].removesuffix(".html") for h in hrefs}


def test_static_and_served_search_find_the_same_stories(static_page: Page, server: str) -> None:
    found = {q: (_static(static_page, q), _served(server, q)) for q in QUERIES}
    differ = {q: pair for q, pair in found.items() if pair[0] != pair[1]}
    assert differ == {}
    # the queries exercise stemming: a plural finds the singular and forms of a verb meet
    assert found["missiles"][1] == found["missile"][1] == {"s-missiles", "s-interceptor"}
    assert found["launching"][1] == {"s-missiles", "s-interceptor", "s-talks"}
    assert found["cafe"][1] == found["Café"][1] == {"s-cafes", "s-seoul"}
    assert found["Kim Jong Un"][1] == {"s-missiles", "s-seoul"}
    assert found["rallies"][1] == found["Việt"][1] == {"s-seoul"}  # words of a later lede
    assert found["no such words"] == (set(), set())


def test_tricky_words_stem_in_the_browser_as_fts5_stems_them(static_page: Page) -> None:
    words = [
        "Tiếng", "Việt", "ελληνικά", "ΣΊΣΥΦΟΣ", "µg", "Çĕнĕ", "見つけた", "İstanbul", "naïve",
        "Øresund", "Łódź", "Straße", "ǅemal", "x" * 63 + "ing", "é" * 40 + "s", "Nīwsǣland",
    ]  # fmt: skip
    server = stem_terms(words)
    static = static_page.evaluate("ws => ws.map(w => glimpseTerms(w).sort())", words)
    assert {w: (s, j) for w, s, j in zip(words, server, static, strict=True) if s != j} == {}
