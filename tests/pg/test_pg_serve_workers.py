"""``glimpse serve --workers 2`` on a PostgreSQL desk: every worker's page cache follows the
``desk_version`` counter."""

from __future__ import annotations

from glimpse.publish.sample import fill_store
from glimpse.store import Store
from tests.serve.workers_support import every_worker_follows_a_new_brief


def test_two_workers_on_postgresql_each_serve_a_write_made_after_they_cached_the_page(
    pg_url: str,
) -> None:
    with Store(pg_url) as store:
        fill_store(store, 6)
        store.refresh_desk()
    every_worker_follows_a_new_brief(pg_url, workers=2)
