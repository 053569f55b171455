"""The :class:`Store`: the one door to the database (SQLite or PostgreSQL) for every module."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from glimpse.models import Article, Brief, Features, RunReport, Story
from glimpse.store import articles as _articles
from glimpse.store import briefs as _briefs
from glimpse.store import desk as _desk
from glimpse.store import links as _links
from glimpse.store import runs as _runs
from glimpse.store import search as _search
from glimpse.store import stories as _stories
from glimpse.store import story_page as _story_page
from glimpse.store.connection import Connection
from glimpse.store.dialect import is_url
from glimpse.store.pg import PgConnection
from glimpse.store.records import BriefVersion, StoryRow
from glimpse.store.runs import FeedRow
from glimpse.store.schema import migrate

if TYPE_CHECKING:
    from glimpse.sections import DeskOptions
    from glimpse.threads import Thread


class Store:
    """Articles, stories, briefs, runs and feed state in one SQLite file.

    Opening runs any pending migrations. The database is in WAL mode with foreign keys on and
    a busy timeout, so ``glimpse serve`` can read while ``glimpse watch`` writes from another
    process; each write is one short ``BEGIN IMMEDIATE`` transaction (one per article in
    :meth:`add_article`; everything of a clustering step in :meth:`save_assignments`).

    Threads: one Store may be shared by threads (e.g. Starlette handlers run in a threadpool).
    Its single connection is opened with ``check_same_thread=False`` and every method holds a
    re-entrant lock for its whole duration, so calls from different threads never interleave.
    Errors from SQLite are raised as :class:`glimpse.errors.StoreError` (G015).

    A ``postgresql://`` URL instead of a path opens the same store on PostgreSQL
    (:mod:`glimpse.store.pg`): same schema, migrations, queries and answers, for a desk that
    several ``watch`` workers and ``serve`` processes share.
    """

    def __init__(self, path: str | Path) -> None:
        self.url = str(path) if is_url(path) else None
        self.path = Path(path) if self.url is None else Path()
        self._db: Connection | PgConnection
        self._db = PgConnection(self.url) if self.url else Connection(path)
        try:
            if isinstance(self._db, Connection):
                _search.register(self._db.conn)
            migrate(self._db)
            if isinstance(self._db, PgConnection):
                self._db.versioned = True
        except BaseException:
            self._db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # articles

    def add_article(self, article: Article, features: Features | None = None) -> bool:
        """Store an article (and its features) in one transaction; False, storing nothing,
        when its id, canonical URL or URL, or body text is already stored. A full article
        whose id or URL is a stored headline article's takes that headline's place."""
        with self._db.write() as conn:
            return _articles.add_article(conn, article, features)

    def has_article(self, article: Article) -> bool:
        with self._db.read() as conn:
            return _articles.is_stored(conn, article)

    def url_stored_at(self, url: str) -> datetime | None:
        """When the article with this URL was fetched or stored; None when not stored."""
        with self._db.read() as conn:
            return _articles.url_stored_at(conn, url)

    def set_features(self, features: Features) -> None:
        with self._db.write() as conn:
            _articles.save_features(conn, features)

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """Articles in the order of ``ids``; ids not stored are left out."""
        with self._db.read() as conn:
            return _articles.load_articles(conn, ids)

    def features(self, ids: Sequence[str]) -> list[Features]:
        """Features in the order of ``ids`` (empty ones for articles stored without);
        ids not stored are left out. Vectors come back as float32 values."""
        with self._db.read() as conn:
            return _articles.load_features(conn, ids)

    def unclustered(self) -> list[Article]:
        with self._db.read() as conn:
            return _articles.unclustered(conn)

    def article_count(self) -> int:
        with self._db.read() as conn:
            row = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
            return int(row[0]) if row else 0

    # clustering

    @contextmanager
    def assigning(self) -> Iterator[None]:
        """Hold this around reading the unclustered articles and the clusterer's state and
        saving the assignments. On PostgreSQL it is one transaction under a lock shared by
        every process, so reads inside it see the other workers' committed assignments and no
        two workers assign at once (which could split a story). SQLite has one writing
        process at a time, and this is a no-op there."""
        if isinstance(self._db, PgConnection):
            with self._db.assigning():
                yield
        else:
            yield

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Hold this around the reads of one page: they share one read transaction (one
        consistent snapshot, and on PostgreSQL one BEGIN/COMMIT instead of one per read).
        Not to be held across slow work: on SQLite it keeps the connection's lock."""
        with self._db.read():
            yield self

    def desk_version(self) -> int | None:
        """A counter every committed write bumps (PostgreSQL); None for SQLite, whose file
        size and time are the signal."""
        return self._db.version() if isinstance(self._db, PgConnection) else None

    def cluster_state(self) -> bytes | None:
        with self._db.read() as conn:
            return _stories.cluster_state(conn)

    def save_assignments(
        self,
        assignments: Sequence[tuple[str, str]],
        merges: Sequence[tuple[str, str]],
        state: bytes | None,
    ) -> None:
        """In one transaction: put articles in stories, merge ``(old, new)`` stories, save state."""
        with self._db.write() as conn:
            _stories.save_assignments(conn, assignments, merges, state)

    def story(self, story_id: str) -> Story | None:
        with self._db.read() as conn:
            return _stories.load_story(conn, story_id)

    def resolve_story(self, story_id: str) -> str | None:
        with self._db.read() as conn:
            return _stories.resolve(conn, story_id)

    def story_article_ids(self, story_id: str) -> list[str]:
        with self._db.read() as conn:
            final = _stories.resolve(conn, story_id)
            return _stories.member_ids(conn, final) if final else []

    def dirty_stories(self, writer: str = "") -> list[str]:
        """Stories whose brief is missing, stale, or (given ``writer``) by another writer."""
        with self._db.read() as conn:
            return _stories.dirty(conn, writer)

    def article_story(self, article_id: str) -> str | None:
        with self._db.read() as conn:
            return _stories.article_story(conn, article_id)

    def article_arrivals(self, story_id: str) -> list[tuple[str, datetime]]:
        with self._db.read() as conn:
            return _stories.arrivals(conn, story_id)

    # briefs

    def save_brief(self, brief: Brief) -> int:
        """Save a new version (or none, if identical to the current one); returns its number.
        Raises StoryNotFound (G014) for an unknown story."""
        with self._db.write() as conn:
            return _briefs.save_brief(conn, brief)

    def brief(self, story_id: str) -> Brief | None:
        with self._db.read() as conn:
            return _briefs.current_brief(conn, story_id)

    def brief_history(self, story_id: str) -> list[BriefVersion]:
        with self._db.read() as conn:
            return _briefs.history(conn, story_id)

    def story_page(
        self, story_id: str
    ) -> tuple[Brief | None, list[BriefVersion], list[tuple[str, datetime]], list[Article]]:
        """What a story page reads of a final ``story_id`` (resolved already: no redirect is
        followed): its current brief, every brief version, its articles' arrivals — as
        :meth:`brief`, :meth:`brief_history` and :meth:`article_arrivals` give them — and its
        articles (in arrival order), in one query instead of seven."""
        with self._db.read() as conn:
            return _story_page.story_page(conn, story_id)

    def list_stories(
        self,
        *,
        tag: str | None = None,
        query: str | None = None,
        since: datetime | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
        now: datetime | None = None,
    ) -> list[StoryRow]:
        """Briefed stories, ranked by :func:`glimpse.store.search.rank_score` at ``now``."""
        with self._db.read() as conn:
            return _search.list_stories(
                conn,
                tag=tag,
                query=query,
                since=since,
                outlet=outlet,
                limit=limit,
                offset=offset,
                now=now,
            )

    def count_stories(
        self,
        *,
        tag: str | None = None,
        query: str | None = None,
        since: datetime | None = None,
        outlet: str | None = None,
    ) -> int:
        with self._db.read() as conn:
            return _search.count_stories(conn, tag=tag, query=query, since=since, outlet=outlet)

    def tags(self) -> list[tuple[str, int]]:
        with self._db.read() as conn:
            return _search.tags(conn)

    def outlets(self) -> list[tuple[str, int]]:
        with self._db.read() as conn:
            return _search.outlets(conn)

    # the reader's desk: rows by id, thread subjects, places for sections

    def story_rows(self, ids: Sequence[str], now: datetime | None = None) -> list[StoryRow]:
        """Listing rows of the live, briefed stories among ``ids``, in their order."""
        with self._db.read() as conn:
            return _desk.story_rows(conn, ids, now)

    def story_subjects(
        self, tags: Sequence[str] | None = None
    ) -> list[tuple[str, tuple[str, ...], datetime | None]]:
        """(story, tags, first report) of live stories with any of ``tags`` (all when None)."""
        with self._db.read() as conn:
            return _desk.subjects(conn, tags)

    def tag_counts(self, tags: Sequence[str]) -> tuple[dict[str, int], int]:
        """Live stories per tag of ``tags``, and the number of live stories."""
        with self._db.read() as conn:
            return _desk.tag_counts(conn, tags)

    def story_places(self, ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """PLACE entity names of each story's current brief."""
        with self._db.read() as conn:
            return _desk.places(conn, ids)

    # what build precomputes for the desk: sections and threads (glimpse.store.links)

    def refresh_desk(self, options: DeskOptions | None = None) -> bool:
        """File every live story in its section and link its thread, for pages to read
        instead of computing per request; False (nothing done) when the stored links are
        current for ``options``."""
        from glimpse.publish.front import POOL
        from glimpse.publish.list_view import PER_PAGE
        from glimpse.sections import DeskOptions, options_key, section_of
        from glimpse.threads import link_all

        options = options or DeskOptions()
        key = options_key(options)
        with self._db.read() as conn:
            changes, links_at, stored_key = _links.state(conn)
            if links_at == changes and stored_key == key:
                return False
            stories = _links.desk_stories(conn)
            places = _desk.places(conn, [s.story for s in stories])
            # the front page's pool and first list page, as glimpse.serve.stored ranks them
            ranking = _links.ranking(conn, max(POOL, PER_PAGE), datetime.now(UTC))
        sections = {
            s.story: section_of(
                s.tags, s.headline, s.summary_text, places.get(s.story, ()), options
            )
            for s in stories
        }
        threads = link_all([s.subject for s in stories])
        with self._db.write() as conn:
            # computed from the snapshot at ``changes``: a write since leaves them stale
            _links.save(conn, changes, key, sections, threads, ranking)
        return True

    def stored_thread(self, story_id: str) -> Thread | None:
        """The thread ``build`` stored for a live story; None when stale or missing."""
        with self._db.read() as conn:
            return _links.thread(conn, story_id)

    def stored_thread_rows(
        self, story_id: str, now: datetime | None = None
    ) -> tuple[Thread, list[StoryRow]] | None:
        """:meth:`stored_thread` and the :meth:`story_rows` of the story and its thread
        (scored at ``now``), in one query on PostgreSQL; None when stale or missing."""
        with self._db.read() as conn:
            return _links.thread_rows(conn, story_id, now or datetime.now(UTC))

    def stored_front(
        self, options: DeskOptions | None = None, now: datetime | None = None
    ) -> tuple[list[StoryRow], dict[str, str], int] | None:
        """The front page's best-ranked rows as ``build`` ranked them (scored at ``now``),
        their sections under ``options`` and the listing's size; None when stale."""
        from glimpse.sections import DeskOptions, options_key

        key = options_key(options or DeskOptions())
        with self._db.read() as conn:
            return _links.front(conn, key, now or datetime.now(UTC))

    def stored_sections(
        self, ids: Sequence[str], options: DeskOptions | None = None
    ) -> dict[str, str] | None:
        """The sections ``build`` filed ``ids`` in under ``options``; None when stale."""
        from glimpse.sections import DeskOptions, options_key

        with self._db.read() as conn:
            return _links.sections(conn, ids, options_key(options or DeskOptions()))

    # runs, feeds

    def record_run(self, report: RunReport, command: str) -> int:
        with self._db.write() as conn:
            return _runs.record_run(conn, report, command)

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        with self._db.read() as conn:
            return _runs.feed_state(conn, url)

    def save_feed_state(
        self,
        url: str,
        etag: str | None,
        last_modified: str | None,
        items_seen: int | None = None,
    ) -> None:
        with self._db.write() as conn:
            _runs.save_feed_state(conn, url, etag, last_modified, items_seen)

    # the feed list

    def add_feed(self, url: str, title: str | None = None) -> bool:
        """List a feed; False when it was listed already (its title is updated if given)."""
        with self._db.write() as conn:
            return _runs.add_feed(conn, url, title)

    def remove_feed(self, url: str) -> bool:
        with self._db.write() as conn:
            return _runs.remove_feed(conn, url)

    def listed_feeds(self) -> list[FeedRow]:
        with self._db.read() as conn:
            return _runs.listed_feeds(conn)

    def note_failures(self, failures: dict[str, str]) -> None:
        """Listed feeds whose fetch failed in a run, with the error code."""
        with self._db.write() as conn:
            _runs.note_failures(conn, failures)
