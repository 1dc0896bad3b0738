"""The resolved layer of a store (SQLite, PostgreSQL): actors across articles, events across
outlets.

The surface rows (``actors``, ``mentions``, ``events`` ...) say what each article says;
the resolved rows are derived from them by ``diplograph.resolve``:

- ``resolve_keys``: the blocking keys of each mention (article, surface actor);
- ``entities`` (resolved actors), ``entity_members`` (mention -> entity), ``entity_links``
  (why mentions were judged one actor) and ``offices`` (offices held, first/last seen);
- ``event_clusters`` (events, with ``num_sources`` and ``num_articles``) and
  ``cluster_members`` (report -> event, with the report's signature);
- for the read side, ``event_countries`` and ``event_actors`` (``links.py``: written and
  dropped with their events) and ``entity_names`` (``names.py``: counted as members move
  from one actor to another).

After each save only the part the article touches is resolved again: the mentions that
share blocking keys with the article's (transitively), then the reports whose signature
(type, status, sides) is one of those touched. Resolution gives the same result for a
part as for the whole, so the store after any sequence of saves equals a full ``resolve``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from diplograph.models import fold
from diplograph.resolve.actors import ActorMention, Entity, Unit, blocking_keys, resolve_actors
from diplograph.resolve.events import Cluster, Party, Report, cluster_reports, outlet
from diplograph.store.links import LINK_TABLES, PARTICIPANTS, Links, Side, side_of
from diplograph.store.names import Move, NameCounts, Names

_CHUNK = 400
# Each event's participants in their order; in the participants' key order, so that a whole
# store's are read off the key rather than sorted.
_IN_ORDER = " ORDER BY p.event_id, p.position"
RESOLVED_TABLES = (
    "resolve_keys",
    "entities",
    "entity_members",
    "entity_links",
    "offices",
    "event_clusters",
    "cluster_members",
    *LINK_TABLES,
    "event_months",
)  # and entity_names, which a whole resolve brings up to date (names.py)


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
    names: list[Move] = field(default_factory=list)


class Resolution(Links, NameCounts):
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
        members: dict[str, Names] = {}
        for r in self._conn.execute(
            "SELECT em.entity_id, m.name, m.folded FROM mentions m JOIN entity_members em"
            " ON em.article_id = m.article_id AND em.actor_id = m.actor_id WHERE m.article_id = ?",
            (article_id,),
        ):
            members.setdefault(r[0], []).append((r[1], r[2]))
        prev.names = [(entity, None, names) for entity, names in members.items()]
        return prev

    def _resolve_article(self, article_id: str, previous: Previous | None = None) -> None:
        """Resolve again what a newly saved article touches (and what it replaced)."""
        previous = previous or Previous()
        self._move_names(previous.names)
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
        self._count_names()
        reports, sides = self._reports(None)
        clusters = cluster_reports(reports)
        self._write_clusters(clusters, sides)
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

    def _mentions(self, units: set[Unit] | None) -> list[ActorMention]:
        """The ``ActorMention`` of each unit (all units when None), from its article's rows."""
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
        # Rows are read by position (see _mention): a full resolve reads millions.
        for r in self._conn.execute(
            "SELECT m.article_id, m.actor_id, m.name, m.folded, m.title, m.country, m.org,"
            " ac.kind, ac.name AS main, ac.folded AS main_folded, ar.published FROM "
            + mentions
            + " JOIN actors ac ON ac.id = m.actor_id JOIN articles ar ON ar.id = m.article_id"
        ):
            grouped.setdefault((r[0], r[1]), []).append(r)
        days = {
            (r[0], r[1]): (r[2], r[3])
            for r in self._conn.execute(
                "SELECT e.article_id, p.actor_id, min(e.day), max(e.day) FROM "
                + events
                + " GROUP BY e.article_id, p.actor_id"
            )
        }
        return [_mention(unit, grouped[unit], days.get(unit)) for unit in sorted(grouped)]

    def _write_keys(self, mentions: list[ActorMention]) -> None:
        # Rows go in in key order here and below: a whole store's are then appended to the
        # primary key, not scattered over it.
        rows = sorted((k, m.article_id, m.actor_id) for m in mentions for k in blocking_keys(m))
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
        moved = {u for u in units if before.get(u, (None,))[0] != after.get(u, (None,))[0]}
        names = self._unit_names(moved)
        self._move_names(
            (before.get(u, (None,))[0], after.get(u, (None,))[0], names.get(u, [])) for u in moved
        )
        return {u for u in units if before.get(u) != after.get(u)}

    def _unit_names(self, units: set[Unit]) -> dict[Unit, Names]:
        """The names (name, folded) each of ``units`` is given in its article."""
        found: dict[Unit, Names] = {}
        if units:
            self._stage(units)
            for r in self._conn.execute(
                "SELECT m.article_id, m.actor_id, m.name, m.folded FROM staged_units u"
                " CROSS JOIN mentions m ON m.article_id = u.article_id AND m.actor_id = u.actor_id"
            ):
                found.setdefault((r[0], r[1]), []).append((r[2], r[3]))
        return found

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
            sorted((art, actor, e.id) for e in entities for art, actor in e.members),
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

    def _reports(self, event_ids: set[str] | None) -> tuple[list[Report], dict[str, set[Side]]]:
        """The ``Report`` of each event (all when None), its parties resolved, and the sides
        of each (``links.side_of``)."""
        head = """SELECT e.id, e.article_id, e.position, e.type, e.status, e.date, e.day,
                         e.place, a.url, a.source
                  FROM events e JOIN articles a ON a.id = e.article_id"""
        if event_ids is None:
            batches: list[tuple[str, str, list[str]]] = [("", "", [])]
        else:
            batches = [
                (f" WHERE e.id IN ({marks})", f" WHERE p.event_id IN ({marks})", chunk)
                for chunk, marks in _chunks(event_ids)
            ]
        events: list[Any] = []
        parties: dict[str, list[Party]] = {}
        sides: dict[str, set[Side]] = {}
        for where_e, where_p, params in batches:
            events += self._conn.execute(head + where_e, params).fetchall()
            for p in self._conn.execute(PARTICIPANTS + where_p + _IN_ORDER, params):
                parties.setdefault(p[0], []).append(_party(p))
                side = side_of(p)
                if side is not None:
                    sides.setdefault(p[0], set()).add(side)
        reports = []
        for r in events:
            event_id, article_id, position, type_, status, date, day, place, url, source = r
            parts_of = tuple(parties.get(event_id, ()))
            where = outlet(url, source)
            reports.append(
                Report(
                    event_id, article_id, position, type_, status, date, day, place, where, parts_of
                )
            )
        return reports, sides

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
        reports, sides = self._reports(event_ids)
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
        more, more_sides = self._reports(scope - event_ids)
        reports += more
        sides.update(more_sides)
        for chunk, marks in _chunks(clusters):
            self._drop_links(chunk, marks)
            self._conn.execute(f"DELETE FROM event_clusters WHERE id IN ({marks})", chunk)
        for chunk, marks in _chunks(scope):
            self._conn.execute(f"DELETE FROM cluster_members WHERE event_id IN ({marks})", chunk)
        self._write_clusters(cluster_reports(reports), sides)

    def _write_clusters(self, clusters: list[Cluster], sides: dict[str, set[Side]]) -> None:
        """Write ``clusters`` and their links; ``sides`` holds the sides of their reports."""
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
            sorted((event, c.id, c.signature) for c in clusters for event in c.members),
        )
        self._write_links(((c.id, c.day, c.type, c.status, c.members) for c in clusters), sides)


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


def _mention(unit: Unit, rows: list[Any], days: tuple[Any, Any] | None) -> ActorMention:
    """One unit's mention rows (one per name; by position, as ``_mentions`` selects them:
    name, folded, title, country, org from 2, then kind, main, main_folded, published)
    as an ``ActorMention``."""
    if len(rows) > 1:
        rows = sorted(rows, key=itemgetter(2))
    first = rows[0]
    kind = first[7]
    own = [r[2] for r in rows if r[3] == first[9]]
    published = (first[10] or "")[:10] or None
    first_day, last_day = days or (None, None)
    countries = sorted(r[5] for r in rows if r[5])
    orgs = sorted(r[6] for r in rows if r[6])
    org = orgs[0] if orgs else None
    return ActorMention(
        article_id=unit[0],
        actor_id=unit[1],
        kind=kind,
        name=own[0] if own else first[8],
        names=tuple(r[2] for r in rows),  # distinct: a unit's rows differ by name
        titles=tuple(sorted({r[4] for r in rows if r[4]})),
        country=countries[0] if countries else None,
        org=org if kind == "person" else None,
        acronym=org if kind == "organization" else None,
        first_day=first_day or published,
        last_day=last_day or published,
    )


def _party(row: Any) -> Party:
    """A participant row of ``_reports`` (by position: event_id, kind, actor_id, country,
    org, entity_id, entity_country, entity_org) as a ``Party``."""
    _, kind, actor, country, org, entity, entity_country, entity_org = row
    entity = entity or f"act:{actor}"
    if kind == "person":
        return Party("person", entity, country or entity_country, org or entity_org)
    return Party(kind, entity, country if kind == "country" else None)
