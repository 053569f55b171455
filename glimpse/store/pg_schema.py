"""PostgreSQL-only statements: the search configuration, the search tables, the rank function.

Search must find the same stories as SQLite's FTS5 ``porter unicode61``. That tokenizer keeps
runs of letters and digits, lower-cases them, strips diacritics, stems English words and has
no stop words. PostgreSQL's ``english`` configuration drops stop words ("the", "over", "who")
and its parser keeps hosts, decimals and hyphenated compounds as single tokens, so it would
not. Here the text is first reduced in Python to the same words FTS5 would see
(:func:`search_text`: one function for documents and queries), and the ``glimpse``
configuration stems each word with the Snowball English stemmer *without* a stop-word list.
Snowball English (Porter 2) and FTS5's Porter stemmer agree on ordinary news vocabulary; the
fixed queries of ``tests/store/test_store_search_backends.py`` pin it.
"""

from __future__ import annotations

import re
import unicodedata

CONFIG = "glimpse"
_WORD = re.compile(r"[^\W_]+", re.UNICODE)  # unicode61 token characters: letters and digits

PG_FTS = (
    f"""CREATE TEXT SEARCH DICTIONARY {CONFIG}_stem (TEMPLATE = snowball, Language = english)""",
    f"""CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)""",
    f"""ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING
        FOR asciiword, word, numword, uint, int, sfloat, float, version,
            hword_part, hword_asciipart, hword_numpart
        WITH {CONFIG}_stem""",
    """CREATE TABLE articles_fts (
        article TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        doc TSVECTOR NOT NULL
    )""",
    "CREATE INDEX articles_fts_doc ON articles_fts USING GIN (doc)",
    """CREATE TABLE briefs_fts (
        story TEXT COLLATE "C" NOT NULL,
        headline TEXT, summary TEXT, body TEXT, tags TEXT,
        doc TSVECTOR NOT NULL
    )""",
    "CREATE INDEX briefs_fts_story ON briefs_fts (story)",
    "CREATE INDEX briefs_fts_doc ON briefs_fts USING GIN (doc)",
)

# rank_score() of glimpse.store.search in SQL (SQLite uses search.rank_sql's expression).
# log2 in float8 (ln/ln): PostgreSQL's two-argument log() is numeric-only, and 1,000 numeric
# logarithms made ranking a 1,000-story desk several times slower (replaced on every open).
PG_RANK = """CREATE OR REPLACE FUNCTION glimpse_rank(text, bigint, text)
RETURNS double precision LANGUAGE sql STABLE AS $$
SELECT 12.0::float8 * (ln(greatest(coalesce($2, 0), 1)::float8) / ln(2.0::float8))
     - CASE WHEN $1 IS NULL THEN 1e6::float8
       ELSE greatest(0::float8,
                     extract(epoch FROM ($3::timestamptz - $1::timestamptz))::float8 / 3600.0)
       END
$$"""


def _plain(word: str) -> str:
    """Lower case without diacritics, as unicode61 folds a token."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def search_text(*parts: str | None) -> str:
    """The words FTS5 would index in ``parts``, space-separated, folded."""
    return " ".join(_plain(w) for part in parts if part for w in _WORD.findall(part))


def tsquery(words: list[str]) -> str | None:
    """A ``to_tsquery`` text requiring every word: a word FTS5 would split (``foo_bar``,
    ``café`` → ``cafe``) becomes a phrase of its parts. Only letters and digits reach it."""
    terms = []
    for word in words:
        parts = search_text(word).split()
        if parts:
            terms.append("(" + " <-> ".join(parts) + ")")
    return " & ".join(terms) if terms else None
