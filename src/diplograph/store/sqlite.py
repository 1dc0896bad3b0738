"""The SQLite store: one file the user owns and other tools (datasette, sqlite3) can open.

WAL mode, foreign keys on, every article written in one transaction, bound parameters only.
The schema is versioned in ``schema_version``; ``MIGRATIONS[n]`` takes a database from
version ``n`` to ``n + 1``, so a database made by an older diplograph is brought up to date
and one made by a newer diplograph is refused with a ``SchemaError``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diplograph.errors import SchemaError, StoreError
from diplograph.store.links import COUNT_MONTHS
from diplograph.store.writes import SQLStore

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
# v3: full-text search (store/search.py) over article titles and text and the names articles
# give actors. The FTS5 tables keep their own copy, filled by triggers, so that any writer
# (and VACUUM, which may renumber rowids) leaves them in step; IF NOT EXISTS and the NOT
# EXISTS guards make the step a no-op on a database that already has them.
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2'"
_ARTICLE_SEARCH_ROW = "(article_id, title, text) VALUES ({0}.id, coalesce({0}.title, ''), {0}.text)"
_V3 = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search"
    f" USING fts5(article_id UNINDEXED, title, text, {_TOKENIZE})",
    "CREATE VIRTUAL TABLE IF NOT EXISTS name_search"
    f" USING fts5(article_id UNINDEXED, actor_id UNINDEXED, name, {_TOKENIZE})",
    "CREATE TRIGGER IF NOT EXISTS articles_search_insert AFTER INSERT ON articles BEGIN"
    f" INSERT INTO article_search {_ARTICLE_SEARCH_ROW.format('new')}; END",
    "CREATE TRIGGER IF NOT EXISTS articles_search_update AFTER UPDATE OF title, text"
    " ON articles BEGIN DELETE FROM article_search WHERE article_id = old.id;"
    f" INSERT INTO article_search {_ARTICLE_SEARCH_ROW.format('new')}; END",
    # Mentions go with their article (ON DELETE CASCADE), so the article's trigger drops both.
    "CREATE TRIGGER IF NOT EXISTS articles_search_delete AFTER DELETE ON articles BEGIN"
    " DELETE FROM article_search WHERE article_id = old.id;"
    " DELETE FROM name_search WHERE article_id = old.id; END",
    "CREATE TRIGGER IF NOT EXISTS mentions_search_insert AFTER INSERT ON mentions BEGIN"
    " INSERT INTO name_search (article_id, actor_id, name)"
    " VALUES (new.article_id, new.actor_id, new.name); END",
    "INSERT INTO article_search (article_id, title, text)"
    " SELECT id, coalesce(title, ''), text FROM articles"
    " WHERE NOT EXISTS (SELECT 1 FROM article_search)",
    "INSERT INTO name_search (article_id, actor_id, name)"
    " SELECT article_id, actor_id, name FROM mentions"
    " WHERE NOT EXISTS (SELECT 1 FROM name_search)",
)
# v4: indexes for the read side (store/reads.py, views.py): events are chosen by their
# participants' countries and resolved actors through these, never by a scan of every
# resolved event. IF NOT EXISTS: a no-op where an index is already there.
_V4 = (
    "CREATE INDEX IF NOT EXISTS entities_country ON entities (country)",
    "CREATE INDEX IF NOT EXISTS entities_acronym ON entities (acronym)",
    "CREATE INDEX IF NOT EXISTS entities_name ON entities (name)",
)
# v5: the resolved events each country and each resolved actor takes part in (links.py,
# kept with the events), with the event's day, type and status, so that the read side finds
# a country's or an actor's events in one index range, and with the event's sides at both
# graph levels (``sides``, ``actors``: JSON), so that the network of a country's events is
# read from that range alone; and the names of each resolved actor (names.py). Rows of one
# key are stored together (WITHOUT ROWID: the table is its primary key). The migration
# fills them from the resolved rows.
_WITHOUT_ROWID = " WITHOUT ROWID" + (", STRICT" if _STRICT else "")
_LINK_COLUMNS = (
    "cluster_id TEXT NOT NULL, day TEXT, type TEXT NOT NULL, status TEXT NOT NULL,"
    " sides TEXT NOT NULL, actors TEXT NOT NULL"
)
_V5 = (
    f"CREATE TABLE IF NOT EXISTS event_countries (country TEXT NOT NULL, {_LINK_COLUMNS},"
    f" PRIMARY KEY (country, cluster_id)){_WITHOUT_ROWID}",
    f"CREATE TABLE IF NOT EXISTS event_actors (entity_id TEXT NOT NULL, {_LINK_COLUMNS},"
    f" PRIMARY KEY (entity_id, cluster_id)){_WITHOUT_ROWID}",
    # (key, day, type) also counts a key's events by day and type without a sort (timeline);
    # (country, sides) adds up a country's network (views.py) the same way.
    "CREATE INDEX IF NOT EXISTS event_countries_day ON event_countries (country, day, type)",
    "CREATE INDEX IF NOT EXISTS event_countries_sides ON event_countries (country, sides)",
    "CREATE INDEX IF NOT EXISTS event_countries_cluster ON event_countries (cluster_id)",
    "CREATE INDEX IF NOT EXISTS event_actors_day ON event_actors (entity_id, day, type)",
    "CREATE INDEX IF NOT EXISTS event_actors_cluster ON event_actors (cluster_id)",
    # Every name articles give each resolved actor, with how many members give it (names.py).
    "CREATE TABLE IF NOT EXISTS entity_names (entity_id TEXT NOT NULL, name TEXT NOT NULL,"
    " folded TEXT NOT NULL, units INTEGER NOT NULL,"
    f" PRIMARY KEY (entity_id, name)){_WITHOUT_ROWID}",
    "CREATE INDEX IF NOT EXISTS entity_names_name ON entity_names (name)",
    # Names are matched through entity_names now, not every mention's folded name.
    "DROP INDEX IF EXISTS mentions_folded",
    # An actor's members by article: its articles counted off the index (reads.py).
    "DROP INDEX IF EXISTS entity_members_entity",
    "CREATE INDEX IF NOT EXISTS entity_members_articles"
    " ON entity_members (entity_id, article_id, actor_id)",
)
# The link tables' day indexes carry the status too: a timeline apart by status (what
# happened, what is planned) is counted off the index, as the one by type was.
_V6 = (
    "DROP INDEX IF EXISTS event_countries_day",
    "CREATE INDEX IF NOT EXISTS event_countries_day"
    " ON event_countries (country, day, type, status)",
    "DROP INDEX IF EXISTS event_actors_day",
    "CREATE INDEX IF NOT EXISTS event_actors_day ON event_actors (entity_id, day, type, status)",
)
# v7: the resolved events counted by month, type and status, of the whole store, of each
# country and of each resolved actor (links.py), kept with the link rows: a timeline reads
# these counts. The migration counts the stored events.
_V7 = (
    "CREATE TABLE IF NOT EXISTS event_months (link TEXT NOT NULL, key TEXT NOT NULL,"
    " month TEXT NOT NULL, type TEXT NOT NULL, status TEXT NOT NULL, events INTEGER NOT NULL,"
    f" PRIMARY KEY (link, key, month, type, status)){_WITHOUT_ROWID}",
    "DELETE FROM event_months",
    *(f"INSERT INTO event_months {sql.replace('{where}', '')}" for sql in COUNT_MONTHS),
)
# v7, SQLite's own: a resolved actor's names are searched in ``entity_names`` itself, each
# of its rows once (an FTS5 index on them, kept by triggers), no longer in a copy of every
# mention's name, which for a common name meant reading thousands of rows to rank a few
# names (and which an article's deletion scanned whole). The rows get a rowid for the index.
_V7_NAMES = (
    "CREATE TABLE entity_names_v7 (nid INTEGER PRIMARY KEY, entity_id TEXT NOT NULL,"
    " name TEXT NOT NULL, folded TEXT NOT NULL, units INTEGER NOT NULL,"
    f" UNIQUE (entity_id, name)){_STRICT}",
    "INSERT INTO entity_names_v7 (entity_id, name, folded, units)"
    " SELECT entity_id, name, folded, units FROM entity_names ORDER BY entity_id, name",
    "DROP TABLE entity_names",
    "ALTER TABLE entity_names_v7 RENAME TO entity_names",
    "CREATE INDEX entity_names_name ON entity_names (name)",
)
_NAME_ROW = "(rowid, name) VALUES ({0}.nid, {0}.name)"
_NAME_GONE = "(entity_name_search, rowid, name) VALUES ('delete', {0}.nid, {0}.name)"
_V7_SEARCH = (
    "DROP TRIGGER IF EXISTS mentions_search_insert",
    "DROP TRIGGER IF EXISTS articles_search_delete",
    "DROP TABLE IF EXISTS name_search",
    "CREATE TRIGGER IF NOT EXISTS articles_search_delete AFTER DELETE ON articles BEGIN"
    " DELETE FROM article_search WHERE article_id = old.id; END",
    "CREATE VIRTUAL TABLE IF NOT EXISTS entity_name_search USING fts5(name,"
    f" content = 'entity_names', content_rowid = 'nid', {_TOKENIZE})",
    "CREATE TRIGGER IF NOT EXISTS entity_names_search_insert AFTER INSERT ON entity_names BEGIN"
    f" INSERT INTO entity_name_search {_NAME_ROW.format('new')}; END",
    "CREATE TRIGGER IF NOT EXISTS entity_names_search_delete AFTER DELETE ON entity_names BEGIN"
    f" INSERT INTO entity_name_search {_NAME_GONE.format('old')}; END",
    "CREATE TRIGGER IF NOT EXISTS entity_names_search_update AFTER UPDATE OF name"
    " ON entity_names BEGIN"
    f" INSERT INTO entity_name_search {_NAME_GONE.format('old')};"
    f" INSERT INTO entity_name_search {_NAME_ROW.format('new')}; END",
    "INSERT INTO entity_name_search (entity_name_search) VALUES ('rebuild')",
)
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    _V1,
    _V2,
    _V3,
    _V4,
    _V5,
    _V6,
    (*_V7, *_V7_NAMES, *_V7_SEARCH),
)
# What only an SQLite with FTS5 runs; without it, search falls back to substrings.
_NEEDS_FTS5 = frozenset((*_V3, *_V7_SEARCH))
SCHEMA_VERSION = len(MIGRATIONS)
_WRITER_CACHE_KIB = 256 * 1024
# The search tables and the FTS5 shadow tables behind them; ``counts`` leaves them out.
SEARCH_TABLES = ("article_search", "entity_name_search")


class SQLiteStore(SQLStore):
    """A store in one SQLite file (or ``:memory:``)."""

    _errors = (sqlite3.Error,)

    def __init__(self, path: str, *, create: bool = True, read_only: bool = False) -> None:
        """Open (or, with ``create``, make) the database at ``path``.

        ``read_only`` opens an existing file with ``mode=ro`` and ``PRAGMA query_only``, for
        readers that must never write (the web app): no migration, and a database that needs
        one is a ``SchemaError``. Such a connection may be used from another thread than the
        one that opened it, one thread at a time.
        """
        self.location = path
        if Path(path).is_dir():
            raise StoreError("a directory, not a database file", source=path)
        if path != ":memory:" and (read_only or not create) and not Path(path).is_file():
            raise StoreError("no database here; ingest some articles first", source=path)
        if path != ":memory:" and not Path(path).parent.is_dir():
            raise StoreError(f"no folder {str(Path(path).parent)!r} to hold it", source=path)
        try:
            if read_only:
                uri = Path(path).resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(
                    uri, uri=True, isolation_level=None, check_same_thread=False
                )
            else:
                self._conn = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the database: {exc}", source=path) from exc
        self._conn.row_factory = sqlite3.Row
        try:
            self._setup(read_only)
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot open the database: {exc}", source=path) from exc
        except StoreError:
            self._conn.close()
            raise

    def _setup(self, read_only: bool) -> None:
        self._conn.execute("PRAGMA busy_timeout = 5000")
        if read_only:
            self._conn.execute("PRAGMA query_only = ON")
            version = self._version()
            if version != SCHEMA_VERSION:
                raise SchemaError(
                    f"the database has schema version {version}; this diplograph reads"
                    f" {SCHEMA_VERSION} (open it once with a diplograph command to upgrade it)",
                    source=self.location,
                )
            return
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA journal_mode = WAL")
        # In WAL mode NORMAL keeps every transaction atomic; it only risks the last
        # commits on power loss, and makes a save per article far cheaper than FULL.
        self._conn.execute("PRAGMA synchronous = NORMAL")
        # A resolve rewrites every resolved row of the store; past a few hundred thousand
        # events its indexes outgrow SQLite's default 2 MiB page cache (pages are only
        # taken as needed, so a small store never uses this much).
        self._conn.execute(f"PRAGMA cache_size = -{_WRITER_CACHE_KIB}")
        self._migrate()

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
            fts5 = self._has_fts5()
            for migration in MIGRATIONS[version:]:
                # v7's search index goes with v3's: a store made without FTS5 keeps searching
                # by substring, even when an SQLite with FTS5 upgrades it.
                if migration[-1] == _V7_SEARCH[-1] and not self._has_table("article_search"):
                    migration = tuple(s for s in migration if s not in _V7_SEARCH)
                for statement in migration:
                    if fts5 or statement not in _NEEDS_FTS5:
                        self._conn.execute(statement)
            self._conn.execute("DELETE FROM schema_version")
            self._conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
            if 1 <= version < 3:  # articles stored before the resolved layer existed
                self._resolve_all()
            elif 3 <= version < 5:  # resolved before events were linked and names counted
                self._link_all()
                self._count_names()

    def _has_table(self, name: str) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE name = ?"
        return self._conn.execute(query, (name,)).fetchone() is not None

    def _has_fts5(self) -> bool:
        try:
            self._conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        except sqlite3.OperationalError:
            return False
        self._conn.execute("DROP TABLE temp.fts5_probe")
        return True

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

    # -- reading ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        tables = self._rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
        tables = [t for t in tables if not t["name"].startswith(SEARCH_TABLES)]
        return {t["name"]: self._count(t["name"]) for t in tables}
