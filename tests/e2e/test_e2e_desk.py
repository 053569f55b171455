"""The whole desk through the real CLI: feeds on 127.0.0.1 → SQLite → briefs → static site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from e2e_support import run_cli
from lxml import etree

from glimpse.demo.server import WireServer

pytestmark = pytest.mark.e2e
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def desk(wire: WireServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database built by `ingest` + `build` over the wire's per-outlet RSS feeds."""
    db = tmp_path_factory.mktemp("desk") / "desk.db"
    first = run_cli("ingest", *wire.feed_urls(), "--db", str(db), "--json")
    assert first.code == 0, first.stderr
    assert first.json_lines()[0]["counts"]["stored"] == len(wire.wire.articles)
    built = run_cli("build", "--db", str(db), "--json")
    assert built.code == 0, built.stderr
    assert built.json_lines()[0]["counts"]["briefs"] >= 3
    return db


def test_reingesting_the_same_feeds_and_pages_stores_nothing(wire: WireServer, desk: Path) -> None:
    pages = [f"{wire.base}/{outlet}/{slug}.html" for outlet, slug in list(wire.wire.articles)[:2]]
    again = run_cli("ingest", *wire.feed_urls(), *pages, "--db", str(desk), "--json")
    assert again.code == 0, again.stderr
    counts = again.json_lines()[0]["counts"]
    assert counts.get("stored", 0) == 0 and counts["duplicates"] == 2


def test_stories_lists_briefs_with_sources_from_several_outlets(desk: Path) -> None:
    rows = run_cli("stories", "--db", str(desk), "--json").json_lines()
    assert len(rows) >= 3
    assert {"story", "headline", "tags", "updated_at", "outlets"} <= set(rows[0])
    assert max(r["outlets"] for r in rows) >= 3


def test_show_prints_a_grounded_brief_with_every_field(desk: Path) -> None:
    story = run_cli("stories", "--db", str(desk), "--json").json_lines()[0]["story"]
    brief = run_cli("show", story, "--db", str(desk), "--json").json_lines()[0]
    assert set(brief) >= {
        "story",
        "headline",
        "summary",
        "body",
        "key_quote",
        "tags",
        "updated_at",
        "sources",
    }
    sentences = brief["summary"] + [s for para in brief["body"] for s in para]
    assert sentences and all(s["support"] for s in sentences)
    assert all(
        {"outlet", "url", "headline", "lede", "published"} <= set(s) for s in brief["sources"]
    )
    md = run_cli("show", story, "--db", str(desk), "--md")
    assert md.stdout.startswith(f"# {brief['headline']}")


def test_search_finds_a_story_by_a_word_of_its_body(desk: Path) -> None:
    story = run_cli("stories", "--db", str(desk), "--json").json_lines()[0]
    brief = run_cli("show", story["story"], "--db", str(desk), "--json").json_lines()[0]
    word = max(brief["summary"][0]["text"].split(), key=len).strip(".,;:'\"")
    found = run_cli("stories", "--db", str(desk), "--query", word, "--json").json_lines()
    assert story["story"] in {r["story"] for r in found}


def test_unknown_story_is_one_error_line_and_exit_1(desk: Path) -> None:
    result = run_cli("show", "s-nope", "--db", str(desk))
    assert result.code == 1
    assert result.stderr.strip() == "error: s-nope: no such story [G014]"


def test_publish_writes_pages_and_valid_feeds(desk: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("publish", str(out), "--db", str(desk), "--base-url", "https://news.example")
    assert result.code == 0, result.stderr
    assert (out / "index.html").exists() and list((out / "stories").glob("*.html"))
    atom = etree.parse(str(out / "feed.atom")).getroot()
    assert atom.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert atom.find(f"{ATOM}{required}") is not None
    entries = atom.findall(f"{ATOM}entry")
    assert entries and all(e.find(f"{ATOM}link") is not None for e in entries)
    feed = json.loads((out / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["items"] and all("id" in i for i in feed["items"])


def test_bad_inputs_are_reported_one_line_each_and_the_run_goes_on(
    wire: WireServer, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(
        "Flood closes bridge\nThe river rose two metres overnight and the bridge was closed.\n"
    )
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": "ok", "text": "A fine article body."}\n{oops\n')
    db = tmp_path / "d.db"
    result = run_cli(
        "ingest",
        str(tmp_path / "missing.html"),
        f"{wire.base}/robots.txt",
        str(good),
        str(broken),
        "--db",
        str(db),
        "--json",
    )
    assert result.code == 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3
    assert any("missing.html" in e and "[G001]" in e for e in errors)
    assert any("broken.jsonl:2" in e and "[G007]" in e for e in errors)
    assert result.json_lines()[0]["counts"]["stored"] == 2


def test_a_command_whose_every_input_failed_exits_1(tmp_path: Path) -> None:
    result = run_cli("extract", str(tmp_path / "nothing.txt"), "--json")
    assert result.code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"error: {tmp_path / 'nothing.txt'}")


def test_one_wire_story_in_one_brief_out(tmp_path: Path) -> None:
    story = tmp_path / "wire.txt"
    story.write_text(
        "Putin and Kim sign defence pact in Pyongyang\n"
        "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a mutual defence "
        "pact in Pyongyang on Wednesday.\n\n"
        '"This is a truly breakthrough document that takes our relations to a new level," Putin told reporters after the talks.\n\n'
        "Kim said the agreement raised relations to the level of an alliance.\n"
    )
    result = run_cli("brief", str(story), "--json")
    assert result.code == 0, result.stderr
    [brief] = result.json_lines()
    assert (
        brief["headline"]
        and brief["summary"]
        and brief["sources"][0]["headline"].startswith("Putin")
    )
    assert brief["key_quote"]["text"] in story.read_text()
    assert brief["key_quote"]["speaker"] == "Vladimir Putin"


def test_cluster_prints_exactly_what_build_stores(tmp_path: Path) -> None:
    corpus = tmp_path / "a.jsonl"
    rows = [
        {
            "id": "q1",
            "title": "Earthquake strikes Taiwan",
            "text": "A magnitude 7.4 earthquake struck Taiwan on Wednesday, killing nine people.",
            "published": "2024-04-03T01:00:00Z",
        },
        {
            "id": "q2",
            "title": "Taiwan earthquake kills nine",
            "text": "The strongest earthquake in 25 years struck Taiwan on Wednesday, killing nine people and injuring hundreds.",
            "published": "2024-04-03T03:00:00Z",
        },
        {
            "id": "f1",
            "title": "Arsenal beat Chelsea 5-0",
            "text": "Arsenal thrashed Chelsea 5-0 at the Emirates on Tuesday night in the Premier League.",
            "published": "2024-04-03T05:00:00Z",
        },
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in rows))
    printed = {r["id"]: r["story"] for r in run_cli("cluster", str(corpus), "--json").json_lines()}
    db = tmp_path / "c.db"
    assert run_cli("ingest", str(corpus), "--db", str(db)).code == 0
    assert run_cli("build", "--db", str(db)).code == 0
    from glimpse.store import Store

    with Store(db) as store:
        stored = {i: store.article_story(i) for i in printed}
    assert printed == stored
