"""The schema, changed only through registered, numbered migrations.

Each migration runs once, in order, inside its own write transaction together with the row
in ``migrations`` that records it; reopening a database runs only what is missing. To change
the schema, append a :class:`Migration` to :data:`MIGRATIONS` — never edit one that shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from glimpse.store.connection import Connection, now_stamp
from glimpse.store.dialect import Conn, is_pg, pg_ddl
from glimpse.store.pg import PgConnection
from glimpse.store.pg_schema import PG_FTS, PG_RANK
from glimpse.store.search import rank_key_sql, register


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: ``number`` orders it, ``apply`` runs its statements."""

    number: int
    name: str
    apply: Callable[[Conn], None]


def _run(conn: Conn, script: str) -> None:
    """Run ``;``-separated statements one by one (``executescript`` would commit early);
    on PostgreSQL, tables are created with its types (:func:`pg_ddl`)."""
    for statement in script.split(";\n"):
        if statement.strip():
            conn.execute(pg_ddl(statement) if is_pg(conn) else statement)


_INITIAL = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT,
    canonical_url TEXT,
    text_hash TEXT,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    source TEXT,
    published TEXT,
    fetched TEXT,
    stored_at TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_published ON articles(published, id);
CREATE TABLE article_urls (
    url TEXT PRIMARY KEY,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX article_urls_article ON article_urls(article);
CREATE TABLE features (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    entities TEXT NOT NULL DEFAULT '[]',
    keyphrases TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    vector BLOB,
    minhash BLOB
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    created_at TEXT,
    updated_at TEXT,
    merged_into TEXT REFERENCES stories(id),
    members TEXT NOT NULL DEFAULT '',
    brief_members TEXT,
    brief_version INTEGER,
    headline TEXT,
    summary_text TEXT,
    tags TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX stories_merged_into ON stories(merged_into);
CREATE INDEX stories_listing ON stories(brief_version, merged_into, updated_at);
CREATE TABLE assignments (
    article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story TEXT NOT NULL REFERENCES stories(id),
    assigned_at TEXT NOT NULL
);
CREATE INDEX assignments_story ON assignments(story, article);
CREATE TABLE story_tags (
    story TEXT NOT NULL REFERENCES stories(id),
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (story, tag)
);
CREATE INDEX story_tags_tag ON story_tags(tag, story);
CREATE TABLE brief_versions (
    story TEXT NOT NULL REFERENCES stories(id),
    version INTEGER NOT NULL,
    built_at TEXT NOT NULL,
    digest TEXT NOT NULL,
    json TEXT NOT NULL,
    article_ids TEXT NOT NULL,
    PRIMARY KEY (story, version)
);
CREATE TABLE cluster_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state BLOB,
    saved_at TEXT NOT NULL
);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    command TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    counts TEXT NOT NULL
);
CREATE TABLE skips (
    run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    record TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX skips_run ON skips(run);
CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL
)
"""

_FTS = (
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid', tokenize='porter unicode61'
    )""",
    """CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END""",
    """CREATE VIRTUAL TABLE briefs_fts USING fts5(
        story UNINDEXED, headline, summary, body, tags, tokenize='porter unicode61'
    )""",
)


def _initial(conn: Conn) -> None:
    _run(conn, _INITIAL)


def _fts(conn: Conn) -> None:
    """FTS5 tables on SQLite; tsvector columns with GIN indexes on PostgreSQL (pg_schema)."""
    for statement in PG_FTS if is_pg(conn) else _FTS:
        conn.execute(statement)


_COUNTS = """
ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN outlet_count INTEGER NOT NULL DEFAULT 0;
DROP INDEX articles_source;
CREATE INDEX articles_source_id ON articles(source, id);
CREATE INDEX articles_cover ON articles(id, source, published, stored_at);
UPDATE stories SET
    article_count = (SELECT COUNT(*) FROM assignments s WHERE s.story = stories.id),
    outlet_count = (
        SELECT COUNT(DISTINCT a.source) FROM assignments s JOIN articles a ON a.id = s.article
        WHERE s.story = stories.id
    )
"""


def _counts(conn: Conn) -> None:
    """Listings read story sizes from ``stories`` instead of aggregating articles per query;
    covering indexes keep joins by article id off the wide article rows (text, JSON)."""
    _run(conn, _COUNTS)


_FEED_LIST = """
ALTER TABLE feeds ADD COLUMN listed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN title TEXT;
ALTER TABLE feeds ADD COLUMN last_fetch TEXT;
ALTER TABLE feeds ADD COLUMN last_status TEXT;
ALTER TABLE feeds ADD COLUMN items_seen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feeds ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
UPDATE feeds SET last_fetch = checked_at, last_status = 'ok'
"""


def _feed_list(conn: Conn) -> None:
    """The user's feed list lives in ``feeds`` (``listed = 1``) beside the conditional-request
    state every fetched feed already had, so a listed feed keeps one row."""
    _run(conn, _FEED_LIST)


_DESK_VERSION = """
CREATE TABLE desk_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n INTEGER NOT NULL
);
INSERT INTO desk_version (id, n) VALUES (1, 0)
"""


def _desk_version(conn: Conn) -> None:
    """A counter every committed write bumps on PostgreSQL: ``serve``'s cache signal where
    there is no database file to watch (SQLite keeps using the file's size and time)."""
    _run(conn, _DESK_VERSION)


def _article_kind(conn: Conn) -> None:
    """``articles.kind``: ``article``, or ``headline`` for a title without a body (a feed item
    whose page could not be had, a JSON Lines row with only a title). Every article stored
    before this migration had a body, so the default is right for all of them."""
    _run(conn, "ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'article'")


_DESK_LINKS = """
CREATE TABLE story_links (
    story TEXT PRIMARY KEY,
    section TEXT NOT NULL,
    earlier TEXT NOT NULL DEFAULT '[]',
    later TEXT NOT NULL DEFAULT '[]',
    related TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE desk_links (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    story_changes INTEGER NOT NULL,
    links_at INTEGER,
    desk_key TEXT
);
INSERT INTO desk_links (id, story_changes, links_at, desk_key) VALUES (1, 0, NULL, NULL)
"""


def _desk_links(conn: Conn) -> None:
    """Each live story's section and thread, computed by ``build`` instead of per request,
    with the counter that tells a reader whether they are still current
    (:mod:`glimpse.store.links`). An existing desk has none until its next build."""
    _run(conn, _DESK_LINKS)


def _rank_key(conn: Conn) -> None:
    """``stories.rank_key``, the part of a story's front-page score that does not change with
    the clock (:func:`glimpse.store.search.rank_key_sql`), with an index: a listing's first
    pages are found by the index instead of scoring every story per request."""
    pg = is_pg(conn)
    if not pg:
        register(conn)  # type: ignore[arg-type]  # log2 where SQLite lacks it
    conn.execute("ALTER TABLE stories ADD COLUMN rank_key DOUBLE PRECISION")
    conn.execute("CREATE INDEX stories_rank_key ON stories(rank_key)")
    conn.execute(f"UPDATE stories SET rank_key = {rank_key_sql(pg)}")


def _front_ranks(conn: Conn) -> None:
    """The front page's ranked stories, stored by ``build`` beside sections and threads
    (``story_links.front_rank``, ``desk_links.front_total``; :mod:`glimpse.store.links`).
    The stored links are marked stale, so the next ``build`` computes them all once."""
    conn.execute("ALTER TABLE story_links ADD COLUMN front_rank INTEGER")
    # the few ranked stories, in rank order, without reading every story's links
    conn.execute(
        "CREATE INDEX story_links_front ON story_links(front_rank) WHERE front_rank IS NOT NULL"
    )
    conn.execute("ALTER TABLE desk_links ADD COLUMN front_total INTEGER")
    conn.execute("UPDATE desk_links SET links_at = NULL WHERE id = 1")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables", _initial),
    Migration(2, "full-text search over articles and briefs", _fts),
    Migration(3, "article and outlet counts on stories; covering article indexes", _counts),
    Migration(4, "feed list: listed feeds with title and fetch statistics", _feed_list),
    Migration(5, "desk version counter (the page cache signal on PostgreSQL)", _desk_version),
    Migration(6, "stored sections and threads of the reader's desk", _desk_links),
    Migration(7, "article kind: headline articles beside full ones", _article_kind),
    Migration(8, "stored rank key of stories, indexed, for the listings' first pages", _rank_key),
    Migration(9, "stored front-page ranking of the reader's desk", _front_ranks),
)


def applied(conn: Conn) -> list[int]:
    """Numbers of the migrations this database has run, in order."""
    rows = conn.execute("SELECT number FROM migrations ORDER BY number").fetchall()
    return [int(r[0]) for r in rows]


def migrate(
    connection: Connection | PgConnection, migrations: tuple[Migration, ...] = MIGRATIONS
) -> list[int]:
    """Run every registered migration not yet applied; returns the numbers that ran now.

    Each step re-reads what has run inside its write transaction, so two processes opening
    a new PostgreSQL database at once run every migration once (the write lock orders them).
    """
    ran: list[int] = []
    with connection.write() as conn:
        if is_pg(conn):
            conn.execute(PG_RANK)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations ("
            "number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
    for migration in sorted(migrations, key=lambda m: m.number):
        with connection.write() as conn:
            if migration.number in applied(conn):
                continue
            migration.apply(conn)
            conn.execute(
                "INSERT INTO migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (migration.number, migration.name, now_stamp()),
            )
            ran.append(migration.number)
    return ran
