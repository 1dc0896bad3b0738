"""The resolved layer of a store (SQLite, PostgreSQL): actors across articles, events across
outlets.

The surface rows (``actors``, ``mentions``, ``events`` ...) say what each article says;
the resolved rows are derived from them by ``diplograph.resolve``:

- ``resolve_keys``: the blocking keys of each mention (article, surface actor);
- ``entities`` (resolved actors), ``entity_members`` (mention -> entity), ``entity_links``
  (why mentions were judged one actor) and ``offices`` (offices held, first/last seen);
- ``event_clusters`` (events, with ``num_sources`` and ``num_articles``) and
  ``cluster_members`` (report -> event, with the report's signature).

After each save only the part the article touches is resolved again: the mentions that
share blocking keys with the article's (transitively), then the reports whose signature
(type, status, sides) is one of those touched. Resolution gives the same result for a
part as for the whole, so the store after any sequence of saves equals a full ``resolve``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from diplograph.models import fold
from diplograph.resolve.actors import Entity, Mention, Unit, blocking_keys, resolve_actors
from diplograph.resolve.events import Cluster, Party, Report, cluster_reports, outlet

_CHUNK = 400
RESOLVED_TABLES = (
    "resolve_keys",
    "entities",
    "entity_members",
    "entity_links",
    "offices",
    "event_clusters",
    "cluster_members",
)


def _chunks(items: Iterable[Any]) -> Iterator[tuple[list[Any], str]]:
    ordered = sorted(items)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start : start + _CHUNK]
        yield chunk, ", ".join("?" * len(chunk))


@dataclass
class Previous:
    """What a stored article took part in before it is replaced, to resolve around it."""

    entities: set[str] = field(default_factory=set)
    mates: set[Unit] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    signatures: set[str] = field(default_factory=set)
    clusters: set[str] = field(default_factory=set)


class Resolution:
    """Reads surface rows, runs ``diplograph.resolve`` and writes the resolved rows."""

    # A DB-API connection whose ``execute`` takes ``?`` placeholders and whose rows are read
    # by index and by column name: ``sqlite3`` itself, or ``postgres.Connection``.
    _conn: Any

    # -- entry points ---------------------------------------------------------------------

    def _previous(self, article_id: str) -> Previous:
        """Capture, before an article is deleted, the actors and events it was part of."""
        prev = Previous()
        units = self._article_units(article_id)
        for entity, kind in self._entities_of(units).values():
            (prev.countries if kind == "country" else prev.entities).add(entity)
        for chunk, marks in _chunks(prev.entities):
            for r in self._conn.execute(
                f"SELECT article_id, actor_id FROM entity_members WHERE entity_id IN ({marks})",
                chunk,
            ):
                if r[0] != article_id:
                    prev.mates.add((r[0], r[1]))
        for r in self._conn.execute(
            "SELECT c.cluster_id, c.signature FROM cluster_members c"
            " JOIN events e ON e.id = c.event_id WHERE e.article_id = ?",
            (article_id,),
        ):
            prev.clusters.add(r[0])
            prev.signatures.add(r[1])
        return prev

    def _resolve_article(self, article_id: str, previous: Previous | None = None) -> None:
        """Resolve again what a newly saved article touches (and what it replaced)."""
        previous = previous or Previous()
        mentions = self._mentions(self._article_units(article_id))
        self._write_keys(mentions)
        countries = {m.unit for m in mentions if m.kind == "country"}
        seeds = {m.unit for m in mentions if m.kind != "country"} | previous.mates
        changed = self._reresolve(self._closure(seeds) | countries, previous.entities)
        self._drop_empty(previous.countries)
        events = self._article_events(article_id) | self._events_of(changed)
        self._recluster(events, set(previous.signatures), set(previous.clusters))

    def _drop_empty(self, entities: set[str]) -> None:
        """Delete the actors among ``entities`` that no mention is resolved to any more."""
        for chunk, marks in _chunks(entities):
            self._conn.execute(
                f"DELETE FROM entities WHERE id IN ({marks}) AND NOT EXISTS"
                " (SELECT 1 FROM entity_members m WHERE m.entity_id = entities.id)",
                chunk,
            )

    def _resolve_all(self) -> dict[str, int]:
        """Resolve the whole store from its surface rows; returns what was found."""
        for table in RESOLVED_TABLES:
            self._conn.execute(f"DELETE FROM {table}")
        mentions = self._mentions(None)
        self._write_keys(mentions)
        entities = resolve_actors(mentions)
        self._write_entities(entities)
        reports = self._reports(None)
        clusters = cluster_reports(reports)
        self._write_clusters(clusters)
        return {
            "mentions": len(mentions),
            "actors": len(entities),
            "reports": len(reports),
            "events": len(clusters),
            "events_with_several_articles": sum(c.num_articles > 1 for c in clusters),
        }

    # -- actors ---------------------------------------------------------------------------

    def _stage(self, units: set[Unit]) -> None:
        """Put ``units`` in the temporary table ``staged_units`` that the next query joins.

        Queries start from it with CROSS JOIN, which makes SQLite read the staged units
        first (it has no statistics on a temporary table and would scan the big one), and
        match participants as ``+p.actor_id``, so that they are found by their event, not
        among every participation of the actor.
        """
        self._conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS staged_units (article_id TEXT NOT NULL,"
            " actor_id TEXT NOT NULL, PRIMARY KEY (article_id, actor_id))"
        )
        self._conn.execute("DELETE FROM staged_units")
        self._conn.executemany("INSERT INTO staged_units VALUES (?, ?)", sorted(units))

    def _article_units(self, article_id: str) -> set[Unit]:
        rows = self._conn.execute(
            "SELECT DISTINCT article_id, actor_id FROM mentions WHERE article_id = ?",
            (article_id,),
        )
        return {(r[0], r[1]) for r in rows}

    def _mentions(self, units: set[Unit] | None) -> list[Mention]:
        """The ``Mention`` of each unit (all units when None), from its article's rows."""
        mentions, events = "mentions m", "events e JOIN event_participants p ON p.event_id = e.id"
        if units is not None:
            self._stage(units)
            mentions = (
                "staged_units u CROSS JOIN mentions m"
                " ON m.article_id = u.article_id AND m.actor_id = u.actor_id"
            )
            events = (
                "staged_units u CROSS JOIN events e ON e.article_id = u.article_id"
                " CROSS JOIN event_participants p ON p.event_id = e.id AND +p.actor_id = u.actor_id"
            )
        grouped: dict[Unit, list[Any]] = {}
        for r in self._conn.execute(
            "SELECT m.article_id, m.actor_id, m.name, m.folded, m.title, m.country, m.org,"
            " ac.kind, ac.name AS main, ac.folded AS main_folded, ar.published FROM "
            + mentions
            + " JOIN actors ac ON ac.id = m.actor_id JOIN articles ar ON ar.id = m.article_id"
        ):
            grouped.setdefault((r["article_id"], r["actor_id"]), []).append(r)
        days = {
            (r[0], r[1]): (r[2], r[3])
            for r in self._conn.execute(
                "SELECT e.article_id, p.actor_id, min(e.day), max(e.day) FROM "
                + events
                + " GROUP BY e.article_id, p.actor_id"
            )
        }
        return [_mention(unit, grouped[unit], days.get(unit)) for unit in sorted(grouped)]

    def _write_keys(self, mentions: list[Mention]) -> None:
        rows = [(key, m.article_id, m.actor_id) for m in mentions for key in blocking_keys(m)]
        self._conn.executemany(
            "INSERT INTO resolve_keys VALUES (?, ?, ?) ON CONFLICT DO NOTHING", rows
        )

    def _closure(self, seeds: set[Unit]) -> set[Unit]:
        """Every unit linked to ``seeds`` through shared blocking keys."""
        units = set(seeds)
        frontier, keys = set(seeds), set[str]()
        while frontier:
            new_keys = set()
            for chunk, marks in _chunks({a for a, _ in frontier}):
                for r in self._conn.execute(
                    f"SELECT key, article_id, actor_id FROM resolve_keys"
                    f" WHERE article_id IN ({marks})",
                    chunk,
                ):
                    if (r[1], r[2]) in frontier and r[0] not in keys:
                        new_keys.add(r[0])
            keys |= new_keys
            frontier = set()
            for chunk, marks in _chunks(new_keys):
                for r in self._conn.execute(
                    f"SELECT article_id, actor_id FROM resolve_keys WHERE key IN ({marks})", chunk
                ):
                    if (r[0], r[1]) not in units:
                        units.add((r[0], r[1]))
                        frontier.add((r[0], r[1]))
        return units

    def _entities_of(self, units: set[Unit]) -> dict[Unit, tuple[str, str]]:
        """Each unit's resolved actor and its kind."""
        return {u: (state[0], state[1]) for u, state in self._entity_state(units).items()}

    def _entity_state(self, units: set[Unit]) -> dict[Unit, tuple[Any, ...]]:
        """Each unit's resolved actor: id, kind, country, organisation."""
        self._stage(units)
        rows = self._conn.execute(
            "SELECT m.article_id, m.actor_id, m.entity_id, n.kind, n.country, n.org"
            " FROM staged_units u CROSS JOIN entity_members m"
            " ON m.article_id = u.article_id AND m.actor_id = u.actor_id"
            " JOIN entities n ON n.id = m.entity_id"
        )
        return {(r[0], r[1]): (r[2], r[3], r[4], r[5]) for r in rows}

    def _reresolve(self, units: set[Unit], stale: set[str]) -> set[Unit]:
        """Resolve ``units`` again; returns those whose actor (or its state, org) changed."""
        before = self._entity_state(units)
        entities = resolve_actors(self._mentions(units))
        stale = stale | {state[0] for state in before.values()}
        for chunk, marks in _chunks(stale):
            for table, column in (
                ("entities", "id"),
                ("entity_links", "entity_id"),
                ("offices", "entity_id"),
            ):
                self._conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
        self._stage(units)
        self._conn.execute(
            "DELETE FROM entity_members WHERE (article_id, actor_id) IN"
            " (SELECT article_id, actor_id FROM staged_units)"
        )
        self._write_entities(entities)
        after = {u: (e.id, e.kind, e.country, e.org) for e in entities for u in e.members}
        return {u for u in units if before.get(u) != after.get(u)}

    def _write_entities(self, entities: list[Entity]) -> None:
        c = self._conn
        c.executemany(
            _replace("entities", 8, "id"),
            [
                (e.id, e.kind, e.name, fold(e.name), e.country, e.org, e.acronym, e.search)
                for e in entities
            ],
        )
        c.executemany(
            "INSERT INTO entity_members VALUES (?, ?, ?)",
            [(art, actor, e.id) for e in entities for art, actor in e.members],
        )
        c.executemany(
            _replace("entity_links", 6, "entity_id, position"),
            [
                (e.id, n, link.rule, link.names[0], link.names[1], _json(link.evidence))
                for e in entities
                for n, link in enumerate(e.links)
            ],
        )
        c.executemany(
            _replace("offices", 8, "entity_id, position"),
            [
                (e.id, n, o.title, o.country, o.org, o.first_seen, o.last_seen, o.articles)
                for e in entities
                for n, o in enumerate(e.offices)
            ],
        )

    # -- events ---------------------------------------------------------------------------

    def _article_events(self, article_id: str) -> set[str]:
        rows = self._conn.execute("SELECT id FROM events WHERE article_id = ?", (article_id,))
        return {r[0] for r in rows}

    def _events_of(self, units: set[Unit]) -> set[str]:
        """The events in which one of ``units`` takes part."""
        self._stage(units)
        rows = self._conn.execute(
            "SELECT DISTINCT e.id FROM staged_units u"
            " CROSS JOIN events e ON e.article_id = u.article_id"
            " CROSS JOIN event_participants p ON p.event_id = e.id AND +p.actor_id = u.actor_id"
        )
        return {r[0] for r in rows}

    def _reports(self, event_ids: set[str] | None) -> list[Report]:
        """The ``Report`` of each event (all when None), its parties resolved."""
        head = """SELECT e.id, e.article_id, e.position, e.type, e.status, e.date, e.day,
                         e.place, a.url, a.source
                  FROM events e JOIN articles a ON a.id = e.article_id"""
        parts = """SELECT p.event_id, p.kind, p.actor_id, p.country, p.org, m.entity_id,
                          n.country AS entity_country, n.org AS entity_org
                   FROM event_participants p JOIN events e ON e.id = p.event_id
                   LEFT JOIN entity_members m
                     ON m.article_id = e.article_id AND m.actor_id = p.actor_id
                   LEFT JOIN entities n ON n.id = m.entity_id"""
        if event_ids is None:
            batches: list[tuple[str, str, list[str]]] = [("", "", [])]
        else:
            batches = [
                (f" WHERE e.id IN ({marks})", f" WHERE p.event_id IN ({marks})", chunk)
                for chunk, marks in _chunks(event_ids)
            ]
        events: list[Any] = []
        parties: dict[str, list[Party]] = {}
        for where_e, where_p, params in batches:
            events += self._conn.execute(head + where_e, params).fetchall()
            for p in self._conn.execute(parts + where_p + " ORDER BY p.position", params):
                parties.setdefault(p["event_id"], []).append(_party(p))
        return [
            Report(
                event_id=r["id"],
                article_id=r["article_id"],
                position=r["position"],
                type=r["type"],
                status=r["status"],
                date=r["date"],
                day=r["day"],
                place=r["place"],
                outlet=outlet(r["url"], r["source"]),
                parties=tuple(parties.get(r["id"], ())),
            )
            for r in events
        ]

    def _recluster(self, event_ids: set[str], signatures: set[str], clusters: set[str]) -> None:
        """Cluster again every report sharing a signature with ``event_ids``' reports."""
        stored: dict[str, tuple[str, str]] = {}
        for chunk, marks in _chunks(event_ids):
            for r in self._conn.execute(
                "SELECT event_id, cluster_id, signature FROM cluster_members"
                f" WHERE event_id IN ({marks})",
                chunk,
            ):
                stored[r[0]] = (r[1], r[2])
        reports = self._reports(event_ids)
        wanted = signatures | {r.signature for r in reports} | {s for _, s in stored.values()}
        scope = set(event_ids)
        for chunk, marks in _chunks(wanted):
            for r in self._conn.execute(
                f"SELECT event_id, cluster_id FROM cluster_members WHERE signature IN ({marks})",
                chunk,
            ):
                scope.add(r[0])
                clusters.add(r[1])
        clusters = clusters | {c for c, _ in stored.values()}
        reports += self._reports(scope - event_ids)
        for chunk, marks in _chunks(clusters):
            self._conn.execute(f"DELETE FROM event_clusters WHERE id IN ({marks})", chunk)
        for chunk, marks in _chunks(scope):
            self._conn.execute(f"DELETE FROM cluster_members WHERE event_id IN ({marks})", chunk)
        self._write_clusters(cluster_reports(reports))

    def _write_clusters(self, clusters: list[Cluster]) -> None:
        self._conn.executemany(
            "INSERT INTO event_clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    c.id,
                    c.signature,
                    c.type,
                    c.status,
                    c.date,
                    c.day,
                    c.place,
                    c.lead,
                    c.num_sources,
                    c.num_articles,
                    len(c.members),
                )
                for c in clusters
            ],
        )
        self._conn.executemany(
            "INSERT INTO cluster_members VALUES (?, ?, ?)",
            [(event, c.id, c.signature) for c in clusters for event in c.members],
        )


_COLUMNS = {
    "entities": "id kind name folded country org acronym search",
    "entity_links": "entity_id position rule name other evidence",
    "offices": "entity_id position title country org first_seen last_seen articles",
}


def _replace(table: str, width: int, key: str) -> str:
    """An insert that replaces the row with the same ``key`` (SQLite and PostgreSQL alike)."""
    columns = _COLUMNS[table].split()
    assert len(columns) == width
    marks = ", ".join("?" * width)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in key.split(", "))
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        f" ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _mention(unit: Unit, rows: list[Any], days: tuple[Any, Any] | None) -> Mention:
    """One unit's mention rows (one per name) as a ``Mention``."""
    rows = sorted(rows, key=lambda r: r["name"])
    first = rows[0]
    own = [r["name"] for r in rows if r["folded"] == first["main_folded"]]
    published = (first["published"] or "")[:10] or None
    first_day, last_day = days or (None, None)
    countries = sorted(r["country"] for r in rows if r["country"])
    orgs = sorted(r["org"] for r in rows if r["org"])
    org = orgs[0] if orgs else None
    return Mention(
        article_id=unit[0],
        actor_id=unit[1],
        kind=first["kind"],
        name=own[0] if own else first["main"],
        names=tuple(sorted({r["name"] for r in rows})),
        titles=tuple(sorted({r["title"] for r in rows if r["title"]})),
        country=countries[0] if countries else None,
        org=org if first["kind"] == "person" else None,
        acronym=org if first["kind"] == "organization" else None,
        first_day=first_day or published,
        last_day=last_day or published,
    )


def _party(row: Any) -> Party:
    entity = row["entity_id"] or f"act:{row['actor_id']}"
    if row["kind"] == "person":
        return Party(
            "person",
            entity,
            row["country"] or row["entity_country"],
            row["org"] or row["entity_org"],
        )
    return Party(row["kind"], entity, row["country"] if row["kind"] == "country" else None)
