"""Headline-only rows through the real CLI (issue 15 item 3): ``cluster`` and ``ingest`` take
``{"title": ..., "text": ""}``; a story of headlines is listed with no written brief and its
page says why; once a full article joins, the brief is written from that article only."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from glimpse import pipeline
from glimpse.cli import app
from glimpse.compose.headlines import HEADLINES_ONLY
from glimpse.models import Article, Features
from glimpse.serve import create_app
from tests._http import LocalServer, Reply

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

HEADLINES = [
    {"title": "Tram derails in Croydon, killing seven", "text": "", "source": "Daily Wire",
     "url": "https://dailywire.example/croydon", "published": "2016-11-09T10:00:00Z"},
    {"title": "Croydon tram crash: seven dead after tram overturns", "source": "Courier",
     "url": "https://courier.example/croydon", "published": "2016-11-09T10:30:00Z"},
    {"title": "Croydon tram derailment leaves seven dead", "source": "Herald",
     "published": "2016-11-09T11:00:00Z"},
]  # fmt: skip
FULL = {
    "title": "Croydon tram derailment: seven dead after tram overturns",
    "source": "Gazette",
    "url": "https://gazette.example/croydon-tram",
    "published": "2016-11-09T12:00:00Z",
    "text": (  # a short item (under 50 words): scored on words alone, as the test's enrich is
        "Seven people were killed when a tram derailed and overturned in Croydon, south "
        "London, on Wednesday, police said.\n\n"
        "The tram came off the tracks at a sharp bend in heavy rain. "
        "The driver was arrested and later released on bail."
    ),
}


def glimpse(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _no_models(articles: list[Article]) -> list[Features]:
    """Enrich's models take seconds to load; clustering headlines needs only their words."""
    return [Features(article=a.id) for a in articles]


@pytest.fixture(autouse=True)
def _fast_enrich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "featurize", _no_models)


def _jsonl(path: Path, rows: list[dict[str, str]]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def _story_page(site: Path, story: str) -> str:
    return (site / "stories" / f"{story}.html").read_text(encoding="utf-8")


def test_cluster_takes_title_only_rows_and_refuses_a_row_with_neither(tmp_path: Path) -> None:
    rows = [*HEADLINES, {"text": "", "source": "Nobody"}]
    code, out, err = glimpse("cluster", _jsonl(tmp_path / "h.jsonl", rows), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3 and len({line["story"] for line in lines}) == 1
    [line] = err.splitlines()  # the row with no title: one line, and the rest still made
    assert code == 0 and "h.jsonl:4" in line and line.endswith("[G010]")


def test_headlines_then_a_full_article_through_ingest_build_show_and_publish(
    tmp_path: Path,
) -> None:
    db, site = str(tmp_path / "desk.db"), tmp_path / "site"
    code, out, err = glimpse(
        "ingest", _jsonl(tmp_path / "h.jsonl", HEADLINES), "--db", db, "--json"
    )
    assert code == 0, err
    assert json.loads(out.splitlines()[-1])["counts"]["stored"] == 3
    assert glimpse("build", "--db", db)[0] == 0
    [row] = [json.loads(line) for line in glimpse("stories", "--db", db, "--json")[1].splitlines()]
    assert (row["outlets"], row["articles"], row["summary"]) == (3, 3, "")
    assert row["headline"] in {h["title"] for h in HEADLINES}
    brief = json.loads(glimpse("show", row["story"], "--db", db, "--json")[1])
    assert brief["written"] is False and brief["unwritten_reason"] == HEADLINES_ONLY
    assert [s["outlet"] for s in brief["sources"]] == ["Daily Wire", "Courier", "Herald"]
    assert {(s["kind"], s["lede"]) for s in brief["sources"]} == {("headline", "")}
    assert glimpse("publish", str(site), "--db", db)[0] == 0
    page = _story_page(site, row["story"])
    assert HEADLINES_ONLY in page and "src-lede" not in page
    assert all(h["title"] in page for h in HEADLINES)
    with TestClient(create_app(Path(db))) as client:  # the server renders the same
        api = client.get(f"/stories/{row['story']}.json").json()
        html = client.get(f"/stories/{row['story']}").text
    assert api["unwritten_reason"] == HEADLINES_ONLY and api["outlets"] == 3
    assert HEADLINES_ONLY in html

    assert glimpse("ingest", _jsonl(tmp_path / "f.jsonl", [FULL]), "--db", db)[0] == 0
    assert glimpse("build", "--db", db)[0] == 0
    written = json.loads(glimpse("show", row["story"], "--db", db, "--json")[1])
    full_id = next(s["article"] for s in written["sources"] if s["kind"] == "article")
    assert written["written"] is True and written["unwritten_reason"] is None
    assert written["summary"] and len(written["sources"]) == 4
    support = {r["article"] for s in written["summary"] for r in s["support"]}
    support |= {r["article"] for p in written["body"] for s in p for r in s["support"]}
    support |= {r["article"] for r in written["headline_support"]}
    assert support == {full_id}
    assert glimpse("publish", str(site), "--db", db)[0] == 0
    page = _story_page(site, row["story"])
    assert HEADLINES_ONLY not in page and "4 outlets" in page
    assert all(h["title"] in page for h in HEADLINES)


@pytest.fixture
def site(http_server: LocalServer) -> LocalServer:
    """A feed of one item whose page answers 404 until a test routes it."""
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item>'
        f"<title>{FULL['title']}</title><link>{http_server.url('/tram')}</link>"
        "<description>Seven dead.</description>"
        "<pubDate>Wed, 09 Nov 2016 12:00:00 GMT</pubDate></item></channel></rss>"
    )
    http_server.routes["/feed.xml"] = Reply(
        200, {"Content-Type": "application/rss+xml"}, feed.encode()
    )
    return http_server


def _tram_page() -> Reply:
    paragraphs = "".join(f"<p>{p}</p>" for p in FULL["text"].split("\n\n"))
    body = f"<html><body><article><h1>{FULL['title']}</h1>{paragraphs}</article></body></html>"
    return Reply(200, {"Content-Type": "text/html; charset=utf-8"}, body.encode())


def test_a_served_feed_item_is_a_headline_until_its_page_answers_then_the_full_article(
    tmp_path: Path, site: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLIMPSE_FETCH_MIN_INTERVAL", "0")  # one host: no politeness pause
    db, feed_url = str(tmp_path / "desk.db"), site.url("/feed.xml")
    assert glimpse("ingest", feed_url, "--db", db)[0] == 0
    assert glimpse("build", "--db", db)[0] == 0
    [row] = [json.loads(line) for line in glimpse("stories", "--db", db, "--json")[1].splitlines()]
    first = json.loads(glimpse("show", row["story"], "--db", db, "--json")[1])
    assert first["written"] is False and first["sources"][0]["kind"] == "headline"
    site.routes["/tram"] = _tram_page()
    code, out, err = glimpse("ingest", feed_url, "--db", db, "--json")
    assert code == 0, err
    assert json.loads(out.splitlines()[-1])["counts"]["stored"] == 1
    assert glimpse("build", "--db", db)[0] == 0
    then = json.loads(glimpse("show", row["story"], "--db", db, "--json")[1])
    assert then["written"] is True and then["summary"]
    assert [(s["article"], s["kind"]) for s in then["sources"]] == [
        (first["sources"][0]["article"], "article")
    ]
