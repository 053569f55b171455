"""Pages built from the sections and threads ``build`` stored are the pages computed per request."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from glimpse.publish.sample import add_story, fill_store, sample_article, story_id
from glimpse.serve import create_app
from glimpse.store import Store

with warnings.catch_warnings():  # starlette 0.52 touches an alias anyio 4.16 deprecates
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

PAGES = ["/", "/index.html", f"/stories/{story_id(8)}", f"/stories/{story_id(90)}", "/?page=2"]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stored") / "desk.db"
    with Store(path) as store:
        fill_store(store, 30)
        add_story(store, story_id(90), [sample_article(90, 0)], ("Lisbon", "Tram fares"))
        assert store.refresh_desk()
    return path


def _pages(path: Path) -> Iterator[tuple[str, str]]:
    with TestClient(create_app(path, cache=False)) as client:
        for page in PAGES:
            answer = client.get(page)
            assert answer.status_code == 200, page
            yield page, answer.text
        thread = client.get(f"/stories/{story_id(8)}/thread.json").json()
        yield (
            "thread.json",
            repr(
                {
                    k: [r["story"] for r in v]
                    for k, v in thread.items()
                    if k != "ok" and k != "story"
                }
            ),
        )


def _make_stale(path: Path) -> None:
    """What a write by ``watch`` between two builds does to the stored links."""
    with Store(path) as store, store._db.write() as conn:
        conn.execute("UPDATE desk_links SET story_changes = story_changes + 1 WHERE id = 1")


def test_pages_from_stored_links_equal_the_pages_computed_per_request(desk: Path) -> None:
    with Store(desk) as store:
        assert store.stored_thread(story_id(8)) is not None
        assert store.stored_front() is not None  # the front page reads build's ranking
    stored = dict(_pages(desk))
    _make_stale(desk)
    with Store(desk) as store:
        assert store.stored_thread(story_id(8)) is None  # now computed per request
        assert store.stored_front() is None
    computed = dict(_pages(desk))
    assert "Earlier in this thread" in stored[f"/stories/{story_id(8)}"]
    for page in stored:
        assert stored[page] == computed[page], page
