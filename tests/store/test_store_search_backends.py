"""SQLite (FTS5 ``porter unicode61``) and PostgreSQL (``tsvector``) find the same stories."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from glimpse.models import Article, Brief
from glimpse.store import Store
from tests.pg.server import PgServer

# (story, article title, article text, brief headline): stop words, stems, hyphens, numbers,
# decimals, hosts, diacritics and possessives, where PostgreSQL's stock parser and
# `english` configuration would differ from FTS5.
CORPUS = (
    (
        "s1",
        "The volcano erupts over the town",
        "Lava flows reached the harbour at 3.5 km/h.",
        "Volcano eruption near Grindavík",
    ),
    (
        "s2",
        "Who will lead the party?",
        "The vote is on 12 March; results at example.org.",
        "Party leadership vote",
    ),
    (
        "s3",
        "Café owners protest rent rises",
        "Owners of cafes said the rents were rising fast.",
        "Rent protest in the old town",
    ),
    (
        "s4",
        "Flooding closes the A-road",
        "Heavy rains flooded roads; drivers were stranded.",
        "Floods strand drivers",
    ),
    (
        "s5",
        "Iceland's government resigns",
        "The prime minister's coalition collapsed in 2026.",
        "Government of Iceland falls",
    ),
)
QUERIES = (
    "the",
    "over",
    "who will",
    "volcano",
    "erupting",
    "eruption",
    "eruptions",
    "lava flow",
    "3.5",
    "3",
    "5 km",
    "example.org",
    "example",
    "cafe",
    "café",
    "cafés",
    "rent rising",
    "A-road",
    "road",
    "roads flooding",
    "flood",
    "stranded driver",
    "Iceland",
    "Iceland's",
    "minister",
    "ministers",
    "2026",
    "government collapse",
    "grindavik",
    "Grindavík",
    "party of the vote",
    "the town",
    "harbour lava",
    "leadership",
    "zebra",
    "owners' protest",
)


def _fill(store: Store) -> None:
    for n, (story, title, text, headline) in enumerate(CORPUS, start=1):
        article = Article(
            id=f"a{n}",
            title=title,
            text=text,
            url=f"https://x.example/{n}",
            source=f"Outlet {n % 2}",
        )
        store.add_article(article)
        store.save_assignments([(article.id, story)], [], None)
        store.save_brief(
            Brief(
                story=story,
                headline=headline,
                summary=(),
                body=(),
                key_quote=None,
                tags=(),
                updated_at=None,
                sources=(),
            )
        )


@pytest.fixture
def both(tmp_path: Path, pg_server: PgServer) -> Iterator[tuple[Store, Store]]:
    with Store(tmp_path / "s.db") as lite, Store(pg_server.new_database()) as pg:
        _fill(lite)
        _fill(pg)
        yield lite, pg


def _found(store: Store) -> Callable[[str], set[str]]:
    return lambda q: {r.story for r in store.list_stories(query=q, limit=100)}


def test_fixed_queries_find_the_same_stories_on_both_backends(
    both: tuple[Store, Store],
) -> None:
    lite, pg = (_found(s) for s in both)
    differ = {q: (lite(q), pg(q)) for q in QUERIES if lite(q) != pg(q)}
    assert differ == {}
    counts = {q: both[1].count_stories(query=q) for q in QUERIES}
    assert counts == {q: len(lite(q)) for q in QUERIES}


def test_stop_words_stems_and_diacritics_match_as_in_fts5(both: tuple[Store, Store]) -> None:
    for find in (_found(s) for s in both):
        assert find("the") == {"s1", "s2", "s3", "s4", "s5"}  # no stop words
        assert find("over") == {"s1"}
        assert find("eruptions") == {"s1"}  # stemmed
        assert find("cafe") == {"s3"} and find("grindavik") == {"s1"}  # diacritics folded
        assert find("3.5") == {"s1"} and find("example.org") == {"s2"}  # words, not tokens
        assert find("zebra") == set()
