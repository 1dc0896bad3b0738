"""What every SQL backend shares: writing an article's rows, replacing one, reading rows.

The SQL here (and in ``reads``, ``views``, ``resolution``) is written once, in the dialect
SQLite and PostgreSQL both accept: ``?`` placeholders, ``ON CONFLICT`` upserts, ``"end"``
quoted. The PostgreSQL connection (``postgres.py``) rewrites the few spellings that differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import Any

from diplograph.errors import StoreError
from diplograph.models import Extraction
from diplograph.store.base import Row, Store
from diplograph.store.resolution import Resolution
from diplograph.store.rows import ArticleRows, article_rows
from diplograph.store.search import Search
from diplograph.store.views import Views

INSERTS = {
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


@lru_cache(maxsize=64)
def insert_sql(table: str, suffix: str = "") -> str:
    """``INSERT`` of one row of ``table`` from a dict keyed by column (``:name`` marks)."""
    columns = INSERTS[table].split()
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(f":{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({values}){suffix}"


class SQLStore(Resolution, Search, Views, Store):
    """The body of a SQL store; a backend gives it ``_conn``, ``_transaction`` and ``_errors``."""

    _errors: tuple[type[Exception], ...] = ()
    _closed = False

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # -- writing ----------------------------------------------------------------------------

    def save(self, extraction: Extraction) -> bool:
        rows = article_rows(extraction)
        try:
            with self._transaction():
                return self._write(rows)
        except self._errors as exc:
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
        c.execute(insert_sql("articles"), rows.article)
        c.executemany(insert_sql("actors", _ACTOR_UPSERT), list(rows.actors.values()))
        c.executemany(insert_sql("mentions"), list(rows.mentions.values()))
        c.executemany(insert_sql("events"), rows.events)
        c.executemany(insert_sql("event_participants"), rows.participants)
        c.executemany(insert_sql("evidence"), rows.evidence)
        self._resolve_article(aid, previous)
        self._written()
        return found is None

    def _delete_article(self, article_id: str) -> None:
        """Drop an article and what hangs on it, and the actors nothing else refers to."""
        actor_ids = [
            (r[0], r[0], r[0])
            for r in self._conn.execute(
                "SELECT actor_id FROM mentions WHERE article_id = ? UNION"
                " SELECT p.actor_id FROM event_participants p"
                " JOIN events e ON e.id = p.event_id WHERE e.article_id = ?",
                (article_id, article_id),
            )
        ]
        self._conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self._conn.executemany(
            "DELETE FROM actors WHERE id = ?"
            " AND NOT EXISTS (SELECT 1 FROM mentions WHERE actor_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM event_participants WHERE actor_id = ?)",
            actor_ids,
        )

    def resolve(self) -> dict[str, int]:
        try:
            with self._transaction():
                self._written()
                return self._resolve_all()
        except self._errors as exc:
            raise StoreError(f"cannot resolve: {exc}", source=self.location) from exc

    def _written(self) -> None:
        """Mark, in the writing transaction, that the data changed (PostgreSQL's counter;
        SQLite tells readers by itself)."""

    # -- reading ----------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        try:
            return [dict(r) for r in self._conn.execute(sql, params)]
        except self._errors as exc:
            raise StoreError(f"cannot read the database: {exc}", source=self.location) from exc

    def _count(self, table: str) -> int:
        return int(self._rows(f'SELECT count(*) AS n FROM "{table}"')[0]["n"])

    def list_articles(self, *, limit: int | None = None, offset: int = 0) -> list[Row]:
        return self._rows(
            """SELECT a.id, a.source, a.idx AS "index", a.title, a.published, a.url,
                 (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events
               FROM articles a
               ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?""",
            [-1 if limit is None else limit, offset],
        )

    def count_articles(self) -> int:
        return self._count("articles")

    def close(self) -> None:
        self._closed = True
        self._conn.close()

    def usable(self) -> bool:
        return not self._closed
