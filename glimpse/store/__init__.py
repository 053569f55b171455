"""SQLite storage: schema and migrations, articles, stories, briefs, search, runs.

Use :class:`Store`; :func:`default_db_path` resolves ``--db`` > ``$GLIMPSE_DB`` > ``./glimpse.db``.
"""

from glimpse.store.connection import default_db_path
from glimpse.store.records import BriefVersion, StoryRow
from glimpse.store.search import rank_score
from glimpse.store.store import Store

__all__ = ["BriefVersion", "Store", "StoryRow", "default_db_path", "rank_score"]
