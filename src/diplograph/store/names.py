"""Every name articles give each resolved actor, counted (schema v5).

``entity_names`` holds a row per resolved actor and name that an article gives one of its
members (``mentions`` joined to ``entity_members``), with ``units``: how many members, each
an (article, surface actor), give it. The read side finds actors by any name articles give
them (``reads._ENTITY_MATCH``), lists their other names and ranks them in a search
(``search.py``) from these few rows, instead of visiting every mention, which for a country
is one per article.

A save moves some members from one resolved actor to another (or in, or out, with their
article); ``resolution.py`` counts their names down on the old actor and up on the new
one, and a row goes when its count reaches zero. A whole resolve counts afresh and writes
the differences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

# A member's names: (name, folded) of each mention of it.
Names = list[tuple[str, str]]
# A member moving from one resolved actor to another (None: from or to no actor).
Move = tuple[str | None, str | None, Names]


class NameCounts:
    """Keeps ``entity_names`` in step with ``entity_members``."""

    # A connection as in ``Resolution``: ``execute``/``executemany`` with ``?`` marks.
    _conn: Any

    def _count_names(self) -> None:
        """Count every resolved actor's names afresh, changing only the rows whose count
        changed: a resolve that finds what is stored leaves them (and SQLite's index of
        them, which numbers them) as they are."""
        self._conn.execute("DROP TABLE IF EXISTS counted_names")
        self._conn.execute(
            "CREATE TEMPORARY TABLE counted_names AS"
            " SELECT em.entity_id, m.name, m.folded, count(*) AS units FROM mentions m"
            " JOIN entity_members em ON em.article_id = m.article_id AND em.actor_id = m.actor_id"
            " GROUP BY em.entity_id, m.name, m.folded"
        )
        # Looked up once per stored name below: without an index, a second resolve of a
        # store with many names would scan the table for each.
        self._conn.execute("CREATE INDEX counted_names_key ON counted_names (entity_id, name)")
        self._conn.execute(
            "DELETE FROM entity_names WHERE NOT EXISTS (SELECT 1 FROM counted_names c"
            " WHERE c.entity_id = entity_names.entity_id AND c.name = entity_names.name)"
        )
        self._conn.execute(  # WHERE true: SQLite's reading of an upsert from a SELECT
            "INSERT INTO entity_names (entity_id, name, folded, units)"
            " SELECT entity_id, name, folded, units FROM counted_names WHERE true"
            " ORDER BY entity_id, name"
            " ON CONFLICT (entity_id, name) DO UPDATE"
            " SET folded = excluded.folded, units = excluded.units"
            " WHERE entity_names.folded <> excluded.folded"
            " OR entity_names.units <> excluded.units"
        )
        self._conn.execute("DROP TABLE counted_names")

    def _move_names(self, moves: Iterable[Move]) -> None:
        """Count down the names of members on the actor they leave, up on the one they join."""
        deltas: Counter[tuple[str, str, str]] = Counter()
        for old, new, names in moves:
            if old == new:
                continue
            for name, folded in names:
                if old is not None:
                    deltas[old, name, folded] -= 1
                if new is not None:
                    deltas[new, name, folded] += 1
        rows = sorted((*key, units) for key, units in deltas.items() if units)
        self._conn.executemany(
            "INSERT INTO entity_names (entity_id, name, folded, units) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (entity_id, name)"
            " DO UPDATE SET units = entity_names.units + excluded.units",
            rows,
        )
        self._conn.executemany(
            "DELETE FROM entity_names WHERE entity_id = ? AND name = ? AND units <= 0",
            [(entity, name) for entity, name, _, units in rows if units < 0],
        )
