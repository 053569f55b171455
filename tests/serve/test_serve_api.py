"""The JSON API and feeds, in process through Starlette's TestClient over a real Store."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from glimpse.errors import StoreError
from glimpse.publish.sample import add_story, fill_store, sample_article, sample_tags, story_id
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

ATOM = "{http://www.w3.org/2005/Atom}"
ERROR_KEYS = {"ok", "error", "status", "code"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "desk.db"
    with Store(path) as store:
        fill_store(store, 25)
        store.save_assignments([], [(story_id(1), story_id(0))], None)  # s00001 merged into s00000
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as c:
        yield c


def test_stories_json_lists_ranked_rows_with_pagination(client: TestClient) -> None:
    first = client.get("/stories.json").json()
    assert first["ok"] is True and first["total"] == 24 and first["pages"] == 2
    assert len(first["stories"]) == 20 and first["next"] == "/stories.json?page=2"
    scores = [s["score"] for s in first["stories"]]
    assert scores == sorted(scores, reverse=True)
    second = client.get(first["next"]).json()
    assert len(second["stories"]) == 4 and second["prev"] == "/stories.json"
    ids = {s["story"] for s in first["stories"]} | {s["story"] for s in second["stories"]}
    assert len(ids) == 24 and story_id(1) not in ids


def test_story_json_has_the_brief_keys_plus_evidence_and_timeline(client: TestClient) -> None:
    data = client.get(f"/stories/{story_id(3)}.json").json()
    brief_keys = {"story", "headline", "summary", "body", "key_quote", "tags", "updated_at"}
    assert brief_keys | {"sources", "outlets", "evidence", "timeline", "versions"} <= set(data)
    first = data["evidence"][0]
    assert first["text"] == data["summary"][0]["text"]
    assert first["support"][0]["text"] == first["text"]  # the sample copies source sentences
    assert first["support"][0]["outlet"]
    assert [e["kind"] for e in data["timeline"]].count("version") == 1
    assert data["versions"][0]["summary"] == [s["text"] for s in data["summary"]]
    assert data["outlets"] == len(data["sources"])


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/stories/nope.json", 404, "G014"),
        ("/tags/no-such-tag.json", 404, "G001"),
        ("/outlets/nobody.json", 404, "G001"),
        ("/stories.json?page=zero", 400, "G009"),
        ("/search.json?q=", 400, "G010"),
        ("/no/such/thing.json", 404, "G001"),
    ],
)
def test_every_json_error_has_one_shape(
    client: TestClient, path: str, status: int, code: str
) -> None:
    response = client.get(path)
    body = response.json()
    assert response.status_code == status
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status and body["code"] == code
    assert isinstance(body["error"], str) and body["error"]


def test_unknown_story_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/stories/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no story" in response.text


def test_merged_story_redirects_permanently_to_the_survivor(client: TestClient) -> None:
    page = client.get(f"/stories/{story_id(1)}", follow_redirects=False)
    assert page.status_code == 301 and page.headers["location"] == f"/stories/{story_id(0)}"
    api = client.get(f"/stories/{story_id(1)}.json", follow_redirects=False)
    assert api.headers["location"] == f"/stories/{story_id(0)}.json"
    assert client.get(f"/stories/{story_id(1)}.json").json()["story"] == story_id(0)


def test_tag_json_lists_only_stories_with_that_tag(client: TestClient) -> None:
    data = client.get("/tags/lisbon.json").json()
    assert data["tag"] == "Lisbon" and data["stories"]
    assert all("Lisbon" in s["tags"] for s in data["stories"])
    tags = client.get("/tags.json").json()["tags"]
    assert {"name": "Lisbon", "slug": "lisbon"}.items() <= next(
        t for t in tags if t["name"] == "Lisbon"
    ).items()


def test_front_page_filters_by_tag_and_outlet_query_parameters(client: TestClient) -> None:
    data = client.get("/stories.json?tag=lyon&outlet=valley-gazette").json()
    assert data["tag"] == "Lyon" and data["outlet"] == "Valley Gazette" and data["total"] == 3
    for row in data["stories"]:
        assert "Lyon" in row["tags"]
        sources = client.get(row["json"]).json()["sources"]
        assert "Valley Gazette" in {s["outlet"] for s in sources}
    assert client.get("/stories.json?tag=lisbon&outlet=valley-gazette").json()["total"] == 0


def test_search_json_finds_a_story_by_a_word_of_its_body(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "evacuated"}).json()
    found = {s["story"] for s in data["stories"]}
    assert {story_id(9), story_id(17)} <= found and story_id(2) not in found
    odd = client.get("/search.json", params={"q": 'NEAR( "unbalanced *'}).json()
    assert odd["ok"] is True and odd["total"] == 0


def _check_atom(body: bytes) -> etree._Element:
    root = etree.fromstring(body)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author", "link"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated", "link", "author", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
    return root


@pytest.mark.parametrize("path", ["/feed.atom", "/tags/lisbon.atom", "/search.atom?q=strike"])
def test_atom_feeds_are_well_formed_atom_1_0(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"].startswith("application/atom+xml")
    root = _check_atom(response.content)
    assert root.findall(f"{ATOM}entry")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.version == "atom10"
    link = parsed.entries[0].link
    assert link.startswith("http://testserver/stories/")
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    "path", ["/feed.json", "/tags/lisbon.feed.json", "/search.feed.json?q=wildfire"]
)
def test_json_feeds_have_the_json_feed_1_1_keys(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-type"].startswith("application/feed+json")
    feed = response.json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list) and feed["items"]
    for item in feed["items"]:
        assert item["id"] and ("content_text" in item or "content_html" in item)
        assert item["url"].startswith("http://testserver/stories/")


def test_a_new_story_shows_up_after_a_write_despite_the_page_cache(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    with Store(path) as store:
        fill_store(store, 2)
    with TestClient(create_app(path)) as c:
        assert c.get("/stories.json").json()["total"] == 2
        assert c.get("/stories.json").json()["total"] == 2  # served from the cache
        with Store(path) as store:
            add_story(store, story_id(7), [sample_article(7, 0)], sample_tags(7))
        assert c.get("/stories.json").json()["total"] == 3


def test_unchanged_pages_answer_304_to_a_matching_etag(client: TestClient) -> None:
    first = client.get("/stories.json")
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/stories.json", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 200


def test_wrong_method_gets_the_json_error_shape(client: TestClient) -> None:
    response = client.post("/stories.json")
    assert response.status_code == 405
    assert response.json() == {
        "ok": False,
        "error": "Method Not Allowed",
        "status": 405,
        "code": "G009",
    }


def test_a_database_failure_is_a_500_in_the_same_shape(tmp_path: Path) -> None:
    from glimpse.serve import make_app

    class Broken:
        def count_stories(self, **_: object) -> int:
            raise StoreError("database is locked", "desk.db")

    app = make_app(lambda: Broken())  # type: ignore[arg-type, return-value]
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/stories.json")
        page = c.get("/")
    assert response.status_code == 500
    assert response.json() == {
        "ok": False,
        "error": "internal error; see the server log",
        "status": 500,
        "code": "G015",
    }
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")


def test_stopping_the_server_closes_the_store(db: Path) -> None:
    from glimpse.serve import make_app

    opened: list[Store] = []

    def opener() -> Store:
        opened.append(Store(db))
        return opened[-1]

    with TestClient(make_app(opener)) as c:
        assert c.get("/stories.json").status_code == 200
        assert len(opened) == 1
    with pytest.raises(StoreError, match="closed database"):
        opened[0].count_stories()


def test_story_json_returns_the_conflicts_between_sources(tmp_path: Path) -> None:
    from dataclasses import replace

    from glimpse.models import Conflict, ConflictValue
    from glimpse.publish.sample import sample_brief

    articles = [sample_article(6, 0), sample_article(6, 1)]
    a, b = articles
    conflict = Conflict(
        "dead",
        (
            ConflictValue("59", (b.id,), b.published, (b.source or "",)),
            ConflictValue("at least 50", (a.id,), a.published, (a.source or "",)),
        ),
        (0, 1),
        "summary",
    )
    path = tmp_path / "conflicts.db"
    with Store(path) as store:
        for article in articles:
            store.add_article(article)
        store.save_assignments([(x.id, story_id(6)) for x in articles], [], None)
        store.save_brief(replace(sample_brief(story_id(6), articles), conflicts=(conflict,)))
    with TestClient(create_app(path)) as c:
        data = c.get(f"/stories/{story_id(6)}.json").json()
    (got,) = data["conflicts"]
    assert got["quantity"] == "dead" and got["sentence"] == [0, 1] and got["part"] == "summary"
    assert [v["value"] for v in got["values"]] == ["59", "at least 50"]
    assert got["values"][0]["articles"] == [b.id] and got["values"][0]["outlets"] == [b.source]
    assert got["values"][1]["published"] == a.published.isoformat().replace("+00:00", "Z")
