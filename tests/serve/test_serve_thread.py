"""``/stories/{id}/thread.json``, the thread block of story pages, and the /tags and /outlets pages."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from lxml import html as lxml_html

from glimpse.publish.sample import add_story, fill_store, sample_article, story_id
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

ROW_KEYS = {"story", "headline", "summary", "tags", "updated_at", "outlets", "articles", "score"}
RELATED = story_id(90)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("thread") / "desk.db"
    with Store(path) as store:
        # the samples repeat 8 topics: stories 0, 8, 16 and 24 share all their tags (Lisbon …)
        fill_store(store, 25)
        add_story(store, RELATED, [sample_article(90, 0)], ("Lisbon", "Tram fares"))
    with TestClient(create_app(path)) as c:
        yield c


def test_thread_json_links_earlier_later_and_related_stories_as_rows(client: TestClient) -> None:
    doc = client.get(f"/stories/{story_id(8)}/thread.json").json()
    assert doc["ok"] is True and doc["story"]["story"] == story_id(8)
    # sample story n is published n hours before the base time: 16 and 24 are older than 8
    assert [r["story"] for r in doc["earlier"]] == [story_id(16), story_id(24)]
    assert [r["story"] for r in doc["later"]] == [story_id(0)]
    assert [r["story"] for r in doc["related"]] == [RELATED]
    for row in [doc["story"], *doc["earlier"], *doc["later"], *doc["related"]]:
        assert set(row) >= ROW_KEYS
        assert row["url"] == f"/stories/{row['story']}"


def test_thread_json_rows_have_the_shape_of_stories_json_rows(client: TestClient) -> None:
    listed = {r["story"]: r for r in client.get("/stories.json").json()["stories"]}
    doc = client.get(f"/stories/{story_id(0)}/thread.json").json()
    for row in doc["earlier"]:
        if row["story"] in listed:
            assert set(row) == set(listed[row["story"]])


def test_thread_json_of_an_unknown_story_is_a_json_404(client: TestClient) -> None:
    response = client.get("/stories/nope/thread.json")
    assert response.status_code == 404
    assert response.json()["code"] == "G014"


def test_story_page_shows_earlier_in_this_thread_and_related(client: TestClient) -> None:
    doc = lxml_html.fromstring(client.get(f"/stories/{story_id(8)}").text)
    headings = [h.text_content() for h in doc.xpath("//section[@class='thread']//h3")]
    assert headings == ["Earlier in this thread", "Later in this thread", "Related"]
    links = doc.xpath("//section[@class='thread']//a/@href")
    assert f"/stories/{story_id(16)}" in links and f"/stories/{RELATED}" in links


@pytest.mark.parametrize(
    ("path", "name", "json_path"),
    [("/tags", "Lisbon", "/tags.json"), ("/outlets", "Metro Wire", "/outlets.json")],
)
def test_tags_and_outlets_pages_list_everything_with_counts(
    client: TestClient, path: str, name: str, json_path: str
) -> None:
    doc = lxml_html.fromstring(client.get(path).text)
    items = doc.xpath("//ul[@class='name-index']/li")
    listed = client.get(json_path).json()
    key = "tags" if path == "/tags" else "outlets"
    assert len(items) == len(listed[key])
    texts = {
        li.xpath("./a")[0].text_content(): li.xpath("./span")[0].text_content() for li in items
    }
    expected = next(x["stories"] for x in listed[key] if x["name"] == name)
    assert texts[name] == (f"{expected} stories" if expected != 1 else "1 story")
