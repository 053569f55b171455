"""What a story page reads of a story, in one query.

A story page needs the story's brief versions and its articles (with their arrivals). They
come from two tables with different rows, so the query stacks the two (``UNION ALL``), tagged
by kind and padded to the same columns: on PostgreSQL each query is a round trip and ~0.07 ms
of psycopg's Python, which a page paid once more for the second query.
"""

from __future__ import annotations

from datetime import datetime

from glimpse.models import Article, Brief
from glimpse.store.articles import final_articles
from glimpse.store.briefs import VERSION_COLUMNS, versions_from
from glimpse.store.dialect import Conn
from glimpse.store.records import BriefVersion

# kind 0: a brief version (VERSION_COLUMNS); kind 1: an article (id, stored_at, json, fetched).
# Sorted by kind, then versions by number and articles by arrival, then id (column 5).
_PAGE = (
    f"SELECT 0, {VERSION_COLUMNS}, NULL FROM brief_versions v JOIN stories s ON s.id = v.story"
    " WHERE v.story = ?"
    " UNION ALL SELECT 1, NULL, a.stored_at, a.json, a.id, NULL, a.fetched FROM assignments s"
    " JOIN articles a ON a.id = s.article WHERE s.story = ?"
    " ORDER BY 1, 2, 3, 5"
)


def story_page(
    conn: Conn, story: str
) -> tuple[Brief | None, list[BriefVersion], list[tuple[str, datetime]], list[Article]]:
    """The current brief, every version (oldest first), the arrivals and the articles (in
    arrival order) of a final ``story`` id (no merge redirect is followed)."""
    rows = conn.execute(_PAGE, (story, story)).fetchall()
    brief, versions = versions_from([r[1:6] for r in rows if r[0] == 0])
    arrivals, articles = final_articles([(r[4], r[2], r[3], r[6]) for r in rows if r[0] == 1])
    return brief, versions, arrivals, articles
