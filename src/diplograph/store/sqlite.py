"""The SQLite store: one file the user owns and other tools (datasette, sqlite3) can open.

WAL mode, foreign keys on, every article written in one transaction, bound parameters only.
The schema is versioned in ``schema_version``; ``MIGRATIONS[n]`` takes a database from
version ``n`` to ``n + 1``, so a database made by an older diplograph is brought up to date
and one made by a newer diplograph is refused with a ``SchemaError``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from diplograph.errors import SchemaError, StoreError
from diplograph.models import Extraction
from diplograph.store.base import Row, Store
from diplograph.store.reads import Reads
from diplograph.store.resolution import Resolution
from diplograph.store.rows import ArticleRows, article_rows

# STRICT tables refuse a value of the wrong type instead of storing it (SQLite 3.37+).
_STRICT = " STRICT" if sqlite3.sqlite_version_info >= (3, 37, 0) else ""

_V1 = tuple(
    statement.replace(") STRICT", ")" + _STRICT)
    for statement in (
        "CREATE TABLE schema_version (version INTEGER NOT NULL) STRICT",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, source TEXT NOT NULL, idx INTEGER NOT NULL, title TEXT,
            published TEXT, url TEXT, text TEXT NOT NULL, metadata TEXT NOT NULL,
            digest TEXT NOT NULL, ingested_at TEXT NOT NULL) STRICT""",
        """CREATE TABLE actors (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, folded TEXT NOT NULL,
            country TEXT, org TEXT, acronym TEXT) STRICT""",
        """CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL REFERENCES actors(id),
            name TEXT NOT NULL, folded TEXT NOT NULL, title TEXT, country TEXT, org TEXT,
            PRIMARY KEY (article_id, actor_id, name)) STRICT""",
        """CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, date TEXT,
            day TEXT, place TEXT, cameo TEXT, goldstein REAL, plover_type TEXT,
            plover_mode TEXT, codes_version TEXT, topics TEXT NOT NULL) STRICT""",
        """CREATE TABLE event_participants (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, actor_id TEXT NOT NULL REFERENCES actors(id),
            kind TEXT NOT NULL, name TEXT NOT NULL, country TEXT, org TEXT, role TEXT NOT NULL,
            PRIMARY KEY (event_id, position)) STRICT""",
        """CREATE TABLE evidence (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, PRIMARY KEY (event_id, position)) STRICT""",
        "CREATE INDEX articles_published ON articles (published)",
        "CREATE INDEX actors_folded ON actors (folded)",
        "CREATE INDEX mentions_actor ON mentions (actor_id)",
        "CREATE INDEX mentions_folded ON mentions (folded)",
        "CREATE INDEX events_day ON events (day)",
        "CREATE INDEX events_type_day ON events (type, day)",
        "CREATE INDEX events_status_day ON events (status, day)",
        "CREATE INDEX events_article ON events (article_id)",
        "CREATE INDEX participants_actor ON event_participants (actor_id)",
        "CREATE INDEX participants_country ON event_participants (country)",
    )
)
# v2: the resolved layer (store/resolution.py): actors across articles, events across outlets.
_V2 = tuple(
    statement.replace(") STRICT", ")" + _STRICT)
    for statement in (
        """CREATE TABLE resolve_keys (
            key TEXT NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL, PRIMARY KEY (key, article_id, actor_id)) STRICT""",
        """CREATE TABLE entities (
            id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, folded TEXT NOT NULL,
            country TEXT, org TEXT, acronym TEXT, search TEXT NOT NULL) STRICT""",
        """CREATE TABLE entity_members (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL, entity_id TEXT NOT NULL,
            PRIMARY KEY (article_id, actor_id)) STRICT""",
        """CREATE TABLE entity_links (
            entity_id TEXT NOT NULL, position INTEGER NOT NULL, rule TEXT NOT NULL,
            name TEXT NOT NULL, other TEXT NOT NULL, evidence TEXT NOT NULL,
            PRIMARY KEY (entity_id, position)) STRICT""",
        """CREATE TABLE offices (
            entity_id TEXT NOT NULL, position INTEGER NOT NULL, title TEXT NOT NULL,
            country TEXT, org TEXT, first_seen TEXT, last_seen TEXT, articles INTEGER NOT NULL,
            PRIMARY KEY (entity_id, position)) STRICT""",
        """CREATE TABLE event_clusters (
            id TEXT PRIMARY KEY, signature TEXT NOT NULL, type TEXT NOT NULL,
            status TEXT NOT NULL, date TEXT, day TEXT, place TEXT, lead_event TEXT NOT NULL,
            num_sources INTEGER NOT NULL, num_articles INTEGER NOT NULL,
            num_reports INTEGER NOT NULL) STRICT""",
        """CREATE TABLE cluster_members (
            event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
            cluster_id TEXT NOT NULL, signature TEXT NOT NULL) STRICT""",
        "CREATE INDEX resolve_keys_unit ON resolve_keys (article_id, actor_id)",
        "CREATE INDEX entities_folded ON entities (folded)",
        "CREATE INDEX entity_members_entity ON entity_members (entity_id)",
        "CREATE INDEX event_clusters_day ON event_clusters (day)",
        "CREATE INDEX event_clusters_type_day ON event_clusters (type, day)",
        "CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id)",
        "CREATE INDEX cluster_members_signature ON cluster_members (signature)",
    )
)
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)

_INSERTS = {
    "articles": "id source idx title published url text metadata digest ingested_at",
    "actors": "id kind name folded country org acronym",
    "mentions": "article_id actor_id name folded title country org",
    "events": "id article_id position type status date day place cameo goldstein plover_type "
    "plover_mode codes_version topics",
    "event_participants": "event_id position actor_id kind name country org role",
    "evidence": "event_id position text start end",
}
# A later article fills in what an earlier one left unknown; it never overwrites.
_ACTOR_UPSERT = (
    " ON CONFLICT (id) DO UPDATE SET country = coalesce(actors.country, excluded.country),"
    " org = coalesce(actors.org, excluded.org),"
    " acronym = coalesce(actors.acronym, excluded.acronym)"
)
_CHUNK = 500


def _in_chunks(ids: list[str]) -> Iterator[tuple[list[str], str]]:
    """Slices of ``ids`` small enough for one ``IN (?, ...)``, each with its placeholders."""
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        yield chunk, ", ".join("?" * len(chunk))


def _insert_sql(table: str, suffix: str = "") -> str:
    columns = _INSERTS[table].split()
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f":{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({values}){suffix}"


class SQLiteStore(Resolution, Reads, Store):
    """A store in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str, *, create: bool = True) -> None:
        self.location = path
        if path != ":memory:" and not create and not Path(path).is_file():
            raise StoreError("no database here; ingest some articles first", source=path)
        try:
            self._conn = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database: {exc}", source=path) from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 5000")
            self._conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL keeps every transaction atomic; it only risks the last
            # commits on power loss, and makes a save per article far cheaper than FULL.
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot open the database: {exc}", source=path) from exc
        except StoreError:
            self._conn.close()
            raise

    # -- schema -----------------------------------------------------------------------------

    def _version(self) -> int:
        tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master")}
        if "schema_version" not in tables:
            if {"articles", "actors", "events"} & tables:
                raise SchemaError("not a diplograph database", source=self.location)
            return 0
        row = self._conn.execute("SELECT max(version) FROM schema_version").fetchone()
        if row is None or row[0] is None:
            raise SchemaError("the schema version is missing", source=self.location)
        return int(row[0])

    def _migrate(self) -> None:
        version = self._version()
        if version > SCHEMA_VERSION:
            raise SchemaError(
                f"the database has schema version {version}; this diplograph reads up to "
                f"{SCHEMA_VERSION} (upgrade diplograph)",
                source=self.location,
            )
        if version == SCHEMA_VERSION:
            return
        with self._transaction():
            for migration in MIGRATIONS[version:]:
                for statement in migration:
                    self._conn.execute(statement)
            self._conn.execute("DELETE FROM schema_version")
            self._conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
            if version >= 1:  # articles stored before the resolved layer existed
                self._resolve_all()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- writing ----------------------------------------------------------------------------

    def save(self, extraction: Extraction) -> bool:
        rows = article_rows(extraction)
        try:
            with self._transaction():
                return self._write(rows)
        except sqlite3.Error as exc:
            raise StoreError(
                f"cannot save article {extraction.article.id}: {exc}", source=self.location
            ) from exc

    def _write(self, rows: ArticleRows) -> bool:
        aid = rows.article["id"]
        found = self._conn.execute("SELECT digest FROM articles WHERE id = ?", (aid,)).fetchone()
        if found is not None and found[0] == rows.article["digest"]:
            return False
        previous = None
        if found is not None:
            previous = self._previous(aid)
            self._delete_article(aid)
        c = self._conn
        c.execute(_insert_sql("articles"), rows.article)
        c.executemany(_insert_sql("actors", _ACTOR_UPSERT), list(rows.actors.values()))
        c.executemany(_insert_sql("mentions"), list(rows.mentions.values()))
        c.executemany(_insert_sql("events"), rows.events)
        c.executemany(_insert_sql("event_participants"), rows.participants)
        c.executemany(_insert_sql("evidence"), rows.evidence)
        self._resolve_article(aid, previous)
        return found is None

    def _delete_article(self, article_id: str) -> None:
        """Drop an article and what hangs on it, and the actors nothing else refers to."""
        actor_ids = [
            (r[0],)
            for r in self._conn.execute(
                "SELECT actor_id FROM mentions WHERE article_id = ? UNION"
                " SELECT p.actor_id FROM event_participants p"
                " JOIN events e ON e.id = p.event_id WHERE e.article_id = ?",
                (article_id, article_id),
            )
        ]
        self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self._conn.executemany(
            "DELETE FROM actors WHERE id = ?1"
            " AND NOT EXISTS (SELECT 1 FROM mentions WHERE actor_id = ?1)"
            " AND NOT EXISTS (SELECT 1 FROM event_participants WHERE actor_id = ?1)",
            actor_ids,
        )

    # -- reading ----------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            return [dict(r) for r in self._conn.execute(sql, params)]
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read the database: {exc}", source=self.location) from exc

    def counts(self) -> dict[str, int]:
        tables = self._rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
        return {
            t["name"]: self._rows(f'SELECT count(*) AS n FROM "{t["name"]}"')[0]["n"]
            for t in tables
        }

    def list_articles(self, *, limit: int | None = None, offset: int = 0) -> list[Row]:
        return self._rows(
            """SELECT a.id, a.source, a.idx AS "index", a.title, a.published, a.url,
                 (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events
               FROM articles a
               ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?""",
            [-1 if limit is None else limit, offset],
        )

    def resolve(self) -> dict[str, int]:
        try:
            with self._transaction():
                return self._resolve_all()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot resolve: {exc}", source=self.location) from exc

    def close(self) -> None:
        self._conn.close()
