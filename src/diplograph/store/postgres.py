"""The PostgreSQL store: the same schema, versions, SQL and answers as the SQLite store.

The tables are SQLite's (``sqlite.MIGRATIONS``) with PostgreSQL types: every text column
collates as ``"C"``, so that ordering and ``min``/``>`` on names compare code points as
SQLite does, and a ``REAL`` is a double. The shared SQL is written with ``?`` marks; the
``Connection`` here turns it into psycopg's, and rewrites the spellings PostgreSQL does not
know (``instr``, ``CROSS JOIN ... ON``, the ``+column`` planner hint, ``LIMIT -1``).
Schema v3 (full-text search) is PostgreSQL's own: GIN indexes on ``to_tsvector`` of the
accent-folded titles, text and names, instead of SQLite's FTS5 tables; from v5 the names
indexed are the distinct ones of ``entity_names`` rather than every mention's, and articles
keep the vector they are ranked by (``ranking``).

Writers take a transaction-scoped advisory lock, so saves and resolves run one at a time,
as SQLite's ``BEGIN IMMEDIATE`` makes them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from unicodedata import normalize

from diplograph.errors import MissingExtraError, SchemaError, StoreError
from diplograph.store import search
from diplograph.store.base import Row
from diplograph.store.search import _CLOSE, _OPEN, _WORD, MAX_TERMS, _marks
from diplograph.store.sqlite import _V1, _V2, _V4, _V5, _V6, _V7, SCHEMA_VERSION
from diplograph.store.writes import SQLStore

try:
    import psycopg
except ImportError:  # pragma: no cover - exercised only without the postgres extra
    psycopg = None  # type: ignore[assignment]

_LOCK = 0x6469706C  # "dipl": the advisory lock every writer holds
WRITES = "store_writes"  # the writes counter (schema v7); not one of the store's counts
_SEARCH_CONFIG = "'simple'"
_FOLD = "diplograph_fold"


def _ddl(statement: str) -> str:
    """A statement of SQLite's schema as PostgreSQL's."""
    statement = statement.replace(" WITHOUT ROWID", "").replace(", STRICT", "")
    statement = statement.replace(" STRICT", "")
    statement = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement)
    statement = re.sub(r"\bREAL\b", "DOUBLE PRECISION", statement)
    return re.sub(r"\bINTEGER\b", "BIGINT", statement)


def _v3(unaccent: bool) -> tuple[str, ...]:
    """Full-text search: a folding function (accents off when ``unaccent`` is there, then
    lower case, as FTS5's ``remove_diacritics``) and GIN indexes on what it folds."""
    body = (
        "lower(public.unaccent('public.unaccent'::regdictionary, $1))" if unaccent else "lower($1)"
    )
    return (
        f"CREATE OR REPLACE FUNCTION {_FOLD}(text) RETURNS text"
        f" LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT {body} $f$",
        f"CREATE INDEX IF NOT EXISTS article_search ON articles USING gin"
        f" (to_tsvector({_SEARCH_CONFIG}, {_FOLD}(coalesce(title, '') || ' ' || text)))",
        f"CREATE INDEX IF NOT EXISTS name_search ON mentions USING gin"
        f" (to_tsvector({_SEARCH_CONFIG}, {_FOLD}(name)))",
    )


MIGRATIONS: tuple[tuple[str, ...], ...] = (
    tuple(_ddl(s) for s in _V1),
    tuple(_ddl(s) for s in _V2),
    (),  # v3 depends on whether unaccent can be had: see ``_migrate``
    tuple(_ddl(s) for s in _V4),
    # v5; names are searched as v3 searched mentions, but each distinct name once, and an
    # article is ranked by a stored vector of its words (title weighted A), not one parsed
    # again from its text for every article a search matches (search).
    (
        *(_ddl(s) for s in _V5),
        f"ALTER TABLE articles ADD COLUMN IF NOT EXISTS ranking tsvector GENERATED ALWAYS AS"
        f" (setweight(to_tsvector({_SEARCH_CONFIG}, {_FOLD}(coalesce(title, ''))), 'A')"
        f" || to_tsvector({_SEARCH_CONFIG}, {_FOLD}(text))) STORED",
        f"CREATE INDEX IF NOT EXISTS entity_names_search ON entity_names USING gin"
        f" (to_tsvector({_SEARCH_CONFIG}, {_FOLD}(name)))",
        "DROP INDEX IF EXISTS name_search",
    ),
    tuple(_ddl(s) for s in _V6),
    # v7; and the order articles were stored in, by which a search ranks the last ``RANKED``
    # of its matches (search.py), as SQLite's FTS5 rowids give it.
    (
        *(_ddl(s) for s in _V7),
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS stored BIGINT GENERATED ALWAYS AS IDENTITY",
        # A counter every save and resolve moves on in its own transaction: what a reader
        # caching answers compares (``writes``; SQLite has ``PRAGMA data_version``).
        f"CREATE TABLE IF NOT EXISTS {WRITES} (n BIGINT NOT NULL)",
        f"INSERT INTO {WRITES} SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM {WRITES})",
    ),
)
assert len(MIGRATIONS) == SCHEMA_VERSION

_REWRITES = (
    (re.compile(r"\binstr\("), "strpos("),
    (re.compile(r"\bCROSS JOIN\b"), "JOIN"),
    (re.compile(r"\+(?=[a-z]+\.)"), ""),
    (re.compile(r"\bLIMIT \?"), "LIMIT NULLIF(?, -1)"),
)


@lru_cache(maxsize=512)
def translate(sql: str, marks: str) -> str:
    """The shared SQL as psycopg's: ``marks`` is ``?`` (to ``%s``), ``:`` (``:name`` to
    ``%(name)s``) or "" (no parameters)."""
    for pattern, replacement in _REWRITES:
        sql = pattern.sub(replacement, sql)
    if not marks:
        return sql
    sql = sql.replace("%", "%%")
    if marks == ":":
        return re.sub(r"(?<=[(\s,]):([a-z_]+)\b", r"%(\1)s", sql)
    return sql.replace("?", "%s")


class _Row(tuple):  # type: ignore[type-arg]
    """A row read by position (``r[0]``) and by column name (``r["name"]``), as sqlite3.Row."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> _Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], _Row]:
    names = [c.name for c in cursor.description or ()]
    index = {name: i for i, name in enumerate(names)}
    return lambda values: _Row(values, index)


class Connection:
    """A psycopg connection that speaks the shared SQL (``execute``/``executemany``)."""

    def __init__(self, conn: Any) -> None:
        self.raw = conn

    def execute(self, sql: str, params: Any = None) -> Any:
        cursor = self.raw.cursor(row_factory=_row_factory)
        if isinstance(params, dict):
            return cursor.execute(translate(sql, ":"), params)
        if not params:
            return cursor.execute(translate(sql, ""))
        return cursor.execute(translate(sql, "?"), params)

    def executemany(self, sql: str, rows: Sequence[Any]) -> None:
        if rows:
            marks = ":" if isinstance(rows[0], dict) else "?"
            self.raw.cursor().executemany(translate(sql, marks), rows)

    def close(self) -> None:
        self.raw.close()


_MODIFIER_LETTERS = re.compile("[\u02b0-\u02ff'’]")


def _tsquery(text: str) -> str | None:
    """The words of ``text`` as a ``to_tsquery`` string, as ``search.fts_query`` reads them:
    each whitespace-separated piece a phrase whose last word is a prefix, all required."""
    phrases = []
    for piece in text.split()[:MAX_TERMS]:
        # modifier letters ("ʼ", "ˈ", and "ŉ" holding one) are word characters that unaccent
        # folds into quotes, which would end a quoted word of the query early
        piece = piece.replace(_OPEN, " ").replace(_CLOSE, " ")
        piece = "".join(c for c in piece if not _MODIFIER_LETTERS.search(normalize("NFKD", c)))
        words = _WORD.findall(piece)
        if words:
            phrases.append(" <-> ".join(f"'{w}'" for w in words) + ":*")
    return " & ".join(f"({p})" for p in phrases) or None


_DOCUMENT = f"to_tsvector({_SEARCH_CONFIG}, {_FOLD}(coalesce(a.title, '') || ' ' || a.text))"
_NAME = f"to_tsvector({_SEARCH_CONFIG}, {_FOLD}(n.name))"
_HEADLINE = (
    f"'StartSel={_OPEN}, StopSel={_CLOSE}, MaxWords=24, MinWords=12, ShortWord=0,"
    " MaxFragments=1, FragmentDelimiter=…'"
)


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database, named by a ``postgresql://`` URL."""

    _errors: tuple[type[Exception], ...] = (psycopg.Error,) if psycopg else ()

    def __init__(self, url: str, *, shown: str | None = None, read_only: bool = False) -> None:
        """Connect to ``url`` and bring its schema up to date (``read_only``: refuse to,
        and make the session read-only). ``shown`` is the URL for messages (no password)."""
        self.location = shown or url
        if psycopg is None:
            raise MissingExtraError("PostgreSQL", "psycopg", "postgres")
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the database: {exc}", source=self.location) from exc
        self._conn = Connection(raw)
        try:
            self._setup(read_only)
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot open the database: {exc}", source=self.location) from exc
        except StoreError:
            self._conn.close()
            raise

    def _setup(self, read_only: bool) -> None:
        if read_only:
            self._conn.execute("SET default_transaction_read_only = on")
            version = self._version()
            if version != SCHEMA_VERSION:
                raise SchemaError(
                    f"the database has schema version {version}; this diplograph reads"
                    f" {SCHEMA_VERSION} (open it once with a diplograph command to upgrade it)",
                    source=self.location,
                )
            return
        self._migrate()

    # -- schema -----------------------------------------------------------------------------

    def _tables(self) -> set[str]:
        return {
            r[0]
            for r in self._conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            )
        }

    def _version(self) -> int:
        tables = self._tables()
        if "schema_version" not in tables:
            if {"articles", "actors", "events"} & tables:
                raise SchemaError("not a diplograph database", source=self.location)
            return 0
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        if row is None or row[0] is None:
            raise SchemaError("the schema version is missing", source=self.location)
        return int(row[0])

    def _migrate(self) -> None:
        with self._transaction():
            version = self._version()
            if version > SCHEMA_VERSION:
                raise SchemaError(
                    f"the database has schema version {version}; this diplograph reads up to "
                    f"{SCHEMA_VERSION} (upgrade diplograph)",
                    source=self.location,
                )
            if version == SCHEMA_VERSION:
                return
            migrations = list(MIGRATIONS)
            migrations[2] = _v3(self._unaccent())
            for migration in migrations[version:]:
                for statement in migration:
                    self._conn.execute(statement)
            self._conn.execute("DELETE FROM schema_version")
            self._conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
            if 1 <= version < 3:
                self._resolve_all()
            elif 3 <= version < 5:
                self._link_all()
                self._count_names()

    def _unaccent(self) -> bool:
        """Whether the ``unaccent`` extension is (or could be made) there, in ``public``."""
        row = self._conn.execute(
            "SELECT installed_version FROM pg_available_extensions WHERE name = 'unaccent'"
        ).fetchone()
        if row is None:
            return False
        if row[0] is None:
            self._conn.execute("SAVEPOINT unaccent")
            try:
                self._conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
            except psycopg.Error:  # not allowed to: search keeps its accents
                self._conn.execute("ROLLBACK TO SAVEPOINT unaccent")
                return False
        return True

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn.raw.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(?)", (_LOCK,))
            yield

    # -- reading ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {name: self._count(name) for name in sorted(self._tables() - {WRITES})}

    def writes(self) -> tuple[int, int]:
        """The database's oid (a database made again at the same URL is another) and how
        many saves and resolves have committed in it (schema v7), in one round trip."""
        row = self._rows(
            "SELECT (SELECT oid FROM pg_database WHERE datname = current_database())::bigint"
            f" AS db, n FROM {WRITES}"
        )[0]
        return int(row["db"]), int(row["n"])

    def usable(self) -> bool:
        return super().usable() and not (self._conn.raw.closed or self._conn.raw.broken)

    def _written(self) -> None:
        self._conn.execute(f"UPDATE {WRITES} SET n = n + 1")

    def search(self, text: str, *, limit: int = 20) -> Row:
        """As ``Store.search``, on PostgreSQL's full-text search: the same words match
        (accents folded, last word of each piece a prefix); ranked by ``ts_rank``."""
        query = _tsquery(text)
        if query is None:
            return {"articles": [], "actors": []}
        q = f"to_tsquery({_SEARCH_CONFIG}, {_FOLD}(?))"
        # The last RANKED matches stored, ranked (each read once: id, order and vector),
        # then the best alone read whole, for a headline.
        articles = self._rows(
            f"""WITH q AS (SELECT {q} AS q),
                 last AS (SELECT a.id, a.ranking FROM articles a, q WHERE {_DOCUMENT} @@ q.q
                   ORDER BY a.stored DESC LIMIT ?),
                 best AS (SELECT last.id, ts_rank(last.ranking, q.q) AS score FROM last, q
                   ORDER BY score DESC, last.id LIMIT ?)
               SELECT a.id, a.title, a.published,
                 ts_headline({_SEARCH_CONFIG},
                   CASE WHEN to_tsvector({_SEARCH_CONFIG}, {_FOLD}(a.text)) @@ q.q
                     THEN a.text ELSE coalesce(a.title, '') END, q.q, {_HEADLINE}) AS snippet
               FROM best JOIN articles a ON a.id = best.id, q
               ORDER BY best.score DESC, best.id""",
            [query, max(search.RANKED, limit), limit],
        )
        for article in articles:
            article["snippet"], article["marks"] = _marks(article["snippet"])
        # A mention's rank depends on its name alone: names are matched and ranked once each,
        # and an actor counts the mentions giving it each name (entity_names.units).
        ids = self._rows(
            f"""WITH q AS (SELECT {q} AS q)
               SELECT n.entity_id AS id FROM q, entity_names n WHERE {_NAME} @@ q.q
               GROUP BY n.entity_id
               ORDER BY max(ts_rank({_NAME}, q.q)) DESC, sum(n.units) DESC, n.entity_id
               LIMIT ?""",
            [query, limit],
        )
        return {"articles": articles, "actors": self._actors_by_id([r["id"] for r in ids])}
