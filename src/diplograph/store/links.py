"""Each resolved event linked to the countries and resolved actors on its sides (schema v5).

``event_countries`` holds a row per resolved event and country among its sides,
``event_actors`` one per resolved event and resolved actor taking part. Each row carries
the event's ``day``, ``type`` and ``status`` (what the filters compare) and its sides as
both graph levels draw them, so that the read side (``reads.py``, ``views.py``) takes a
country's or an actor's events from one index range, and their timeline and network from
those rows alone, without visiting each event.

A *side* is a participant of a report of the event, as (resolved actor, country,
organisation). Its country is the one the article gives, else, for a person, the resolved
actor's: the rule of the country filter. Its organisation, kept only for a side without a
country, is the one the article names, which the country-level graph draws as the node.
``sides`` lists the event's sides as the country-level graph sees them (a country code, or
``[actor, organisation]`` for a side without a country) and ``actors`` as the actor-level
graph does (``[actor, country]``): sorted JSON, so that events with the same sides have the
same text and the graph of many events adds up a few distinct texts.

The rows of an event are written with it and deleted with it (``resolution.py``). A change
of a participant's resolved actor, or of that actor's country, clusters its events again,
so their links are written again too.

``event_months`` (schema v7) counts the resolved events by month (``YYYY-MM``, "" when
undated), type and status: of the whole store (``link`` ``all``, ``key`` ""), of each country
(``country``) and of each resolved actor (``actor``), as their link rows hold them. The
counts change with the link rows, in the same transaction, so that a timeline reads a few
hundred counts rather than counting a country's events one by one (``views.py``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

LINK_TABLES = ("event_countries", "event_actors")
# (link, key, month, type, status) of a row of ``event_months``; see the module docstring.
MonthKey = tuple[str, str, str, str, str]
# The month an event is counted under: ``YYYY-MM`` of a whole day, "" when undated, and the
# month (or year) of a shorter day with SHORT after it: a filter by day compares such a day
# as text, so a timeline with a period counts those events one by one (views.py).
SHORT = "~"
MONTH_OF_DAY = (
    f"CASE WHEN day IS NULL THEN '' WHEN length(day) = 10 THEN substr(day, 1, 7)"
    f" ELSE substr(day, 1, 7) || '{SHORT}' END"
)
# The month counts of every event (``{where}``: "" or a WHERE clause on the table).
COUNT_MONTHS = (
    f"SELECT 'all', '', {MONTH_OF_DAY}, type, status, count(*)"
    " FROM event_clusters{where} GROUP BY 3, 4, 5",
    f"SELECT 'country', country, {MONTH_OF_DAY}, type, status, count(*)"
    " FROM event_countries{where} GROUP BY 2, 3, 4, 5",
    f"SELECT 'actor', entity_id, {MONTH_OF_DAY}, type, status, count(*)"
    " FROM event_actors{where} GROUP BY 2, 3, 4, 5",
)
# Those of chosen events: ``{in}`` is where their ids go.
_COUNTED = tuple(
    sql.replace("{where}", f" WHERE {column} IN ({{in}})")
    for sql, column in zip(COUNT_MONTHS, ("id", "cluster_id", "cluster_id"), strict=True)
)


def month_of(day: str | None) -> str:
    """``MONTH_OF_DAY`` in Python."""
    if not day:
        return ""
    return day[:7] if len(day) == 10 else day[:7] + SHORT


_KEY = "link = ? AND key = ? AND month = ? AND type = ? AND status = ?"
# (resolved actor, country, organisation) of one participant; see the module docstring.
Side = tuple[str, str | None, str | None]
# An event to link: its id, day, type, status and reports (event ids).
Linked = tuple[str, str | None, str, str, Iterable[str]]
# The participants of reports, each with its resolved actor; ``_event_sides`` and
# ``Resolution._reports`` read it by position.
PARTICIPANTS = """SELECT p.event_id, p.kind, p.actor_id, p.country, p.org, m.entity_id,
                         n.country AS entity_country, n.org AS entity_org
                  FROM event_participants p JOIN events e ON e.id = p.event_id
                  LEFT JOIN entity_members m
                    ON m.article_id = e.article_id AND m.actor_id = p.actor_id
                  LEFT JOIN entities n ON n.id = m.entity_id"""


def side_of(row: Any) -> Side | None:
    """A row of ``PARTICIPANTS`` as a side; None when its actor is not resolved (a store
    resolves every participant's actor, each having a mention in its article)."""
    _, kind, _, country, org, entity, entity_country, _ = row
    if entity is None:
        return None
    if country is None and kind == "person":
        country = entity_country
    return (entity, country, org if country is None else None)


def encode_sides(sides: Iterable[Side]) -> tuple[str, str]:
    """An event's ``sides`` and ``actors`` texts (see the module docstring)."""
    countries: set[str] = set()
    stateless: set[tuple[str, str | None]] = set()
    actors: set[tuple[str, str | None]] = set()
    for entity, country, org in sides:
        actors.add((entity, country))
        if country is not None:
            countries.add(country)
        else:
            stateless.add((entity, org))
    listed = [*sorted(countries), *sorted(stateless, key=_nulls_first)]
    return _json(listed), _json(sorted(actors, key=_nulls_first))


def _nulls_first(pair: tuple[str, str | None]) -> tuple[str, bool, str]:
    return (pair[0], pair[1] is not None, pair[1] or "")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Links:
    """Writes and deletes the link rows of resolved events."""

    # A connection as in ``Resolution``: ``execute``/``executemany`` with ``?`` marks.
    _conn: Any

    def _write_links(self, events: Iterable[Linked], sides_of: dict[str, set[Side]]) -> None:
        """Link ``events`` to their countries and actors; ``sides_of`` maps every report of
        them to its sides."""
        countries: list[tuple[Any, ...]] = []
        actors: list[tuple[Any, ...]] = []
        counts: Counter[MonthKey] = Counter()
        for cluster_id, day, type_, status, reports in events:
            month = month_of(day)
            counts["all", "", month, type_, status] += 1
            sides = {side for report in reports for side in sides_of.get(report, ())}
            if not sides:
                continue
            row = (cluster_id, day, type_, status, *encode_sides(sides))
            in_countries = {s[1] for s in sides if s[1] is not None}
            in_actors = {s[0] for s in sides}
            countries += [(c, *row) for c in in_countries]
            actors += [(e, *row) for e in in_actors]
            counts.update(("country", c, month, type_, status) for c in in_countries)
            counts.update(("actor", e, month, type_, status) for e in in_actors)
        # In key order, so that a whole store's links are appended rather than scattered.
        for table, rows in zip(LINK_TABLES, (countries, actors), strict=True):
            rows.sort(key=lambda r: (r[0], r[1]))
            self._conn.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self._conn.executemany(
            "INSERT INTO event_months VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (link, key, month, type, status)"
            " DO UPDATE SET events = event_months.events + excluded.events",
            sorted((*key, n) for key, n in counts.items()),
        )

    def _drop_links(self, cluster_ids: list[str], marks: str) -> None:
        """Delete the link rows of the events ``cluster_ids`` (``marks``: their ``?``s) and
        take them off the monthly counts; before the events themselves are deleted."""
        gone = [
            (row[5], *row[:5])
            for counted in _COUNTED
            for row in self._conn.execute(counted.replace("{in}", marks), cluster_ids)
        ]
        self._conn.executemany(f"UPDATE event_months SET events = events - ? WHERE {_KEY}", gone)
        self._conn.executemany(
            f"DELETE FROM event_months WHERE {_KEY} AND events <= 0", [g[1:] for g in gone]
        )
        for table in LINK_TABLES:
            self._conn.execute(f"DELETE FROM {table} WHERE cluster_id IN ({marks})", cluster_ids)

    def _link_all(self) -> None:
        """Link every resolved event again, from the stored clusters (a store resolved
        before schema v5 has none), and count them again."""
        for table in (*LINK_TABLES, "event_months"):
            self._conn.execute(f"DELETE FROM {table}")
        sides_of: dict[str, set[Side]] = {}
        for row in self._conn.execute(PARTICIPANTS):
            side = side_of(row)
            if side is not None:
                sides_of.setdefault(row[0], set()).add(side)
        events: dict[str, tuple[str, str | None, str, str, list[str]]] = {}
        for cid, day, type_, status, report in self._conn.execute(
            "SELECT c.id, c.day, c.type, c.status, cm.event_id FROM event_clusters c"
            " JOIN cluster_members cm ON cm.cluster_id = c.id"
        ):
            events.setdefault(cid, (cid, day, type_, status, []))[4].append(report)
        self._write_links(events.values(), sides_of)
