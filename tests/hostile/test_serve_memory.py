"""300 long, distinct searches against a real `serve`: the page cache stays inside its budget."""

from __future__ import annotations

import random
import urllib.request
from pathlib import Path

from glimpse.publish.sample import fill_store
from glimpse.serve import create_app
from glimpse.serve.cache import ResponseCache
from glimpse.serve.testing import running
from glimpse.store import Store

BUDGET = 256 * 1024


def test_three_hundred_long_searches_keep_the_cache_under_its_byte_budget(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Store(db) as store:
        fill_store(store, 25)
    app = create_app(db, cache_bytes=BUDGET)
    cache = app.state.cache
    assert isinstance(cache, ResponseCache) and cache.max_bytes == BUDGET
    rng = random.Random(16)
    words = ["story", "sample", "report", "city", "council", "storm", "vote", "court"]
    sizes = []
    with running(app) as base:
        for i in range(300):
            query = "+".join(rng.choice(words) for _ in range(60)) + f"+n{i}"
            with urllib.request.urlopen(f"{base}/search?q={query}", timeout=10) as response:
                assert response.status == 200
                sizes.append(len(response.read()))
            assert cache.bytes <= BUDGET
        with urllib.request.urlopen(f"{base}/stories.json", timeout=10) as response:
            assert response.status == 200
    assert sum(sizes) > 4 * BUDGET  # the searches would not have fit: eviction really happened
    assert 0 < len(cache) < 300
    assert cache.bytes <= BUDGET
