"""Parquet rows ⇄ articles and features, and the time-ordered merge of shards (no Ray)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from glimpse.backfill.load import iter_rows, iter_shard, write_shard
from glimpse.backfill.rows import from_row, to_row, to_table
from glimpse.models import Article, Entity, Features, Sentence

T0 = datetime(2019, 3, 4, 5, 6, 7, tzinfo=UTC)

texts = st.text(max_size=20)
float32s = st.floats(width=32, allow_nan=False, allow_infinity=False)
entities = st.builds(
    Entity,
    name=texts,
    type=st.sampled_from(["PERSON", "PLACE", "ORG"]),
    count=st.integers(1, 50),
    articles=st.lists(texts, max_size=3).map(tuple),
    aliases=st.lists(texts, max_size=3).map(tuple),
)
features = st.builds(
    Features,
    article=st.just("a1"),
    entities=st.lists(entities, max_size=4).map(tuple),
    keyphrases=st.lists(texts, max_size=4).map(tuple),
    tags=st.lists(texts, max_size=4).map(tuple),
    vector=st.lists(float32s, max_size=8).map(tuple),
    minhash=st.lists(st.integers(0, 2**61 - 1), max_size=8).map(tuple),
)
times = st.none() | st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


def article(id: str = "a1", published: datetime | None = T0, **kw: object) -> Article:
    text = "Rain fell. Then it stopped."
    return Article(
        id=id,
        title="Rain",
        text=text,
        url=f"https://news.example/{id}",
        lede="Rain fell.",
        paragraphs=(text,),
        sentences=(Sentence(0, "Rain fell.", 0, 10), Sentence(1, "Then it stopped.", 11, 27)),
        published=published,
        authors=("A. Writer",),
        source="Example News",
        language="en",
        **kw,  # type: ignore[arg-type]
    )


@settings(max_examples=60, deadline=None)
@given(features=features, published=times, fetched=times)
def test_a_row_gives_back_the_same_article_and_features(
    features: Features, published: datetime | None, fetched: datetime | None
) -> None:
    original = article(published=published, fetched=fetched)
    back = from_row(to_row(7, "in.jsonl:7", original, features))
    assert back == (original, features)


@settings(max_examples=20, deadline=None)
@given(features=features)
def test_a_parquet_shard_gives_back_the_same_rows(
    tmp_path_factory: object, features: Features
) -> None:
    folder = Path(str(tmp_path_factory.mktemp("shard")))  # type: ignore[attr-defined]
    original = article(fetched=T0)
    write_shard(folder / "s.parquet", [to_row(0, "x", original, features)])
    (row,) = list(iter_shard(folder / "s.parquet"))
    assert from_row(row) == (original, features)


def test_vectors_survive_as_the_float32_values_the_store_keeps(tmp_path: Path) -> None:
    vector = tuple(float(x) for x in np.random.default_rng(1).random(384, dtype=np.float32))
    feats = Features(article="a1", vector=vector, minhash=tuple(range(128)))
    write_shard(tmp_path / "s.parquet", [to_row(0, "x", article(), feats)])
    (row,) = list(iter_shard(tmp_path / "s.parquet"))
    assert from_row(row)[1].vector == vector


def test_a_shard_is_written_oldest_first_with_undated_articles_last(tmp_path: Path) -> None:
    rows = [
        to_row(0, "x:0", article("u", None), Features("u")),
        to_row(1, "x:1", article("new", T0 + timedelta(days=2)), Features("new")),
        to_row(2, "x:2", article("old", T0), Features("old")),
    ]
    write_shard(tmp_path / "s.parquet", rows)
    assert [r["id"] for r in iter_shard(tmp_path / "s.parquet")] == ["old", "new", "u"]
    assert to_table([]).num_rows == 0


def test_shards_merge_into_one_time_order_with_input_order_breaking_ties(tmp_path: Path) -> None:
    day = timedelta(days=1)
    first = [(0, "a", T0 + 3 * day), (1, "b", T0), (2, "c", None), (3, "d", T0 + day)]
    second = [(4, "e", T0 + 2 * day), (5, "f", T0), (6, "g", None)]
    for name, part in (("1.parquet", first), ("2.parquet", second)):
        write_shard(
            tmp_path / name,
            [to_row(seq, f"x:{seq}", article(i, when), Features(i)) for seq, i, when in part],
        )
    merged = [r["id"] for r in iter_rows([tmp_path / "1.parquet", tmp_path / "2.parquet"])]
    assert merged == ["b", "f", "d", "e", "a", "c", "g"]
